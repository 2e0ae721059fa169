/// etcdctl's `-w/--write-out` formats.
package enum OutputFormat: String, Sendable, CaseIterable {
    case simple
    case json
    case fields
    case table
}

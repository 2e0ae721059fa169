/// One durable change, as written to the log. A log record is a revision number (0 when the record
/// takes none) and the mutations applied at it, in order.
package enum StoreMutation: Sendable, Equatable {
    case put(key: [UInt8], value: [UInt8], lease: Int64)
    case delete(key: [UInt8])
    case leaseGrant(id: Int64, ttl: Int64)
    case leaseRevoke(id: Int64)
    case compact(revision: Int64)
}

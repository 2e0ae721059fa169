/// One revision of one key: a put (`version >= 1`) or the tombstone left by a deletion
/// (`version == 0`, every other field but the revisions zero).
package struct KeyVersion: Sendable {
    /// The main revision of the write.
    var modRevision: Int64
    var createRevision: Int64
    var version: Int64
    var lease: Int64
    var value: [UInt8]
    /// Position of the write among the writes of its revision (etcd's sub-revision).
    var subIndex: Int32

    var isTombstone: Bool { version == 0 }

    static func tombstone(revision: Int64, subIndex: Int32) -> KeyVersion {
        KeyVersion(modRevision: revision, createRevision: 0, version: 0, lease: 0, value: [], subIndex: subIndex)
    }
}

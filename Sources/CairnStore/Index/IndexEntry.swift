/// One key of the index with its history, lent to a scan: both point into the chunk's storage and
/// are valid only during the call they are passed to, which keeps scans free of copies and
/// reference counting.
struct IndexEntry {
    /// The key's bytes.
    let keyBytes: UnsafeBufferPointer<UInt8>
    private let historyAddress: UnsafePointer<KeyHistory>

    init(keyBytes: UnsafeBufferPointer<UInt8>, history: UnsafePointer<KeyHistory>) {
        self.keyBytes = keyBytes
        self.historyAddress = history
    }

    /// A copy of the key.
    var key: [UInt8] { Array(keyBytes) }

    var history: KeyHistory {
        unsafeAddress { historyAddress }
    }

    /// The revision of the key's newest version.
    var latestRevision: Int64 { history.latestRevision }

    /// Whether the key exists at `revision`.
    func isLive(at revision: Int64) -> Bool {
        history.isLive(at: revision)
    }
}

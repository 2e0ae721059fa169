import Logging

/// How an `EmbeddedStore` is opened.
package struct StoreConfiguration: Sendable {
    /// The data directory holding the log segments and snapshots (locked while open).
    package var dataDirectory: String
    /// Skip every fsync (etcd's `--unsafe-no-fsync`): for tests and throw-away data only.
    package var noSync: Bool
    /// Log records between two snapshots (etcd's `--snapshot-count`).
    package var snapshotCount: Int
    /// Operations allowed per list of a txn (etcd's `--max-txn-ops`).
    package var maxTxnOps: Int
    /// Size at which the log starts a new segment file.
    package var segmentSize: Int
    /// Time source for lease expiry.
    package var clock: any StoreClock
    /// Called after every group commit with the fdatasync's duration and the records it made durable
    /// (the server feeds `etcd_disk_wal_fsync_duration_seconds` from it).
    package var onSync: (@Sendable (Duration, Int) -> Void)?
    /// Where the store reports what it cannot return to a caller: a failed log write or sync (after
    /// which it refuses writes) and a failed snapshot. By default a logger that discards everything.
    package var logger: Logger

    package init(
        dataDirectory: String,
        noSync: Bool = false,
        snapshotCount: Int = 10_000,
        maxTxnOps: Int = 128,
        segmentSize: Int = 64 * 1024 * 1024,
        clock: any StoreClock = SystemStoreClock(),
        onSync: (@Sendable (Duration, Int) -> Void)? = nil,
        logger: Logger = Logger(label: "cairn.store", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.dataDirectory = dataDirectory
        self.noSync = noSync
        self.snapshotCount = snapshotCount
        self.maxTxnOps = maxTxnOps
        self.segmentSize = segmentSize
        self.clock = clock
        self.onSync = onSync
        self.logger = logger
    }
}

/// Settings for opening a ``WriteAheadLog``.
package struct WALOptions: Sendable {
    /// A segment file is closed and a new one started once it holds this many bytes
    /// (a single record larger than this still goes into one segment).
    package var segmentSize: Int = 64 * 1024 * 1024

    /// Skips every `fdatasync`/`fsync` (etcd's `unsafe-no-fsync`): records are written but a crash of
    /// the machine may lose them. For tests and throw-away clusters only.
    package var noSync: Bool = false

    /// Called by the flusher after each group commit with the time the data sync took and the number
    /// of records it made durable; feeds `etcd_disk_wal_fsync_duration_seconds`.
    package var onSync: (@Sendable (Duration, Int) -> Void)?

    /// Called once, with the error, when a write, sync or new segment fails and the log stops
    /// accepting records (the log has no logger of its own; the store logs it).
    package var onFailure: (@Sendable (any Error) -> Void)?

    package init(
        segmentSize: Int = 64 * 1024 * 1024,
        noSync: Bool = false,
        onSync: (@Sendable (Duration, Int) -> Void)? = nil,
        onFailure: (@Sendable (any Error) -> Void)? = nil
    ) {
        self.segmentSize = segmentSize
        self.noSync = noSync
        self.onSync = onSync
        self.onFailure = onFailure
    }
}

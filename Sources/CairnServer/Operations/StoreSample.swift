/// Store figures sampled periodically into ``ServerMetrics`` gauges.
package struct StoreSample: Sendable, Equatable {
    /// `etcd_debugging_mvcc_keys_total`: live keys.
    package var keys: Int
    /// `etcd_mvcc_db_total_size_in_bytes`: bytes the data directory occupies (WAL and snapshots).
    package var dbTotalSizeBytes: Int64
    /// `etcd_mvcc_db_total_size_in_use_in_bytes`: bytes holding data still reachable (after compaction).
    package var dbInUseSizeBytes: Int64
    /// `etcd_debugging_mvcc_current_revision`.
    package var currentRevision: Int64
    /// `etcd_debugging_mvcc_compact_revision`.
    package var compactRevision: Int64
    /// `etcd_debugging_mvcc_watcher_total` (a gauge despite its name): registered watchers.
    package var watchers: Int
    /// `etcd_debugging_mvcc_slow_watcher_total`: watchers catching up from history or parked.
    package var slowWatchers: Int
    /// `etcd_debugging_mvcc_pending_events_total`: events queued for watch streams.
    package var pendingEvents: Int

    package init(
        keys: Int, dbTotalSizeBytes: Int64, dbInUseSizeBytes: Int64, currentRevision: Int64, compactRevision: Int64,
        watchers: Int = 0, slowWatchers: Int = 0, pendingEvents: Int = 0
    ) {
        self.keys = keys
        self.dbTotalSizeBytes = dbTotalSizeBytes
        self.dbInUseSizeBytes = dbInUseSizeBytes
        self.currentRevision = currentRevision
        self.compactRevision = compactRevision
        self.watchers = watchers
        self.slowWatchers = slowWatchers
        self.pendingEvents = pendingEvents
    }
}

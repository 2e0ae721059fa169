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

    package init(
        keys: Int, dbTotalSizeBytes: Int64, dbInUseSizeBytes: Int64, currentRevision: Int64, compactRevision: Int64
    ) {
        self.keys = keys
        self.dbTotalSizeBytes = dbTotalSizeBytes
        self.dbInUseSizeBytes = dbInUseSizeBytes
        self.currentRevision = currentRevision
        self.compactRevision = compactRevision
    }
}

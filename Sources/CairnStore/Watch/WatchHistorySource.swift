import CairnWire

/// The part of a store the watch hub reads: revisions and the event history.
///
/// Commits reach the hub separately, through `WatchHub.publish(revision:events:)`, in revision
/// order and once each. History reads serve watchers that start in the past or fell behind.
package protocol WatchHistorySource: Sendable {
    /// The newest revision of the store.
    var currentRevision: Int64 { get }
    /// The revision of the last compaction (0 or below when nothing was compacted).
    var compactRevision: Int64 { get }
    /// The events of `revision` and later on the given range, in revision order, covering at
    /// least `limitRevisions` revisions when that much history exists. Events carry `prevKv`
    /// when the history still holds it. Throws `EtcdError.compacted` when `revision` is below
    /// the compact revision.
    func events(from revision: Int64, key: [UInt8], rangeEnd: [UInt8], limitRevisions: Int) throws -> [Event]
}

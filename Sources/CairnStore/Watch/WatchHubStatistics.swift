/// Gauges of the watch hub, for metrics.
package struct WatchHubStatistics: Hashable, Sendable {
    /// Registered watchers (etcd_debugging_mvcc_watcher_total).
    package var watchers: Int
    /// Watchers catching up from history or parked (etcd_debugging_mvcc_slow_watcher_total).
    package var slowWatchers: Int
    /// Events queued on streams and not yet taken by their senders
    /// (etcd_debugging_mvcc_pending_events_total).
    package var pendingEvents: Int
    /// Open watch streams.
    package var streams: Int

    package init(watchers: Int, slowWatchers: Int, pendingEvents: Int, streams: Int) {
        self.watchers = watchers
        self.slowWatchers = slowWatchers
        self.pendingEvents = pendingEvents
        self.streams = streams
    }
}

/// Tuning of the watch hub.
package struct WatchHubConfiguration: Sendable {
    /// Responses a stream may hold unsent before its watchers are parked (etcd's channel
    /// buffer is 128; a larger value parks fewer watchers of one busy stream).
    package var streamQueueCapacity: Int
    /// Most revisions one catch-up response covers (etcd: 1000).
    package var catchUpBatchRevisions: Int
    /// How often idle `progress_notify` watchers hear the current revision
    /// (etcd's `--experimental-watch-progress-notify-interval`, 10 minutes by default).
    package var progressNotifyInterval: Duration
    /// Most watchers one stream may hold; a create request beyond it is rejected in-band
    /// (`--max-watchers-per-stream`; `Int.max`, the default, means no limit, like etcd).
    package var maxWatchersPerStream: Int

    package init(
        streamQueueCapacity: Int = 1024,
        catchUpBatchRevisions: Int = 1000,
        progressNotifyInterval: Duration = .seconds(600),
        maxWatchersPerStream: Int = .max
    ) {
        precondition(streamQueueCapacity > 0 && catchUpBatchRevisions > 0 && progressNotifyInterval > .zero)
        precondition(maxWatchersPerStream > 0)
        self.streamQueueCapacity = streamQueueCapacity
        self.catchUpBatchRevisions = catchUpBatchRevisions
        self.progressNotifyInterval = progressNotifyInterval
        self.maxWatchersPerStream = maxWatchersPerStream
    }
}

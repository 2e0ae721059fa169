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

    package init(
        streamQueueCapacity: Int = 1024,
        catchUpBatchRevisions: Int = 1000,
        progressNotifyInterval: Duration = .seconds(600)
    ) {
        precondition(streamQueueCapacity > 0 && catchUpBatchRevisions > 0 && progressNotifyInterval > .zero)
        self.streamQueueCapacity = streamQueueCapacity
        self.catchUpBatchRevisions = catchUpBatchRevisions
        self.progressNotifyInterval = progressNotifyInterval
    }
}

/// Tuning of the watch hub.
package struct WatchHubConfiguration: Sendable {
    /// Responses a stream may hold unsent before its watchers are parked (etcd's channel
    /// buffer is 128; a larger value parks fewer watchers of one busy stream).
    package var streamQueueCapacity: Int
    /// Most revisions one catch-up response covers (etcd: 1000).
    package var catchUpBatchRevisions: Int

    package init(streamQueueCapacity: Int = 1024, catchUpBatchRevisions: Int = 1000) {
        precondition(streamQueueCapacity > 0 && catchUpBatchRevisions > 0)
        self.streamQueueCapacity = streamQueueCapacity
        self.catchUpBatchRevisions = catchUpBatchRevisions
    }
}

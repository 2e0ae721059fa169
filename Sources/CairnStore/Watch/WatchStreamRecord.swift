/// The watchers and the response queue of one Watch stream.
struct WatchStreamRecord {
    /// Watch id on the stream → watcher handle.
    var watchers: [Int64: Int] = [:]
    var nextAutoID: Int64 = 0
    var queue = WatchMessageQueue()
    /// Unsynced watchers of this stream in round-robin order.
    var catchingUp: [Int] = []
    /// A progress request waits until every watcher of the stream has caught up.
    var progressDeferred = false
    /// The sender waiting for something to send.
    var waiter: CheckedContinuation<Void, Never>?
    /// The request reader waiting for the queue to drain below its capacity.
    var roomWaiter: CheckedContinuation<Void, Never>?
}

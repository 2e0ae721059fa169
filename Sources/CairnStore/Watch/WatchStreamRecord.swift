/// The watchers and the response queue of one Watch stream.
///
/// A class so that the hub's many reads and in-place updates of one stream never copy its
/// collections; it lives only inside the hub's locked state.
final class WatchStreamRecord {
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

    /// The next free automatic watch id: counting from 0, skipping ids the client chose.
    func takeAutoID() -> Int64 {
        while watchers[nextAutoID] != nil {
            nextAutoID += 1
        }
        defer { nextAutoID += 1 }
        return nextAutoID
    }
}

import CairnStore
import CairnWire
import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// One write waiting for its turn: run inside a shared transaction, in arrival order.
struct PendingWrite: Sendable {
    /// Runs inside the transaction after the head lock; false skips the write (`WriteDeclined`).
    let precondition: (@Sendable (PostgresConnection, Logger) async throws -> Bool)?
    /// Applies the write to the engine (which it may leave half-changed only when it throws) and
    /// returns what to store and what to call once the transaction committed.
    let apply: @Sendable (inout MVCCEngine) throws(EtcdError) -> (WriteEffects, @Sendable () -> Void)
    /// Hands the write its error: its own, or the transaction's.
    let fail: @Sendable (any Error) -> Void
}

/// The writes queued while a transaction is in flight, taken together by the next one.
struct WriteQueue: Sendable {
    var waiting: [PendingWrite] = []
    /// Whether a task is draining the queue (it stops once the queue is empty).
    var draining = false

    /// The most writes one transaction takes, which bounds its size and how long it holds the head lock.
    static let largestBatch = 512
}

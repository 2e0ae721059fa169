import NIOConcurrencyHelpers
import NIOCore

/// Lets a task hand messages to its stream's event loop without a round trip per message.
///
/// A write returns as soon as it is queued for the event loop, while fewer than `maxMessages` messages and
/// `maxBytes` bytes are between the task and the stream (queued for the loop, or waiting in the stream's
/// HTTP/2 queue because the peer is not reading). Beyond that the writer suspends until earlier writes go
/// out, so a stalled peer still stops the writer. A failed write makes every later write throw its error.
final class GRPCOutboundWindow: Sendable {
    private struct Waiter {
        let bytes: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var messages = 0
        var bytes = 0
        var failure: (any Error)?
        var waiters: [Waiter] = []

        func hasRoom(for bytes: Int, maxMessages: Int, maxBytes: Int) -> Bool {
            messages < maxMessages && (self.bytes == 0 || self.bytes + bytes <= maxBytes)
        }
    }

    private let state = NIOLockedValueBox(State())
    private let maxMessages: Int
    private let maxBytes: Int

    init(maxMessages: Int = 256, maxBytes: Int = 256 << 10) {
        self.maxMessages = maxMessages
        self.maxBytes = maxBytes
    }

    /// Queues `submit` on `eventLoop` once there is room; `submit` runs there and its future says when the
    /// message has left the stream's queue.
    func write(
        bytes: Int, on eventLoop: any EventLoop, _ submit: @escaping @Sendable () -> EventLoopFuture<Void>
    ) async throws {
        try await reserve(bytes)
        eventLoop.execute {
            submit().whenComplete { result in
                self.release(bytes, result)
            }
        }
    }

    private func reserve(_ bytes: Int) async throws {
        let reserved = try state.withLockedValue { state -> Bool in
            if let failure = state.failure { throw failure }
            guard state.hasRoom(for: bytes, maxMessages: maxMessages, maxBytes: maxBytes) else { return false }
            state.messages += 1
            state.bytes += bytes
            return true
        }
        if reserved { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = state.withLockedValue { state -> Result<Void, any Error>? in
                if let failure = state.failure { return .failure(failure) }
                if state.waiters.isEmpty && state.hasRoom(for: bytes, maxMessages: maxMessages, maxBytes: maxBytes) {
                    state.messages += 1
                    state.bytes += bytes
                    return .success(())
                }
                state.waiters.append(Waiter(bytes: bytes, continuation: continuation))
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    private func release(_ bytes: Int, _ result: Result<Void, any Error>) {
        var resumed: [(CheckedContinuation<Void, any Error>, Result<Void, any Error>)] = []
        state.withLockedValue { state in
            state.messages -= 1
            state.bytes -= bytes
            if case .failure(let error) = result, state.failure == nil {
                state.failure = error
            }
            if let failure = state.failure {
                resumed = state.waiters.map { ($0.continuation, .failure(failure)) }
                state.waiters = []
                return
            }
            while let first = state.waiters.first,
                state.hasRoom(for: first.bytes, maxMessages: maxMessages, maxBytes: maxBytes)
            {
                state.waiters.removeFirst()
                state.messages += 1
                state.bytes += first.bytes
                resumed.append((first.continuation, .success(())))
            }
        }
        for (continuation, outcome) in resumed {
            continuation.resume(with: outcome)
        }
    }
}

import NIOConcurrencyHelpers

/// Connects a caller's task cancellation to a call that starts on the event loop: whichever happens second
/// (the stream is opened, or cancellation arrives) triggers the RST_STREAM.
final class GRPCCallCancellation: Sendable {
    private struct State {
        var cancelled = false
        var streamID: Int32?
    }

    private let state = NIOLockedValueBox(State())

    /// Marks the call cancelled; returns the stream to reset if it is already open.
    func cancel() -> Int32? {
        state.withLockedValue { state in
            state.cancelled = true
            return state.streamID
        }
    }

    /// Records the opened stream; returns `false` if the call was cancelled meanwhile.
    func opened(streamID: Int32) -> Bool {
        state.withLockedValue { state in
            state.streamID = streamID
            return !state.cancelled
        }
    }

    var isCancelled: Bool {
        state.withLockedValue { $0.cancelled }
    }
}

import CairnWire
import NIOCore

extension GRPCServerConnection {
    /// Runs a unary handler whose request is complete, then sends its response.
    ///
    /// On the event loop neither the start nor the answer needs a thread hop, and the framed response
    /// (headers, message and trailers) leaves in a single write; a handler that suspends frees the loop
    /// meanwhile and resumes on it. On the task pool the answer hops back to the loop.
    func startUnary(
        _ call: GRPCServerCall, request: ByteBuffer,
        body: @escaping @Sendable (ByteBuffer, GRPCCallContext) async throws -> ByteBuffer,
        execution: GRPCUnaryExecution
    ) {
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        let (streamID, context) = (call.streamID, call.context)
        let run: @Sendable () async -> Void = {
            let result: Result<ByteBuffer, GRPCStatus>
            do {
                result = .success(try await body(request, context))
            } catch {
                result = .failure(GRPCStatus(reporting: error))
            }
            if bound.eventLoop.inEventLoop {
                bound.value.completeUnary(streamID: streamID, result: result)
            } else {
                bound.eventLoop.execute {
                    bound.value.completeUnary(streamID: streamID, result: result)
                }
            }
        }
        switch execution {
        case .eventLoop:
            call.task = Task(executorPreference: unaryExecutor) {
                await bound.value.waitForOutboundRoom(streamID: streamID)
                await run()
            }
        case .taskPool:
            call.task = Task { await run() }
        }
    }

    /// Holds an event-loop unary handler back while the client leaves more than the connection's limit of
    /// responses unread. Such handlers run on the loop one after another, so each one that produces its
    /// response without suspending has it queued (and counted) before the next one checks: a burst of
    /// requests from a client that never reads costs the limit plus one response, not one per request.
    /// (Task-pool calls are held back before their task starts, in `inputEnded`.)
    func waitForOutboundRoom(streamID: Int32) async {
        while http2.isOverOutboundBudget, calls[streamID] != nil {
            await withCheckedContinuation { continuation in
                outboundRoomWaiters.append((streamID, continuation))
            }
        }
    }
}

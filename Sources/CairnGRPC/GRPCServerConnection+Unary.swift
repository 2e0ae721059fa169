import CairnWire
import NIOCore

extension GRPCServerConnection {
    /// Runs the handler of a unary call whose request is complete, and sends its response.
    ///
    /// An immediate handler is called right here, on the event loop; when it answers at once, the response
    /// (headers, message and trailers) is queued before this returns and leaves in the loop's next write.
    /// Its `.later` part, and every other unary handler, runs in a task (on the loop or on the cooperative
    /// pool) whose result hops back to the loop.
    func startUnary(_ call: GRPCServerCall, request: ByteBuffer) {
        let context = call.context
        switch call.route {
        case .unary(let body):
            runInTask(call, executor: nil) { try await body(request, context) }
        case .immediateUnary(let body):
            do {
                switch try body(request, context) {
                case .response(let framed):
                    completeUnary(call, result: .success(framed))
                case .later(let rest):
                    runInTask(call, executor: unaryExecutor, rest)
                }
            } catch {
                finish(call, GRPCStatus(reporting: error))
            }
        case .serverStreaming, .streaming:
            preconditionFailure("startUnary called for a streaming method")
        }
    }

    /// Runs `work` in a task that prefers `executor` (nil: the cooperative pool) and completes the call with
    /// its result on the event loop.
    private func runInTask(
        _ call: GRPCServerCall, executor: (any TaskExecutor)?,
        _ work: @escaping @Sendable () async throws -> ByteBuffer
    ) {
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        let streamID = call.streamID
        call.task = Task(executorPreference: executor) {
            let result: Result<ByteBuffer, GRPCStatus>
            do {
                result = .success(try await work())
            } catch {
                result = .failure(GRPCStatus(reporting: error))
            }
            let complete: @Sendable () -> Void = {
                let connection = bound.value
                guard let call = connection.call(streamID) else { return }
                connection.completeUnary(call, result: result)
            }
            if bound.eventLoop.inEventLoop {
                complete()
            } else {
                bound.eventLoop.execute(complete)
            }
        }
    }
}

import CairnGRPC
import CairnHTTP2
import CairnWire
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// A client that asks for large responses and reads none of them holds a bounded share of the server.
@Suite struct OutboundBudgetTests {
    static let responseBytes = 64 << 10

    /// A server whose `test.Big/Get` answers 64 KiB (an immediate handler on the event loop, or a task-pool one)
    /// and counts how many times it ran, with a 256 KiB limit of unread output per connection.
    static func withBigResponseServer(
        immediate: Bool, maxCallsWhileOutboundBlocked: Int = 1024,
        _ body: (Int, HandlerCount) async throws -> Void
    ) async throws {
        let handled = HandlerCount()
        let respond: @Sendable () -> Blob = {
            handled.value.add(1, ordering: .relaxed)
            return Blob([UInt8](repeating: 0x42, count: responseBytes))
        }
        var router = GRPCRouter()
        if immediate {
            router.unary("/test.Big/Get", immediate: { (_: Blob, _: GRPCCallContext) in .response(respond()) })
        } else {
            router.unary("/test.Big/Get") { (_: Blob, _: GRPCCallContext) in respond() }
        }
        var configuration = GRPCServerConfiguration()
        configuration.http2.maxQueuedBytesPerConnection = 256 << 10
        configuration.maxCallsWhileOutboundBlocked = maxCallsWhileOutboundBlocked
        let server = GRPCServer(router: router, configuration: configuration)
        let port = try await server.start(host: "127.0.0.1", port: 0)
        do {
            try await body(port, handled)
        } catch {
            await server.shutdown(grace: .seconds(1))
            throw error
        }
        await server.shutdown(grace: .seconds(1))
    }

    /// Waits until at least `minimum` handlers ran (a loaded machine may take a while to start them).
    static func reached(_ minimum: Int, _ count: HandlerCount) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while count.value.load(ordering: .relaxed) < minimum, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits until `count` has not changed for 300 ms (proving that work stops needs a quiet period).
    static func settled(_ count: HandlerCount) async throws -> Int {
        var last = count.value.load(ordering: .relaxed)
        while true {
            try await Task.sleep(for: .milliseconds(300))
            let now = count.value.load(ordering: .relaxed)
            if now == last { return now }
            last = now
        }
    }

    /// Immediate handlers (Range) are checked against the limit one after another on the event loop, so even a
    /// burst of requests stops at it.
    @Test func handlersWaitWhileTheClientLeavesResponsesUnreadAndRunWhenItReads() async throws {
        try await Self.withBigResponseServer(immediate: true) { port, handled in
            let client = try await StalledClient.connect(port: port)
            try await client.request(count: 100)
            // 64 KiB fit the client's window, 256 KiB wait in the server's queue, one response goes over.
            try await Self.reached(4, handled)
            let ranWhileStalled = try await Self.settled(handled)
            #expect(ranWhileStalled >= 4 && ranWhileStalled <= 8, "handlers ran: \(ranWhileStalled)")
            try await client.readEverything()
            let outcome = try await client.outcome(streams: 100)
            #expect(outcome.completed == 100)
            #expect(outcome.refused == 0)
            #expect(handled.value.load(ordering: .relaxed) == 100)
            await client.close()
        }
    }

    /// Task-pool handlers are held back before they start once the limit is exceeded; beyond 50 open calls
    /// new streams are refused.
    @Test func newStreamsAreRefusedOnceTooManyCallsWaitForAClientThatDoesNotRead() async throws {
        try await Self.withBigResponseServer(immediate: false, maxCallsWhileOutboundBlocked: 50) {
            port, handled in
            let client = try await StalledClient.connect(port: port)
            try await client.request(count: 20)
            try await Self.reached(20, handled)
            // Over its limit, the connection keeps 50 calls open (30 of them not started) and refuses the
            // other 70 streams.
            try await client.request(count: 100)
            #expect(try await Self.settled(handled) == 20)
            try await client.readEverything()
            let outcome = try await client.outcome(streams: 120)
            #expect(outcome.refused == 70)
            #expect(outcome.completed == 50)
            await client.close()
        }
    }
}

/// How many times a handler ran.
final class HandlerCount: Sendable {
    let value = Atomic(0)
}

/// An HTTP/2 client (our own nghttp2 session) whose receive windows are the protocol's minimum and which
/// credits nothing it receives until told to: a client that does not read.
final class StalledClient: Sendable {
    struct Outcome {
        var completed = 0
        var refused = 0
    }

    let channel: any Channel
    let recorder: StreamRecorder

    private init(channel: any Channel, recorder: StreamRecorder) {
        self.channel = channel
        self.recorder = recorder
    }

    static func connect(port: Int) async throws -> StalledClient {
        let recorder = StreamRecorder()
        var configuration = HTTP2Configuration()
        configuration.initialStreamWindowSize = 65_535
        configuration.connectionWindowSize = 65_535
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = HTTP2ConnectionHandler(role: .client, configuration: configuration)
                    handler.delegate = recorder.delegate(for: channel.eventLoop)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return StalledClient(channel: channel, recorder: recorder)
    }

    /// Opens `count` calls of `test.Big/Get`, each with its one (empty) request message.
    func request(count: Int) async throws {
        let recorder = self.recorder
        try await channel.eventLoop.submit { [channel] in
            let handler = try channel.pipeline.syncOperations.handler(type: HTTP2ConnectionHandler.self)
            for _ in 0..<count {
                let streamID = try handler.submitRequest(headers: [
                    ":method": "POST", ":scheme": "http", ":path": "/test.Big/Get", ":authority": "test",
                    "content-type": "application/grpc", "te": "trailers",
                ])
                handler.consumeManually(streamID: streamID)
                recorder.opened(streamID)
                _ = handler.write(ByteBuffer(bytes: [0, 0, 0, 0, 0]), streamID: streamID)  // one empty message
                handler.finish(streamID: streamID, trailers: nil)
            }
        }.get()
    }

    /// From now on credits everything received, so the server may send all it holds.
    func readEverything() async throws {
        let recorder = self.recorder
        try await channel.eventLoop.submit { [channel] in
            let handler = try channel.pipeline.syncOperations.handler(type: HTTP2ConnectionHandler.self)
            recorder.startReading(handler)
        }.get()
    }

    /// Waits until `streams` streams have closed, and says how they ended.
    func outcome(streams: Int) async throws -> Outcome {
        try await recorder.waitForClosed(streams)
    }

    func close() async {
        try? await channel.close()
    }
}

/// The client's record of its streams; touched on the channel's event loop (and by the test's waits).
final class StreamRecorder: Sendable {
    private struct State {
        var open: Set<Int32> = []
        var outcome = StalledClient.Outcome()
        var closed = 0
        var waiter: (count: Int, continuation: CheckedContinuation<StalledClient.Outcome, any Error>)?
    }

    private let state = Mutex(State())

    func delegate(for eventLoop: any EventLoop) -> any HTTP2ConnectionDelegate {
        Delegate(recorder: self, eventLoop: eventLoop)
    }

    func opened(_ streamID: Int32) {
        state.withLock { _ = $0.open.insert(streamID) }
    }

    /// Credits what already arrived and everything that arrives from now on (on the channel's event loop).
    func startReading(_ handler: HTTP2ConnectionHandler) {
        (handler.delegate as? Delegate)?.reader = handler
        for streamID in state.withLock({ $0.open }) {
            handler.consume(streamID: streamID, bytes: .max)
        }
    }

    fileprivate func closed(_ streamID: Int32, _ errorCode: HTTP2ErrorCode, status: String?) {
        let resumed = state.withLock {
            state -> (CheckedContinuation<StalledClient.Outcome, any Error>, StalledClient.Outcome)? in
            state.open.remove(streamID)
            state.closed += 1
            if errorCode == .refusedStream {
                state.outcome.refused += 1
            } else if status == "0" {
                state.outcome.completed += 1
            }
            guard let waiter = state.waiter, state.closed >= waiter.count else { return nil }
            state.waiter = nil
            return (waiter.continuation, state.outcome)
        }
        resumed?.0.resume(returning: resumed!.1)
    }

    func waitForClosed(_ count: Int) async throws -> StalledClient.Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> StalledClient.Outcome? in
                if state.closed >= count { return state.outcome }
                state.waiter = (count, continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private final class Delegate: HTTP2ConnectionDelegate {
        let recorder: StreamRecorder
        var statuses: [Int32: String] = [:]
        /// Set once the client reads: received DATA is credited right after it is counted as unconsumed.
        weak var reader: HTTP2ConnectionHandler?

        let eventLoop: any EventLoop

        init(recorder: StreamRecorder, eventLoop: any EventLoop) {
            self.recorder = recorder
            self.eventLoop = eventLoop
        }

        func http2HeadersReceived(_ headers: HTTP2Headers, endStream: Bool, streamID: Int32) {
            if let status = headers["grpc-status"] { statuses[streamID] = status }
        }
        func http2DataReceived(_ data: ByteBuffer, streamID: Int32) {
            guard let reader else { return }
            let handler = NIOLoopBound(reader, eventLoop: eventLoop)
            eventLoop.execute { handler.value.consume(streamID: streamID, bytes: .max) }
        }
        func http2StreamEnded(streamID: Int32) {}
        func http2StreamClosed(streamID: Int32, errorCode: HTTP2ErrorCode) {
            recorder.closed(streamID, errorCode, status: statuses.removeValue(forKey: streamID))
        }
        func http2GoAwayReceived(lastStreamID: Int32, errorCode: HTTP2ErrorCode) {}
        func http2ConnectionClosed() {}
    }
}

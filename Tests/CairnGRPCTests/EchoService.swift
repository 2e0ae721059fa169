import CairnGRPC
import CairnWire

/// Signals a test when a handler started and when it observed cancellation.
actor CancellationProbe {
    enum Event: Hashable {
        case started
        case cancelled
    }

    private var counts: [Event: Int] = [:]
    private var waiters: [Event: [CheckedContinuation<Void, Never>]] = [:]

    func record(_ event: Event) {
        counts[event, default: 0] += 1
        for waiter in waiters.removeValue(forKey: event) ?? [] { waiter.resume() }
    }

    /// Returns once `event` happened at least once.
    func wait(for event: Event) async {
        if counts[event, default: 0] > 0 { return }
        await withCheckedContinuation { waiters[event, default: []].append($0) }
    }
}

/// The `test.Echo` service the transport tests (and the grpcio interop scripts) call.
enum EchoService {
    static func router(probe: CancellationProbe = CancellationProbe()) -> GRPCRouter {
        var router = GRPCRouter()
        // Unary answers at once on the event loop (as Cairn's Range does); Hang answers `.later` there (as a
        // linearizable Range on PostgreSQL does); the other methods run on the task pool.
        router.unary("/test.Echo/Unary", immediate: { (request: Blob, _: GRPCCallContext) in .response(request) })
        router.unary("/test.Echo/Fail") { (request: Blob, _: GRPCCallContext) -> Blob in
            throw GRPCStatus(code: .notFound, message: request.text)
        }
        router.unary("/test.Echo/Etcd") { (_: Blob, _: GRPCCallContext) -> Blob in
            throw EtcdError.keyNotFound
        }
        router.unary("/test.Echo/Metadata") { (_: Blob, context: GRPCCallContext) in
            Blob(context.metadata["x-test"] ?? "")
        }
        router.unary(
            "/test.Echo/Hang",
            immediate: { (_: Blob, _: GRPCCallContext) -> GRPCUnaryAnswer<Blob> in
                .later {
                    await probe.record(.started)
                    do {
                        try await Task.sleep(for: .seconds(600))
                    } catch {
                        await probe.record(.cancelled)
                        throw error
                    }
                    return Blob()
                }
            })
        router.serverStreaming("/test.Echo/Count") {
            (request: Blob, writer: GRPCResponseWriter<Blob>, _: GRPCCallContext) in
            let count = Int(request.text) ?? 0
            for index in 0..<count {
                try await writer.write(Blob(String(index)))
            }
        }
        router.bidirectional("/test.Echo/Bidi") {
            (requests: GRPCRequestStream<Blob>, writer: GRPCResponseWriter<Blob>, _: GRPCCallContext) in
            do {
                for try await request in requests {
                    try await writer.write(request)
                }
            } catch {
                await probe.record(.cancelled)
                throw error
            }
        }
        router.clientStreaming("/test.Echo/Concat") { (requests: GRPCRequestStream<Blob>, _: GRPCCallContext) in
            var all: [UInt8] = []
            for try await request in requests {
                all += request.bytes
            }
            return Blob(all)
        }
        return router
    }
}

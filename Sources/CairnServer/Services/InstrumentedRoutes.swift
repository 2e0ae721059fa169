import CairnGRPC
import CairnWire
import CoreMetrics

/// Registers service methods on a router with `grpc_server_started_total` / `grpc_server_handled_total` counted
/// for each call, under the service's full name (`etcdserverpb.KV`) and the bare method name.
package struct InstrumentedRoutes {
    /// The router; methods registered on it directly (such as Watch, which instruments itself) are not counted.
    package var router: GRPCRouter
    let metrics: ServerMetrics

    package init(router: GRPCRouter = GRPCRouter(), metrics: ServerMetrics) {
        self.router = router
        self.metrics = metrics
    }

    /// Registers a unary method whose handler runs in a task on the cooperative pool (writes, which wait for
    /// the disk).
    package mutating func unary<Req: WireMessage, Res: WireMessage>(
        _ service: String, _ method: String, _ handler: @escaping @Sendable (Req) async throws -> Res
    ) {
        let counted = CountedCall(metrics: metrics, service: service, method: method)
        router.unary("/\(service)/\(method)") { (request: Req, _: GRPCCallContext) in
            counted.started()
            return try await counted.ended { try await handler(request) }
        }
    }

    /// Registers a unary method whose handler runs on the event loop and answers at once when it need not
    /// wait (see `GRPCRouter.unary(_:immediate:)`): reads served from memory.
    package mutating func unary<Req: WireMessage, Res: WireMessage>(
        _ service: String, _ method: String, immediate handler: @escaping @Sendable (Req) throws -> GRPCUnaryAnswer<Res>
    ) {
        let counted = CountedCall(metrics: metrics, service: service, method: method)
        router.unary(
            "/\(service)/\(method)",
            immediate: { (request: Req, _: GRPCCallContext) in
                counted.started()
                return try counted.answered { try handler(request) }
            })
    }

    package mutating func bidirectional<Req: WireMessage, Res: WireMessage>(
        _ service: String, _ method: String,
        _ handler: @escaping @Sendable (GRPCRequestStream<Req>, GRPCResponseWriter<Res>) async throws -> Void
    ) {
        let counted = CountedCall(metrics: metrics, service: service, method: method, type: .bidiStream)
        router.bidirectional("/\(service)/\(method)") {
            (requests: GRPCRequestStream<Req>, responses: GRPCResponseWriter<Res>, _: GRPCCallContext) in
            counted.started()
            try await counted.ended { try await handler(requests, responses) }
        }
    }
}

/// The started/handled counters of one method. The started and OK series are resolved once, at registration
/// (etcd too exports every method's series from the start), so a call counts with two increments.
private struct CountedCall: Sendable {
    let metrics: ServerMetrics
    let service: String
    let method: String
    let type: ServerMetrics.RPCType
    let startedSeries: CoreMetrics.Counter
    let handledOKSeries: CoreMetrics.Counter

    init(metrics: ServerMetrics, service: String, method: String, type: ServerMetrics.RPCType = .unary) {
        self.metrics = metrics
        self.service = service
        self.method = method
        self.type = type
        startedSeries = metrics.startedCounter(service: service, method: method, type: type)
        handledOKSeries = metrics.handledCounter(
            service: service, method: method, type: type, code: GRPCStatusCode.ok.rawValue)
    }

    func started() {
        startedSeries.increment()
    }

    /// Runs an immediate handler: an answer given now counts as OK, a `.later` one when its rest returns, and
    /// a throw with the status of its error.
    func answered<Res>(_ body: () throws -> GRPCUnaryAnswer<Res>) throws -> GRPCUnaryAnswer<Res> {
        let answer: GRPCUnaryAnswer<Res>
        do {
            answer = try body()
        } catch {
            handled(GRPCStatus(reporting: error).code)
            throw error
        }
        switch answer {
        case .response:
            handled(.ok)
            return answer
        case .later(let rest):
            return .later { try await self.ended(rest) }
        }
    }

    /// Runs `body`, counting the call as handled with OK or with the status of the error it throws.
    func ended<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            let result = try await body()
            handled(.ok)
            return result
        } catch {
            handled(GRPCStatus(reporting: error).code)
            throw error
        }
    }

    private func handled(_ code: GRPCStatusCode) {
        if code == .ok {
            handledOKSeries.increment()
        } else {
            metrics.recordRPC(service: service, method: method, type: type, code: code.rawValue)
        }
    }
}

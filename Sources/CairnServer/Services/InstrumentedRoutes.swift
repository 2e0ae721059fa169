import CairnGRPC
import CairnWire

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

    /// Registers a unary method; `execution` as in `GRPCRouter.unary` (`.eventLoop` only for handlers that
    /// never block: no write that waits for the disk, no pass over the whole store).
    package mutating func unary<Req: WireMessage, Res: WireMessage>(
        _ service: String, _ method: String, execution: GRPCUnaryExecution = .taskPool,
        _ handler: @escaping @Sendable (Req) async throws -> Res
    ) {
        let metrics = self.metrics
        router.unary("/\(service)/\(method)", execution: execution) { (request: Req, _: GRPCCallContext) in
            metrics.recordRPCStarted(service: service, method: method)
            do {
                let response = try await handler(request)
                metrics.recordRPC(service: service, method: method, code: GRPCStatusCode.ok.rawValue)
                return response
            } catch {
                metrics.recordRPC(service: service, method: method, code: GRPCStatus(reporting: error).code.rawValue)
                throw error
            }
        }
    }

    package mutating func bidirectional<Req: WireMessage, Res: WireMessage>(
        _ service: String, _ method: String,
        _ handler: @escaping @Sendable (GRPCRequestStream<Req>, GRPCResponseWriter<Res>) async throws -> Void
    ) {
        let metrics = self.metrics
        router.bidirectional("/\(service)/\(method)") {
            (requests: GRPCRequestStream<Req>, responses: GRPCResponseWriter<Res>, _: GRPCCallContext) in
            metrics.recordRPCStarted(service: service, method: method, type: .bidiStream)
            do {
                try await handler(requests, responses)
                metrics.recordRPC(service: service, method: method, type: .bidiStream, code: 0)
            } catch {
                let code = GRPCStatus(reporting: error).code.rawValue
                metrics.recordRPC(service: service, method: method, type: .bidiStream, code: code)
                throw error
            }
        }
    }
}

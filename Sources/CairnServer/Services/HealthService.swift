import CairnWire

/// `grpc.health.v1.Health/Check`, as etcd registers it: the server as a whole ("") is SERVING; any other service
/// name is unknown (NOT_FOUND, grpc-go's health server wording).
package struct HealthService: Sendable {
    package static let name = "grpc.health.v1.Health"

    package init() {}

    package func register(on routes: inout InstrumentedRoutes) {
        routes.unary(Self.name, "Check", check)
    }

    package func check(_ request: HealthCheckRequest) async throws -> HealthCheckResponse {
        guard request.service.isEmpty else { throw GRPCStatus(code: .notFound, message: "unknown service") }
        return HealthCheckResponse(status: .serving)
    }
}

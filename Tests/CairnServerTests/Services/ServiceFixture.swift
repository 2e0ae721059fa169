import CairnGRPC
import CairnServer
import CairnStore
import CairnWire
import Foundation

/// An `EmbeddedStore` on a throw-away directory with every service wired to it, plus an in-memory gRPC client
/// for calls that need a real stream.
final class ServiceFixture: Sendable {
    let directory: String
    let store: EmbeddedStore
    let services: ServerServices
    let server: GRPCServer
    let client: GRPCClientConnection

    init(maxRequestBytes: Int = 1_572_864, quotaBackendBytes: Int64 = 1 << 30, name: String = "unit") throws {
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("cairn-services-\(UUID().uuidString.prefix(8))").path
        store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory, noSync: true))
        services = ServerServices(
            store: store, identity: MemberIdentity(name: name, clientURLs: ["http://127.0.0.1:2379"]),
            maxRequestBytes: maxRequestBytes, quotaBackendBytes: quotaBackendBytes, metrics: ServerMetrics())
        server = GRPCServer(router: services.router())
        client = server.inMemoryClient()
    }

    var headers: ResponseHeaders { services.headers }

    var kv: KVService {
        KVService(
            store: store, headers: headers, sizeLimit: services.sizeLimit, quota: services.quota,
            metrics: services.metrics)
    }

    var lease: LeaseService {
        LeaseService(store: store, headers: headers, quota: services.quota, metrics: services.metrics)
    }

    var maintenance: MaintenanceService {
        MaintenanceService(store: store, headers: headers, alarms: services.alarms, version: CairnVersion.etcdServer)
    }

    @discardableResult
    func put(_ key: String, _ value: String, lease: Int64 = 0) async throws -> PutResponse {
        try await kv.put(PutRequest(key: Array(key.utf8), value: Array(value.utf8), lease: lease))
    }

    func close() async {
        await client.close()
        await server.shutdown(grace: .zero)
        try? await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs `body` with a fresh fixture and always closes it.
func withFixture<T>(
    maxRequestBytes: Int = 1_572_864, quotaBackendBytes: Int64 = 1 << 30, name: String = "unit",
    _ body: (ServiceFixture) async throws -> T
) async throws -> T {
    let fixture = try ServiceFixture(
        maxRequestBytes: maxRequestBytes, quotaBackendBytes: quotaBackendBytes, name: name)
    do {
        let result = try await body(fixture)
        await fixture.close()
        return result
    } catch {
        await fixture.close()
        throw error
    }
}

extension GRPCUnaryAnswer {
    /// The response of an immediate handler on the embedded store, which must answer at once.
    func immediate() throws -> Response {
        guard case .response(let response) = self else {
            throw GRPCStatus(code: .internalError, message: "the answer was deferred to .later")
        }
        return response
    }
}

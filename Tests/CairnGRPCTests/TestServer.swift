import CairnGRPC
import CairnWire

/// Runs `body` against a started echo server on a loopback port and a client connected to it, then shuts
/// both down.
func withEchoServer<R>(
    configuration: GRPCServerConfiguration = GRPCServerConfiguration(),
    clientConfiguration: GRPCClientConfiguration = GRPCClientConfiguration(),
    probe: CancellationProbe = CancellationProbe(),
    _ body: (GRPCServer, Int, GRPCClientConnection) async throws -> R
) async throws -> R {
    let server = GRPCServer(router: EchoService.router(probe: probe), configuration: configuration)
    let port = try await server.start(host: "127.0.0.1", port: 0)
    let client = GRPCClientConnection(host: "127.0.0.1", port: port, configuration: clientConfiguration)
    do {
        let result = try await body(server, port, client)
        await client.close()
        await server.shutdown(grace: .seconds(1))
        return result
    } catch {
        await client.close()
        await server.shutdown(grace: .seconds(1))
        throw error
    }
}

/// The status `body` fails with, or nil if it succeeds.
func status(of body: () async throws -> some Any) async -> GRPCStatus? {
    do {
        _ = try await body()
        return nil
    } catch let status as GRPCStatus {
        return status
    } catch {
        return GRPCStatus(code: .unknown, message: "not a status: \(error)")
    }
}

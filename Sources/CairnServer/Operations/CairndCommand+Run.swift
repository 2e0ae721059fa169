import ArgumentParser
import Logging
import Metrics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension CairndCommand {
    /// Builds configuration, logging and metrics, serves the client and metrics URLs, and shuts down gracefully
    /// on SIGTERM/SIGINT (a second signal exits at once with status 1; a grace-period timeout also exits 1).
    ///
    /// The client URLs serve gRPC and, on the same ports, the HTTP/1.1 endpoints (``ClientServer``). A
    /// `--backend` URL is opened with `openBackend`.
    package func run(openBackend: BackendOpener = .embeddedOnly) async throws {
        let resolution = try resolveConfiguration()
        let configuration = resolution.configuration
        EtcdLogHandler.bootstrap(configuration)
        let logger = Logger(label: "cairnd")
        let metrics = ServerMetrics()
        metrics.setQuotaBackendBytes(configuration.quotaBackendBytes)
        MetricsSystem.bootstrap(metrics.factory)
        StartupLog(configuration: configuration, notices: resolution.notices).write(to: logger)

        let signals = await ShutdownSignals.install { signal in
            logger.warning("received a second signal; exiting immediately", metadata: ["signal": "\(signal)"])
            exitImmediately(status: 1)
        }
        let server = try await ClientServer.start(
            configuration, metrics: metrics, logger: logger, openBackend: openBackend)
        var listeners: [HTTPEndpointServer] = []
        for url in configuration.listenMetricsURLs {
            listeners.append(
                try await HTTPEndpointServer.start(endpoints: server.endpoints, host: url.host, port: url.port))
            logger.info("serving HTTP endpoints", metadata: ["address": "\(url)"])
        }
        let bound = listeners

        let signal = await signals.first()
        logger.info("received signal; shutting down", metadata: ["signal": "\(signal)"])
        let outcome = await GracefulShutdown.run(gracePeriod: GracefulShutdown.defaultGracePeriod) {
            for listener in bound { try? await listener.close() }
            do {
                try await server.shutdown(grace: .seconds(3))
            } catch {
                logger.error("closing the store failed", metadata: ["error": "\(error)"])
            }
        }
        guard outcome == .completed else {
            logger.error(
                "graceful shutdown timed out; exiting",
                metadata: ["grace-period": "\(GracefulShutdown.defaultGracePeriod)"])
            throw ExitCode.failure
        }
        logger.info("stopped serving; exiting")
    }
}

/// Ends the process without unwinding (outside the command type, whose static `exit` would shadow libc's).
private func exitImmediately(status: Int32) -> Never {
    exit(status)
}

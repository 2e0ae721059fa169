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
    /// The client URLs serve the HTTP/1.1 endpoints until the gRPC server is wired in front of them with
    /// ``HTTPEndpoints/http1Initializer`` for the non-HTTP/2 connections.
    package func run() async throws {
        let resolution = try resolveConfiguration()
        let configuration = resolution.configuration
        EtcdLogHandler.bootstrap(configuration)
        let logger = Logger(label: "cairnd")
        let metrics = ServerMetrics()
        metrics.setQuotaBackendBytes(configuration.quotaBackendBytes)
        MetricsSystem.bootstrap(metrics.factory)
        StartupLog(configuration: configuration, notices: resolution.notices).write(to: logger)

        let signals = ShutdownSignals { signal in
            logger.warning("received a second signal; exiting immediately", metadata: ["signal": "\(signal)"])
            exitImmediately(status: 1)
        }
        let endpoints = HTTPEndpoints(metrics: metrics, health: { [] })
        var listeners: [HTTPEndpointServer] = []
        for url in configuration.listenClientURLs + configuration.listenMetricsURLs {
            listeners.append(try await HTTPEndpointServer.start(endpoints: endpoints, host: url.host, port: url.port))
            logger.info("serving HTTP endpoints", metadata: ["address": "\(url)"])
        }
        let bound = listeners

        let signal = await signals.first()
        logger.info("received signal; shutting down", metadata: ["signal": "\(signal)"])
        let outcome = await GracefulShutdown.run(gracePeriod: GracefulShutdown.defaultGracePeriod) {
            for listener in bound { try? await listener.close() }
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

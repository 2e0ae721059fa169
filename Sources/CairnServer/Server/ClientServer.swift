import CairnGRPC
import CairnStore
import Logging

/// The running server: the store opened on the data directory, the gRPC services (with the HTTP/1.1 endpoints
/// on the same port) on every `--listen-client-urls` address, auto-compaction and the metrics sampler.
package final class ClientServer: Sendable {
    package let services: ServerServices
    package let endpoints: HTTPEndpoints
    private let store: any KeyValueBackend
    private let listeners: [GRPCServer]
    private let background: [Task<Void, Never>]
    private let logger: Logger

    private init(
        services: ServerServices, endpoints: HTTPEndpoints, store: any KeyValueBackend,
        listeners: [GRPCServer], background: [Task<Void, Never>], logger: Logger
    ) {
        self.services = services
        self.endpoints = endpoints
        self.store = store
        self.listeners = listeners
        self.background = background
        self.logger = logger
    }

    /// Opens the store (failing if another process holds the data directory), or the `--backend` through
    /// `openBackend`, and starts serving.
    package static func start(
        _ configuration: ServerConfiguration, metrics: ServerMetrics, logger: Logger,
        openBackend: BackendOpener = .embeddedOnly
    ) async throws -> ClientServer {
        let store: any KeyValueBackend
        if let url = configuration.backend {
            store = try await openBackend.open(url, configuration, logger)
        } else {
            store = try EmbeddedStore.open(
                StoreConfiguration(
                    dataDirectory: configuration.dataDir,
                    noSync: configuration.unsafeNoFsync,
                    snapshotCount: Int(clamping: configuration.snapshotCount),
                    maxTxnOps: configuration.maxTxnOps,
                    onSync: { duration, _ in metrics.recordFsync(duration) },
                    logger: logger
                ))
        }
        let identity = MemberIdentity(
            name: configuration.name, clientURLs: configuration.advertiseClientURLs.map(\.description))
        let services = ServerServices(
            store: store, identity: identity, maxRequestBytes: configuration.maxRequestBytes,
            quotaBackendBytes: configuration.quotaBackendBytes, metrics: metrics,
            watchHub: WatchHubConfiguration(
                progressNotifyInterval: configuration.watchProgressNotifyInterval,
                maxWatchersPerStream: configuration.maxWatchersPerStream))
        let endpoints = HTTPEndpoints(metrics: metrics, health: services.healthProblems)

        var grpc = GRPCServerConfiguration()
        grpc.maxReceiveMessageSize = services.sizeLimit.grpcReceiveLimit
        grpc.maxConcurrentStreams = configuration.maxConcurrentStreams
        grpc.maxConnections = configuration.maxConnections
        grpc.http1Initializer = endpoints.http1Initializer
        let router = services.router()
        var listeners: [GRPCServer] = []
        do {
            for url in configuration.listenClientURLs {
                let server = GRPCServer(router: router, configuration: grpc)
                let port = try await server.start(host: url.host, port: url.port)
                listeners.append(server)
                logger.info("serving client traffic", metadata: ["address": "\(url.host):\(port)"])
            }
        } catch {
            for listener in listeners { await listener.shutdown(grace: .zero) }
            try? await store.close()
            throw error
        }

        let compactor = AutoCompactor(policy: configuration.autoCompaction, store: store, logger: logger)
        let background = [
            Task { await compactor.run() },
            Task { await metrics.runSampler(every: .seconds(5), sample: services.storeSample) },
        ]
        return ClientServer(
            services: services, endpoints: endpoints, store: store, listeners: listeners,
            background: background, logger: logger)
    }

    /// Graceful stop: GOAWAY on every connection and in-flight calls finish (up to `grace`), then background work
    /// stops and the store syncs and closes its log.
    package func shutdown(grace: Duration) async throws {
        await withTaskGroup(of: Void.self) { group in
            for listener in listeners { group.addTask { await listener.shutdown(grace: grace) } }
        }
        for task in background { task.cancel() }
        for task in background { await task.value }
        try await store.close()
        logger.info("closed the store", metadata: ["revision": "\(services.store.currentRevision)"])
    }
}

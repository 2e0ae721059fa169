import CairnGRPC
import CairnStore
import CairnWire

/// Every gRPC service of the client port, wired to one store: KV, Watch, Lease, Maintenance, Cluster and Health.
package struct ServerServices: Sendable {
    package let store: any KeyValueBackend
    package let headers: ResponseHeaders
    package let alarms: AlarmRegistry
    package let quota: SpaceQuota
    package let sizeLimit: RequestSizeLimit
    package let metrics: ServerMetrics
    /// Built once: its watch hub stays attached to the store's commits.
    package let watch: WatchService

    package init(
        store: any KeyValueBackend, identity: MemberIdentity, maxRequestBytes: Int, quotaBackendBytes: Int64,
        metrics: ServerMetrics, alarms: AlarmRegistry = AlarmRegistry(),
        watchHub: WatchHubConfiguration = WatchHubConfiguration()
    ) {
        self.store = store
        self.metrics = metrics
        self.alarms = alarms
        headers = ResponseHeaders(identity: identity)
        sizeLimit = RequestSizeLimit(maxRequestBytes: maxRequestBytes)
        quota = SpaceQuota(quotaBytes: quotaBackendBytes, alarms: alarms) { [store] in store.storageBytes }
        watch = WatchService(
            store: store, header: headers.header(revision:),
            configuration: WatchServiceConfiguration(maxRequestBytes: maxRequestBytes, hub: watchHub))
    }

    /// The router serving every method.
    package func router() -> GRPCRouter {
        var routes = InstrumentedRoutes(metrics: metrics)
        KVService(store: store, headers: headers, sizeLimit: sizeLimit, quota: quota, metrics: metrics)
            .register(on: &routes)
        watch.register(on: &routes.router)
        LeaseService(store: store, headers: headers, quota: quota, metrics: metrics).register(on: &routes)
        MaintenanceService(store: store, headers: headers, alarms: alarms, version: CairnVersion.etcdServer)
            .register(on: &routes)
        ClusterService(headers: headers, store: store).register(on: &routes)
        HealthService().register(on: &routes)
        return routes.router
    }

    /// The active alarms, and the storage when it cannot be reached, as `/health` problems.
    package func healthProblems() -> [HealthProblem] {
        alarms.alarms.map { HealthProblem.alarm(AlarmRegistry.name(of: $0)) }
            + (store.unavailableReason.map { [HealthProblem.storageUnavailable($0)] } ?? [])
    }

    /// The store figures the metrics gauges show (live keys counted with a count-only range over everything).
    package func storeSample() -> StoreSample {
        let size = store.storageBytes
        let everything = RangeRequest(key: [0], rangeEnd: [0], countOnly: true)
        let watching = watch.hub.statistics
        return StoreSample(
            keys: Int((try? store.range(everything).count) ?? 0), dbTotalSizeBytes: size, dbInUseSizeBytes: size,
            currentRevision: store.currentRevision, compactRevision: store.compactRevision,
            watchers: watching.watchers, slowWatchers: watching.slowWatchers, pendingEvents: watching.pendingEvents)
    }
}

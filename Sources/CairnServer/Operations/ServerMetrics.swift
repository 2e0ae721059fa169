import CoreMetrics
import Metrics
import NIOConcurrencyHelpers
import Prometheus

/// The server's metrics, under etcd's names, recorded through swift-metrics into a Prometheus registry that
/// `/metrics` renders.
///
/// Create one per server and hand it to whatever records: the services call ``recordRPC(service:method:type:code:)``
/// and the per-operation counters, the WAL calls ``recordFsync(seconds:)``, the store's figures arrive through
/// ``update(_:)`` (or ``runSampler(every:sample:)``). Every method is thread-safe and cheap.
package final class ServerMetrics: Sendable {
    /// etcd's `etcd_disk_wal_fsync_duration_seconds` buckets: 1 ms doubling 14 times (up to ~8 s).
    package static let fsyncBuckets: [Double] = (0..<14).map { 0.001 * Double(1 << $0) }

    /// The registry `/metrics` renders.
    package let registry: PrometheusCollectorRegistry
    /// A swift-metrics factory writing into ``registry``; `cairnd` bootstraps `MetricsSystem` with it so that
    /// library metrics land in the same output.
    package let factory: PrometheusMetricsFactory

    private let puts: CoreMetrics.Counter
    private let deletes: CoreMetrics.Counter
    private let ranges: CoreMetrics.Counter
    private let txns: CoreMetrics.Counter
    private let proposalsCommitted: CoreMetrics.Counter
    private let leasesGranted: CoreMetrics.Counter
    private let watchers: CoreMetrics.Gauge
    private let slowWatchers: CoreMetrics.Gauge
    private let pendingEvents: CoreMetrics.Gauge
    private let fsyncDurations: Recorder
    private let keys: CoreMetrics.Gauge
    private let dbTotalSize: CoreMetrics.Gauge
    private let dbInUseSize: CoreMetrics.Gauge
    private let currentRevision: CoreMetrics.Gauge
    private let compactRevision: CoreMetrics.Gauge
    private let quotaBackendBytes: CoreMetrics.Gauge
    private let rpcCounters = NIOLockedValueBox([RPCSeries: CoreMetrics.Counter]())

    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["etcd_disk_wal_fsync_duration_seconds"] = Self.fsyncBuckets
        self.factory = factory

        puts = CoreMetrics.Counter(label: "etcd_mvcc_put_total", factory: factory)
        deletes = CoreMetrics.Counter(label: "etcd_mvcc_delete_total", factory: factory)
        ranges = CoreMetrics.Counter(label: "etcd_mvcc_range_total", factory: factory)
        txns = CoreMetrics.Counter(label: "etcd_mvcc_txn_total", factory: factory)
        proposalsCommitted = CoreMetrics.Counter(label: "etcd_server_proposals_committed_total", factory: factory)
        leasesGranted = CoreMetrics.Counter(label: "etcd_debugging_lease_granted_total", factory: factory)
        watchers = CoreMetrics.Gauge(label: "etcd_debugging_mvcc_watcher_total", factory: factory)
        slowWatchers = CoreMetrics.Gauge(label: "etcd_debugging_mvcc_slow_watcher_total", factory: factory)
        pendingEvents = CoreMetrics.Gauge(label: "etcd_debugging_mvcc_pending_events_total", factory: factory)
        fsyncDurations = Recorder(label: "etcd_disk_wal_fsync_duration_seconds", aggregate: true, factory: factory)
        keys = CoreMetrics.Gauge(label: "etcd_debugging_mvcc_keys_total", factory: factory)
        dbTotalSize = CoreMetrics.Gauge(label: "etcd_mvcc_db_total_size_in_bytes", factory: factory)
        dbInUseSize = CoreMetrics.Gauge(label: "etcd_mvcc_db_total_size_in_use_in_bytes", factory: factory)
        currentRevision = CoreMetrics.Gauge(label: "etcd_debugging_mvcc_current_revision", factory: factory)
        compactRevision = CoreMetrics.Gauge(label: "etcd_debugging_mvcc_compact_revision", factory: factory)
        quotaBackendBytes = CoreMetrics.Gauge(label: "etcd_server_quota_backend_bytes", factory: factory)
        quotaBackendBytes.record(ServerConfiguration.defaultQuotaBackendBytes)

        // A single node is always its own leader; dashboards alert when has_leader drops to 0.
        CoreMetrics.Gauge(label: "etcd_server_has_leader", factory: factory).record(1)
        CoreMetrics.Gauge(label: "etcd_server_is_leader", factory: factory).record(1)
        CoreMetrics.Gauge(
            label: "etcd_server_version", dimensions: [("server_version", CairnVersion.etcdServer)], factory: factory
        )
        .record(1)
        CoreMetrics.Gauge(
            label: "etcd_cluster_version", dimensions: [("cluster_version", CairnVersion.etcdCluster)], factory: factory
        )
        .record(1)
    }

    /// The registry's content in the Prometheus text exposition format.
    package func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    // MARK: Store operations

    /// Counts Put operations (a Txn's puts included), `etcd_mvcc_put_total`.
    package func recordPut(count: Int = 1) { puts.increment(by: Int64(count)) }
    /// Counts DeleteRange operations, `etcd_mvcc_delete_total`.
    package func recordDelete(count: Int = 1) { deletes.increment(by: Int64(count)) }
    /// Counts Range operations, `etcd_mvcc_range_total`.
    package func recordRange(count: Int = 1) { ranges.increment(by: Int64(count)) }
    /// Counts Txn requests, `etcd_mvcc_txn_total`.
    package func recordTxn() { txns.increment() }
    /// Counts applied writes (each new revision), `etcd_server_proposals_committed_total`.
    package func recordProposalCommitted(count: Int = 1) { proposalsCommitted.increment(by: Int64(count)) }
    /// Counts LeaseGrant, `etcd_debugging_lease_granted_total`.
    package func recordLeaseGranted() { leasesGranted.increment() }
    /// One WAL fsync's duration into the `etcd_disk_wal_fsync_duration_seconds` histogram.
    package func recordFsync(seconds: Double) { fsyncDurations.record(seconds) }

    /// Records one WAL fdatasync that took `duration`.
    package func recordFsync(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordFsync(seconds: Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Sets `etcd_server_quota_backend_bytes` (the effective `--quota-backend-bytes`).
    package func setQuotaBackendBytes(_ bytes: Int64) { quotaBackendBytes.record(bytes) }

    /// Sets the store gauges from a sample.
    package func update(_ sample: StoreSample) {
        keys.record(sample.keys)
        dbTotalSize.record(sample.dbTotalSizeBytes)
        dbInUseSize.record(sample.dbInUseSizeBytes)
        currentRevision.record(sample.currentRevision)
        compactRevision.record(sample.compactRevision)
        watchers.record(sample.watchers)
        slowWatchers.record(sample.slowWatchers)
        pendingEvents.record(sample.pendingEvents)
    }

    /// Calls `sample` now and then every `interval`, feeding ``update(_:)``, until the calling task is cancelled.
    package func runSampler(every interval: Duration, sample: @Sendable () async -> StoreSample) async {
        while !Task.isCancelled {
            update(await sample())
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    // MARK: gRPC

    /// The kind of call, as the `grpc_type` label spells it.
    package enum RPCType: String, Sendable {
        case unary
        case clientStream = "client_stream"
        case serverStream = "server_stream"
        case bidiStream = "bidi_stream"
    }

    /// Counts a finished call with its gRPC status code number, `grpc_server_handled_total`.
    package func recordRPC(service: String, method: String, type: RPCType = .unary, code: Int) {
        handledCounter(service: service, method: method, type: type, code: code).increment()
    }

    /// The `grpc_server_started_total` series of a method, resolved once by the caller that counts its calls
    /// (the lookup hashes its labels under a lock). `service` is the full name (`etcdserverpb.KV`), `method`
    /// the bare method (`Range`).
    package func startedCounter(service: String, method: String, type: RPCType = .unary) -> CoreMetrics.Counter {
        counter(RPCSeries(name: "grpc_server_started_total", code: nil, service: service, method: method, type: type))
    }

    /// The `grpc_server_handled_total` series of a method and status code number.
    package func handledCounter(
        service: String, method: String, type: RPCType = .unary, code: Int
    ) -> CoreMetrics.Counter {
        counter(RPCSeries(name: "grpc_server_handled_total", code: code, service: service, method: method, type: type))
    }

    private func counter(_ series: RPCSeries) -> CoreMetrics.Counter {
        rpcCounters.withLockedValue { counters in
            if let existing = counters[series] { return existing }
            var labels: [(String, String)] = []
            if let code = series.code { labels.append(("grpc_code", GRPCCodeName.name(of: code))) }
            labels += [
                ("grpc_method", series.method), ("grpc_service", series.service), ("grpc_type", series.type.rawValue),
            ]
            let created = CoreMetrics.Counter(label: series.name, dimensions: labels, factory: factory)
            counters[series] = created
            return created
        }
    }

    /// One labelled gRPC counter series.
    private struct RPCSeries: Hashable {
        var name: String
        var code: Int?
        var service: String
        var method: String
        var type: RPCType
    }
}

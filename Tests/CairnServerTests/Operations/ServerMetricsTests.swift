import Testing

@testable import CairnServer

@Suite struct ServerMetricsTests {
    private func text(_ metrics: ServerMetrics) -> String {
        String(decoding: metrics.exposition(), as: UTF8.self)
    }

    @Test func exposesEtcdNamesAfterRecording() {
        let metrics = ServerMetrics()
        metrics.recordPut(count: 2)
        metrics.recordDelete()
        metrics.recordRange()
        metrics.recordTxn()
        metrics.recordProposalCommitted(count: 3)
        metrics.recordLeaseGranted()
        metrics.setQuotaBackendBytes(4096)
        metrics.update(
            StoreSample(
                keys: 5, dbTotalSizeBytes: 8192, dbInUseSizeBytes: 4000, currentRevision: 9, compactRevision: 2,
                watchers: 1, slowWatchers: 3, pendingEvents: 7))
        let output = text(metrics)
        let expectedLines = [
            "etcd_mvcc_put_total 2", "etcd_mvcc_delete_total 1", "etcd_mvcc_range_total 1", "etcd_mvcc_txn_total 1",
            "etcd_server_proposals_committed_total 3", "etcd_debugging_lease_granted_total 1",
            "etcd_debugging_mvcc_watcher_total 1.0", "etcd_debugging_mvcc_slow_watcher_total 3.0",
            "etcd_debugging_mvcc_pending_events_total 7.0", "etcd_server_quota_backend_bytes 4096.0",
            "etcd_debugging_mvcc_keys_total 5.0", "etcd_mvcc_db_total_size_in_bytes 8192.0",
            "etcd_mvcc_db_total_size_in_use_in_bytes 4000.0", "etcd_debugging_mvcc_current_revision 9.0",
            "etcd_debugging_mvcc_compact_revision 2.0", "etcd_server_has_leader 1.0", "etcd_server_is_leader 1.0",
            #"etcd_server_version{server_version="3.5.17"} 1.0"#,
        ]
        let lines = Set(output.split(separator: "\n").map(String.init))
        for expected in expectedLines { #expect(lines.contains(expected), "\(expected)") }
    }

    @Test func fsyncHistogramUsesEtcdBuckets() {
        let metrics = ServerMetrics()
        metrics.recordFsync(seconds: 0.0015)
        metrics.recordFsync(seconds: 0.5)
        let output = text(metrics)
        #expect(output.contains("# TYPE etcd_disk_wal_fsync_duration_seconds histogram"))
        #expect(output.contains(#"etcd_disk_wal_fsync_duration_seconds_bucket{le="0.001"} 0"#))
        #expect(output.contains(#"etcd_disk_wal_fsync_duration_seconds_bucket{le="0.002"} 1"#))
        #expect(output.contains(#"etcd_disk_wal_fsync_duration_seconds_bucket{le="8.192"} 2"#))
        #expect(output.contains("etcd_disk_wal_fsync_duration_seconds_count 2"))
        #expect(ServerMetrics.fsyncBuckets.count == 14)
    }

    @Test func grpcCountersCarryGoGRPCPrometheusLabels() {
        let metrics = ServerMetrics()
        metrics.startedCounter(service: "etcdserverpb.KV", method: "Range").increment()
        metrics.recordRPC(service: "etcdserverpb.KV", method: "Range", code: 0)
        metrics.recordRPC(service: "etcdserverpb.KV", method: "Range", code: 0)
        metrics.recordRPC(service: "etcdserverpb.Watch", method: "Watch", type: .bidiStream, code: 3)
        let output = text(metrics)
        #expect(
            output.contains(
                #"grpc_server_started_total{grpc_method="Range",grpc_service="etcdserverpb.KV",grpc_type="unary"} 1"#
            )
        )
        #expect(
            output.contains(
                #"grpc_server_handled_total{grpc_code="OK",grpc_method="Range",grpc_service="etcdserverpb.KV",grpc_type="unary"} 2"#
            )
        )
        #expect(
            output.contains(
                #"grpc_server_handled_total{grpc_code="InvalidArgument",grpc_method="Watch",grpc_service="etcdserverpb.Watch",grpc_type="bidi_stream"} 1"#
            )
        )
        #expect(GRPCCodeName.name(of: 16) == "Unauthenticated")
        #expect(GRPCCodeName.name(of: 42) == "Code(42)")
    }

    @Test func samplerFeedsGaugesUntilCancelled() async {
        let metrics = ServerMetrics()
        let sampled = AsyncStream<Void>.makeStream()
        let sampler = Task {
            await metrics.runSampler(every: .seconds(3600)) {
                sampled.continuation.yield()
                return StoreSample(
                    keys: 42, dbTotalSizeBytes: 1, dbInUseSizeBytes: 1, currentRevision: 1, compactRevision: 0)
            }
        }
        var iterator = sampled.stream.makeAsyncIterator()
        await iterator.next()
        sampler.cancel()
        await sampler.value
        #expect(text(metrics).contains("etcd_debugging_mvcc_keys_total 42.0"))
    }
}

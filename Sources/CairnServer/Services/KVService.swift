import CairnGRPC
import CairnStore
import CairnWire

/// `etcdserverpb.KV`: Range, Put, DeleteRange, Txn and Compact on the store, with etcd's request limits, the
/// space quota, complete response headers and the mvcc operation counters.
package struct KVService: Sendable {
    package static let name = "etcdserverpb.KV"

    let store: any KeyValueBackend
    let headers: ResponseHeaders
    let sizeLimit: RequestSizeLimit
    let quota: SpaceQuota
    let metrics: ServerMetrics

    package init(
        store: any KeyValueBackend, headers: ResponseHeaders, sizeLimit: RequestSizeLimit, quota: SpaceQuota,
        metrics: ServerMetrics
    ) {
        self.store = store
        self.headers = headers
        self.sizeLimit = sizeLimit
        self.quota = quota
        self.metrics = metrics
    }

    package func register(on routes: inout InstrumentedRoutes) {
        // Reads answer from memory, on the event loop. Writes wait for their fdatasync, which may be
        // done on the writer's own thread, and so run on the task pool.
        routes.unary(Self.name, "Range", immediate: range)
        routes.unary(Self.name, "Put", put)
        routes.unary(Self.name, "DeleteRange", deleteRange)
        routes.unary(Self.name, "Txn", txn)
        routes.unary(Self.name, "Compact", compact)
    }

    /// Answers at once, unless a linearizable read must first wait for storage shared with other processes.
    package func range(_ request: RangeRequest) throws -> GRPCUnaryAnswer<RangeResponse> {
        try store.answer(linearizable: !request.serializable) { try rangeNow(request) }
    }

    private func rangeNow(_ request: RangeRequest) throws -> RangeResponse {
        var response = try store.range(request)
        response.header = headers.complete(response.header)
        metrics.recordRange()
        return response
    }

    package func put(_ request: PutRequest) async throws -> PutResponse {
        try sizeLimit.check(request)
        try quota.admit(cost: SpaceQuota.cost(of: request))
        var response = try await store.put(request)
        response.header = headers.complete(response.header)
        metrics.recordPut()
        metrics.recordProposalCommitted()
        return response
    }

    package func deleteRange(_ request: DeleteRangeRequest) async throws -> DeleteRangeResponse {
        try sizeLimit.check(message: request)
        var response = try await store.deleteRange(request)
        response.header = headers.complete(response.header)
        metrics.recordDelete()
        if response.deleted > 0 { metrics.recordProposalCommitted() }
        return response
    }

    package func txn(_ request: TxnRequest) async throws -> TxnResponse {
        try sizeLimit.check(message: request)
        let cost = SpaceQuota.cost(of: request)
        if cost > 0 { try quota.admit(cost: cost) }
        let before = store.currentRevision
        var response = try await store.txn(request)
        response.header = headers.complete(response.header)
        metrics.recordTxn()
        if response.header?.revision ?? 0 > before { metrics.recordProposalCommitted() }
        return response
    }

    package func compact(_ request: CompactionRequest) async throws -> CompactionResponse {
        var response = try await store.compact(request)
        response.header = headers.complete(response.header)
        return response
    }
}

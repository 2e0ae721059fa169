import CairnGRPC
import CairnStore
import CairnWire

/// `etcdserverpb.Lease`: grant, revoke, keep-alive streams, time-to-live and listing, with complete headers.
package struct LeaseService: Sendable {
    package static let name = "etcdserverpb.Lease"

    let store: any KeyValueBackend
    let headers: ResponseHeaders
    let quota: SpaceQuota
    let metrics: ServerMetrics

    package init(store: any KeyValueBackend, headers: ResponseHeaders, quota: SpaceQuota, metrics: ServerMetrics) {
        self.store = store
        self.headers = headers
        self.quota = quota
        self.metrics = metrics
    }

    package func register(on routes: inout InstrumentedRoutes) {
        routes.unary(Self.name, "LeaseGrant", grant)
        routes.unary(Self.name, "LeaseRevoke", revoke)
        routes.bidirectional(Self.name, "LeaseKeepAlive", keepAlive)
        routes.unary(Self.name, "LeaseTimeToLive", immediate: timeToLive)
        routes.unary(Self.name, "LeaseLeases", immediate: leases)
    }

    package func grant(_ request: LeaseGrantRequest) async throws -> LeaseGrantResponse {
        try quota.admit(cost: SpaceQuota.leaseCost)
        let granted = try await store.leaseGrant(id: request.id, ttl: request.ttl)
        metrics.recordLeaseGranted()
        return LeaseGrantResponse(
            header: headers.header(revision: store.currentRevision), id: granted.id, ttl: granted.ttl)
    }

    package func revoke(_ request: LeaseRevokeRequest) async throws -> LeaseRevokeResponse {
        let revision = try await store.leaseRevoke(id: request.id)
        return LeaseRevokeResponse(header: headers.header(revision: revision))
    }

    /// One response per request, in order: the granted TTL for a live lease (its deadline restarted), TTL 0 for
    /// an unknown or expired one; the stream stays open either way and ends with OK at the client's half-close.
    package func keepAlive(
        _ requests: GRPCRequestStream<LeaseKeepAliveRequest>, _ responses: GRPCResponseWriter<LeaseKeepAliveResponse>
    ) async throws {
        for try await request in requests {
            let ttl = store.leaseKeepAlive(id: request.id)
            try await responses.write(
                LeaseKeepAliveResponse(
                    header: headers.header(revision: store.currentRevision), id: request.id, ttl: ttl)
            )
        }
    }

    package func timeToLive(_ request: LeaseTimeToLiveRequest) -> GRPCUnaryAnswer<LeaseTimeToLiveResponse> {
        store.answer {
            var response = store.leaseTimeToLive(id: request.id, keys: request.keys)
            response.header = headers.complete(response.header)
            return response
        }
    }

    package func leases(_ request: LeaseLeasesRequest) -> GRPCUnaryAnswer<LeaseLeasesResponse> {
        store.answer {
            LeaseLeasesResponse(
                header: headers.header(revision: store.currentRevision),
                leases: store.leaseList().map { LeaseStatus(id: $0) }
            )
        }
    }

}

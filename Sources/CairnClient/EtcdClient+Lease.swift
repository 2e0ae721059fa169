import CairnGRPC
import CairnWire

extension EtcdClient {
    /// Grants a lease of `ttl` seconds; `id` 0 lets the server choose the id.
    public func grantLease(ttl: Int64, id: Int64 = 0) async throws(EtcdClientError) -> LeaseGrantResponse {
        var request = LeaseGrantRequest()
        request.ttl = ttl
        request.id = id
        return try await unary("/etcdserverpb.Lease/LeaseGrant", request, idempotent: false)
    }

    /// Revokes a lease, deleting every key attached to it.
    @discardableResult
    public func revokeLease(id: Int64) async throws(EtcdClientError) -> LeaseRevokeResponse {
        var request = LeaseRevokeRequest()
        request.id = id
        return try await unary("/etcdserverpb.Lease/LeaseRevoke", request, idempotent: false)
    }

    /// A lease's granted and remaining TTL (TTL −1 when it no longer exists), with its keys if asked.
    public func leaseTimeToLive(id: Int64, keys: Bool = false) async throws(EtcdClientError)
        -> LeaseTimeToLiveResponse
    {
        var request = LeaseTimeToLiveRequest()
        request.id = id
        request.keys = keys
        return try await unary("/etcdserverpb.Lease/LeaseTimeToLive", request, idempotent: true)
    }

    /// Every lease that exists.
    public func leases() async throws(EtcdClientError) -> LeaseLeasesResponse {
        try await unary("/etcdserverpb.Lease/LeaseLeases", LeaseLeasesRequest(), idempotent: true)
    }

    /// Renews a lease once. A lease that does not exist fails with `.leaseExpired`.
    public func keepAliveOnce(id: Int64) async throws(EtcdClientError) -> LeaseKeepAliveResponse {
        let index = currentIndex
        do {
            let call = try await connections[index].bidirectional(
                path: "/etcdserverpb.Lease/LeaseKeepAlive", requestType: LeaseKeepAliveRequest.self,
                responseType: LeaseKeepAliveResponse.self)
            defer { call.cancel() }
            var request = LeaseKeepAliveRequest()
            request.id = id
            try await call.send(request)
            var responses = call.responses.makeAsyncIterator()
            guard let response = try await responses.next() else {
                throw GRPCStatus(code: .unavailable, message: "keep-alive stream ended without a response")
            }
            guard response.ttl > 0 else { throw EtcdClientError.leaseExpired(id: id) }
            return response
        } catch let error as EtcdClientError {
            throw error
        } catch {
            let status = Self.status(of: error)
            if Self.isConnectionFailure(status) { failOver(from: index) }
            throw .rpc(status)
        }
    }

    /// Keeps a lease alive until the returned sequence is dropped or its task cancelled.
    ///
    /// A renewal is sent at once and then every third of the lease's TTL. Each answer is an element.
    /// The sequence ends by throwing `.leaseExpired` when the server reports the lease gone; a lost
    /// connection is retried on the next endpoint.
    public func keepAlive(id: Int64) -> AsyncThrowingStream<LeaseKeepAliveResponse, any Error> {
        let (stream, continuation) = AsyncThrowingStream<LeaseKeepAliveResponse, any Error>.makeStream()
        let task = Task {
            do {
                try await runKeepAlive(id: id) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func runKeepAlive(id: Int64, yield: (LeaseKeepAliveResponse) -> Void) async throws {
        var backoff = Backoff()
        while !Task.isCancelled {
            let index = currentIndex
            do {
                let call = try await connections[index].bidirectional(
                    path: "/etcdserverpb.Lease/LeaseKeepAlive", requestType: LeaseKeepAliveRequest.self,
                    responseType: LeaseKeepAliveResponse.self)
                defer { call.cancel() }
                var responses = call.responses.makeAsyncIterator()
                var request = LeaseKeepAliveRequest()
                request.id = id
                while true {
                    try await call.send(request)
                    guard let response = try await responses.next() else { break }
                    guard response.ttl > 0 else { throw EtcdClientError.leaseExpired(id: id) }
                    backoff.reset()
                    yield(response)
                    let interval = max(Duration.milliseconds(500), .seconds(response.ttl) / 3)
                    try await Task.sleep(for: interval)
                }
            } catch let error as EtcdClientError {
                throw error
            } catch is CancellationError {
                return
            } catch {
                let status = Self.status(of: error)
                guard Self.isConnectionFailure(status) else {
                    if status.code == .cancelled && Task.isCancelled { return }
                    throw EtcdClientError.rpc(status)
                }
                failOver(from: index)
            }
            try await backoff.wait()
        }
    }
}

import CairnGRPC
import CairnWire

extension EtcdClient {
    /// Watches a key (or a range, see `WatchOptions`) and delivers the server's responses.
    ///
    /// The first element is the `created` response; every later one carries events or is a
    /// progress notification. If the connection is lost, the watch is created again on the next
    /// endpoint starting at the revision after the last one delivered, so no event is lost or
    /// repeated. If that revision has been compacted the sequence delivers the server's `canceled`
    /// response and then throws `.compacted` instead of skipping events; a watch the server cancels
    /// with a reason ends the same way with `.watchCanceled`. Cancelling the task that iterates (or
    /// dropping the sequence) ends the watch.
    public func watch(_ key: [UInt8], options: WatchOptions = WatchOptions()) -> AsyncThrowingStream<
        WatchResponse, any Error
    > {
        let (stream, continuation) = AsyncThrowingStream<WatchResponse, any Error>.makeStream()
        let task = Task {
            do {
                var session = WatchSession(key: key, options: options)
                try await session.run(on: self) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Watches a UTF-8 key; see `watch(_:options:)`.
    public func watch(_ key: String, options: WatchOptions = WatchOptions()) -> AsyncThrowingStream<
        WatchResponse, any Error
    > {
        watch(Array(key.utf8), options: options)
    }
}

/// One logical watch across reconnections: remembers the next revision to ask for.
struct WatchSession {
    let key: [UInt8]
    let options: WatchOptions
    /// Revision to start from when (re)creating; 0 until known when watching "from now".
    var nextRevision: Int64
    var delivered = false

    init(key: [UInt8], options: WatchOptions) {
        self.key = key
        self.options = options
        self.nextRevision = options.startRevision
    }

    mutating func run(on client: EtcdClient, yield: (WatchResponse) -> Void) async throws {
        var backoff = Backoff()
        while !Task.isCancelled {
            let index = client.currentIndex
            do {
                try await stream(on: client, index: index, backoff: &backoff, yield: yield)
                return
            } catch let error as EtcdClientError {
                throw error
            } catch is CancellationError {
                return
            } catch {
                let status = EtcdClient.status(of: error)
                if Task.isCancelled { return }
                guard EtcdClient.isConnectionFailure(status) else {
                    throw EtcdClientError.rpc(status)
                }
                client.failOver(from: index)
            }
            try await backoff.wait()
        }
    }

    /// Runs one watch stream until it fails or the server ends the watch normally.
    private mutating func stream(
        on client: EtcdClient, index: Int, backoff: inout Backoff, yield: (WatchResponse) -> Void
    ) async throws {
        var metadata = GRPCMetadata()
        metadata.add("hasleader", "true")
        let call = try await client.connections[index].bidirectional(
            path: "/etcdserverpb.Watch/Watch", metadata: metadata, requestType: WatchRequest.self,
            responseType: WatchResponse.self)
        defer { call.cancel() }
        try await call.send(options.createRequest(key: key, from: nextRevision))
        var pending: WatchResponse?
        for try await piece in call.responses {
            var response = piece
            if var partial = pending {
                partial.events += piece.events
                partial.fragment = piece.fragment
                response = partial
            }
            if response.fragment {
                pending = response
                continue
            }
            pending = nil
            if response.compactRevision != 0 {
                yield(response)
                throw EtcdClientError.compacted(compactRevision: response.compactRevision)
            }
            if response.created {
                if response.watchID == -1 || !response.cancelReason.isEmpty {
                    throw EtcdClientError.watchCanceled(reason: response.cancelReason)
                }
                backoff.reset()
                if nextRevision == 0, let revision = response.header?.revision { nextRevision = revision + 1 }
                if !delivered {
                    delivered = true
                    yield(response)
                }
                continue
            }
            if response.canceled {
                yield(response)
                if response.cancelReason.isEmpty { return }
                throw EtcdClientError.watchCanceled(reason: response.cancelReason)
            }
            if let last = response.events.last?.kv?.modRevision {
                nextRevision = max(nextRevision, last + 1)
            } else if let revision = response.header?.revision, revision >= nextRevision {
                nextRevision = revision + 1
            }
            yield(response)
        }
        throw GRPCStatus(code: .unavailable, message: "watch stream ended by the server")
    }
}

import CairnGRPC
import CairnStore
import CairnWire

/// `etcdserverpb.Watch/Watch`: one bidirectional stream carrying many watchers (spec §6).
///
/// Requests are applied in arrival order on the receiving side; everything the stream sends
/// (created, events, cancels, progress) comes out of the hub's ordered per-stream queue on the
/// sending side, so a created response always precedes its watcher's events and a progress
/// response never reports less than an event already sent. A client half-close keeps the stream
/// serving; the call's cancellation (RST_STREAM, connection loss) removes all its watchers.
package struct WatchService: Sendable {
    package static let path = "/etcdserverpb.Watch/Watch"

    package let hub: WatchHub
    private let builder: WatchResponseBuilder

    /// - Parameters:
    ///   - hub: the hub the store's commits feed (see `WatchHub.attached(to:configuration:)`).
    ///   - header: the complete response header for a store revision.
    package init(
        hub: WatchHub,
        header: @escaping @Sendable (Int64) -> ResponseHeader,
        configuration: WatchServiceConfiguration = WatchServiceConfiguration()
    ) {
        self.hub = hub
        self.builder = WatchResponseBuilder(header: header, configuration: configuration)
    }

    /// A service with its own hub attached to `store`'s commits.
    package init(
        store: any KeyValueBackend,
        header: @escaping @Sendable (Int64) -> ResponseHeader,
        configuration: WatchServiceConfiguration = WatchServiceConfiguration()
    ) {
        self.init(
            hub: WatchHub.attached(to: store, configuration: configuration.hub),
            header: header,
            configuration: configuration
        )
    }

    package func register(on router: inout GRPCRouter) {
        router.bidirectional(Self.path) {
            (requests: GRPCRequestStream<WatchRequest>, responses: GRPCResponseWriter<WatchResponse>, _) in
            try await serve(requests) { try await responses.write(contentsOf: $0) }
        }
    }

    /// Serves one Watch call until it is cancelled or `write` fails.
    package func serve<Requests: AsyncSequence & Sendable>(
        _ requests: Requests,
        write: @escaping @Sendable ([WatchResponse]) async throws -> Void
    ) async throws where Requests.Element == WatchRequest {
        let stream = hub.openStream()
        defer { stream.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Everything queued for the stream goes out in one write: with many watchers on one stream,
                // one put becomes as many responses, and a hop to the connection's event loop for each
                // would cost more than encoding them.
                while case let messages = await stream.nextBatch(limit: Self.responsesPerWrite), !messages.isEmpty {
                    let responses = messages.flatMap { message in
                        builder.responses(for: message) { stream.options(of: $0)?.fragment == true }
                    }
                    try await write(responses)
                }
            }
            group.addTask {
                for try await request in requests {
                    await stream.waitForRoom()
                    Self.apply(request, to: stream)
                }
            }
            // The first failure ends the call (leaving the group cancels the other side); a
            // reader that ends normally (half-close) leaves the sender serving.
            while try await group.next() != nil {}
        }
    }

    /// At most this many hub messages are encoded into one write (bounding its size and latency).
    static let responsesPerWrite = 256

    private static func apply(_ request: WatchRequest, to stream: WatchStream) {
        switch request.requestUnion {
        case .createRequest(let create):
            stream.create(watchID: create.watchID, range: create.watchRange, options: create.watchOptions)
        case .cancelRequest(let cancel):
            stream.cancel(watchID: cancel.watchID)
        case .progressRequest:
            stream.requestProgress()
        case nil:
            break
        }
    }
}

import CairnGRPC
import CairnServer
import CairnStore
import CairnWire
import Foundation
import NIOPosix

/// A Watch service on a fresh embedded store, served by a gRPC server reached through its
/// in-memory transport.
final class WatchServiceHarness: Sendable {
    let directory: String
    let store: EmbeddedStore
    let service: WatchService
    let server: GRPCServer
    let client: GRPCClientConnection
    /// One event loop, so the in-memory transport's two ends share it.
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    static func header(_ revision: Int64) -> ResponseHeader {
        ResponseHeader(clusterID: 0x1234, memberID: 0x5678, revision: revision, raftTerm: 2)
    }

    init(configuration: WatchServiceConfiguration = WatchServiceConfiguration()) throws {
        directory = NSTemporaryDirectory() + "cairn-watch-service-" + UUID().uuidString
        store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory, noSync: true))
        service = WatchService(store: store, header: Self.header, configuration: configuration)
        var router = GRPCRouter()
        service.register(on: &router)
        server = GRPCServer(router: router, group: group)
        client = server.inMemoryClient()
    }

    func shutdown() async throws {
        await client.close()
        await server.shutdown(grace: .seconds(1))
        try await store.close()
        try await group.shutdownGracefully()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Opens a Watch call.
    func watch() async throws -> WatchCall {
        WatchCall(
            try await client.bidirectional(
                path: WatchService.path,
                requestType: WatchRequest.self,
                responseType: WatchResponse.self
            )
        )
    }

    @discardableResult
    func put(_ key: String, _ value: String) async throws -> Int64 {
        try await store.put(PutRequest(key: Array(key.utf8), value: Array(value.utf8))).header?.revision ?? 0
    }

    @discardableResult
    func delete(_ key: String) async throws -> Int64 {
        try await store.deleteRange(DeleteRangeRequest(key: Array(key.utf8))).header?.revision ?? 0
    }

    /// Waits (bounded) until the hub's gauges satisfy `condition`; the server notices a
    /// cancelled call on its own event loop, so there is no event to await here.
    func waitForHub(_ condition: (WatchHubStatistics) -> Bool) async throws -> Bool {
        for _ in 0..<400 {
            if condition(service.hub.statistics) {
                return true
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        return condition(service.hub.statistics)
    }
}

/// A client's Watch call with a response iterator.
final class WatchCall: @unchecked Sendable {
    let call: GRPCBidirectionalCall<WatchRequest, WatchResponse>
    /// Only the test's task reads responses.
    private var responses: GRPCResponseStream<WatchResponse>.AsyncIterator

    init(_ call: GRPCBidirectionalCall<WatchRequest, WatchResponse>) {
        self.call = call
        self.responses = call.responses.makeAsyncIterator()
    }

    func create(_ create: WatchCreateRequest) async throws {
        try await call.send(WatchRequest(requestUnion: .createRequest(create)))
    }

    func create(key: String, rangeEnd: String = "") async throws {
        try await create(WatchCreateRequest(key: Array(key.utf8), rangeEnd: Array(rangeEnd.utf8)))
    }

    func cancel(_ watchID: Int64) async throws {
        try await call.send(WatchRequest(requestUnion: .cancelRequest(WatchCancelRequest(watchID: watchID))))
    }

    func requestProgress() async throws {
        try await call.send(WatchRequest(requestUnion: .progressRequest(WatchProgressRequest())))
    }

    func next() async throws -> WatchResponse? {
        try await responses.next()
    }

    func next(_ count: Int) async throws -> [WatchResponse] {
        var received: [WatchResponse] = []
        while received.count < count, let response = try await responses.next() {
            received.append(response)
        }
        return received
    }
}

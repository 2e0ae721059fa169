import CairnServer
import CairnStore
import CairnWire
import Synchronization
import Testing

/// A response writer that stops accepting writes while closed, like a client that does not read.
final class GatedWriter: Sendable {
    private struct State {
        var open = false
        var received: [WatchResponse] = []
        var blocked: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    var received: [WatchResponse] { state.withLock { $0.received } }

    func write(_ response: WatchResponse) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.open {
                    state.blocked.append(continuation)
                }
                return state.open
            }
            if isOpen {
                continuation.resume()
            }
        }
        state.withLock { $0.received.append(response) }
    }

    func open() {
        let blocked = state.withLock { state in
            state.open = true
            defer { state.blocked = [] }
            return state.blocked
        }
        blocked.forEach { $0.resume() }
    }
}

@Suite(.timeLimit(.minutes(1))) struct WatchServiceSlowClientTests {
    @Test func aClientThatStopsReadingIsParkedAndThenGetsEverythingInOrder() async throws {
        let configuration = WatchServiceConfiguration(hub: WatchHubConfiguration(streamQueueCapacity: 8))
        let harness = try WatchServiceHarness(configuration: configuration)
        let slowWriter = GatedWriter()
        let (requests, requestInput) = AsyncStream<WatchRequest>.makeStream()
        let serving = Task {
            try await harness.service.serve(requests) { for response in $0 { await slowWriter.write(response) } }
        }
        requestInput.yield(WatchRequest(requestUnion: .createRequest(WatchCreateRequest(key: Array("s".utf8)))))

        let fast = try await harness.watch()
        try await fast.create(key: "s")
        _ = try await fast.next()
        for value in 0..<300 {
            let revision = try await harness.put("s", "\(value)")
            let event = try await fast.next()
            #expect(event?.header?.revision == revision, "the other watcher keeps up")
        }
        let statistics = harness.service.hub.statistics
        #expect(statistics.slowWatchers == 1)
        #expect(statistics.pendingEvents <= 8, "memory stays bounded while the client does not read")

        slowWriter.open()
        var revisions: [Int64] = []
        while revisions.count < 300 {
            await Task.yield()
            revisions = slowWriter.received.flatMap { $0.events.map(\.kv!.modRevision) }
        }
        #expect(revisions == Array(2...301))
        #expect(slowWriter.received.first?.created == true)
        serving.cancel()
        _ = await serving.result
        #expect(harness.service.hub.statistics.watchers == 1)
        try await harness.shutdown()
    }

    @Test func droppingTheConnectionFreesItsWatchers() async throws {
        let harness = try WatchServiceHarness()
        let watch = try await harness.watch()
        for key in ["a", "b", "c"] {
            try await watch.create(key: key)
        }
        _ = try await watch.next(3)
        #expect(harness.service.hub.statistics.watchers == 3)
        await harness.client.close()
        #expect(try await harness.waitForHub { $0.watchers == 0 && $0.streams == 0 })
        try await harness.shutdown()
    }
}

@Suite(.timeLimit(.minutes(1))) struct WatchServiceStreamEndTests {
    struct BrokenRequest: Error {}

    @Test func aFailingRequestStreamEndsTheCallAndFreesItsWatchers() async throws {
        let harness = try WatchServiceHarness()
        let writer = GatedWriter()
        writer.open()
        let (requests, input) = AsyncThrowingStream<WatchRequest, any Error>.makeStream()
        input.yield(WatchRequest(requestUnion: .createRequest(WatchCreateRequest(key: Array("a".utf8)))))
        input.finish(throwing: BrokenRequest())
        await #expect(throws: BrokenRequest.self) {
            try await harness.service.serve(requests) { for response in $0 { await writer.write(response) } }
        }
        #expect(
            harness.service.hub.statistics
                == WatchHubStatistics(watchers: 0, slowWatchers: 0, pendingEvents: 0, streams: 0))
        try await harness.shutdown()
    }
}

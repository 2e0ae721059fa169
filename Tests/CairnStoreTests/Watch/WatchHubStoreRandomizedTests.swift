import CairnStore
import CairnWire
import Synchronization
import Testing

/// Every event the store's commit feed delivered, in order: the oracle for the store-backed checker.
final class CommitLog: Sendable {
    private let events = Mutex<[Event]>([])

    func record(_ committed: CommittedRevision) {
        events.withLock { $0 += committed.events }
    }

    func expected(_ range: WatchKeyRange, from revision: Int64) -> [Event] {
        events.withLock { events in
            events.filter { $0.kv!.modRevision >= revision && range.contains($0.kv!.key) }
        }
    }
}

/// The randomized checker on the real embedded store: concurrent clients put, delete, run
/// transactions and compact while watchers with random ranges, start revisions and reading
/// speeds watch; each must see exactly the committed events of its range, in order, once,
/// unless told that its history was compacted.
@Suite struct WatchHubStoreRandomizedTests {
    @Test(.timeLimit(.minutes(1)), arguments: [11, 12, 13] as [UInt64])
    func everyWatcherSeesExactlyTheStoreHistory(seed: UInt64) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory.path, noSync: true))
        let log = CommitLog()
        let token = store.subscribeCommits { log.record($0) }
        let hub = WatchHub.attached(
            to: store,
            configuration: WatchHubConfiguration(streamQueueCapacity: 4, catchUpBatchRevisions: 9)
        )
        var random = SplitMix64(state: seed)
        for index in 0..<20 {
            _ = try await store.put(PutRequest(key: Array("k\(index % 12)".utf8), value: Array("seed".utf8)))
        }

        let streams = (0..<4).map { _ in hub.openStream() }
        var plan: [[Int64: CheckedWatcher]] = Array(repeating: [:], count: streams.count)
        for watchID in Int64(1)...16 {
            plan[Int.random(in: 0..<streams.count, using: &random)][watchID] = CheckedWatcher(
                range: WatchHubRandomizedTests.randomRange(using: &random),
                options: WatchOptions(
                    startRevision: [0, 0, 1, 15, 21, 60, 150].randomElement(using: &random)!,
                    prevKv: Bool.random(using: &random),
                    noPut: Int.random(in: 0..<6, using: &random) == 0,
                    noDelete: Int.random(in: 0..<6, using: &random) == 0
                )
            )
        }
        let plans = plan
        let finalRevision = FinalRevision()
        async let results = withTaskGroup(of: (Int, [Int64: CheckedWatcher]).self) { group in
            for (index, stream) in streams.enumerated() {
                var readerRandom = SplitMix64(state: seed &+ UInt64(index) &* 7919)
                let streamPlan = plans[index]
                group.addTask {
                    let result = await WatchHubRandomizedTests.read(
                        stream,
                        plan: streamPlan,
                        until: finalRevision,
                        using: &readerRandom
                    )
                    return (index, result)
                }
            }
            var results = Array(repeating: [Int64: CheckedWatcher](), count: streams.count)
            for await (index, result) in group {
                results[index] = result
            }
            return results
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, stream) in streams.enumerated() {
                let streamPlan = plans[index]
                group.addTask {
                    for (watchID, watcher) in streamPlan.sorted(by: { $0.key < $1.key }) {
                        stream.create(watchID: watchID, range: watcher.range, options: watcher.options)
                        for _ in 0..<60 {
                            await Task.yield()
                        }
                    }
                }
            }
            for writer in 0..<3 {
                var writerRandom = SplitMix64(state: seed &* 131 &+ UInt64(writer))
                group.addTask {
                    for step in 0..<120 {
                        try await Self.randomWrite(store, using: &writerRandom)
                        await Task.yield()
                        if writer == 0, step % 40 == 39 {
                            let target = store.currentRevision - 40
                            if target > store.compactRevision {
                                _ = try await store.compact(CompactionRequest(revision: target))
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        finalRevision.value.store(store.currentRevision, ordering: .sequentiallyConsistent)
        for stream in streams {
            stream.requestProgress()
        }
        let watchersByStream = await results
        token.cancel()

        var delivered = 0
        for (streamIndex, watchers) in watchersByStream.enumerated() {
            for (watchID, watcher) in watchers {
                WatchHubRandomizedTests.verify(
                    watcher,
                    history: log.expected,
                    compactRevision: store.compactRevision,
                    label: "seed \(seed) stream \(streamIndex) watch \(watchID)"
                )
                delivered += watcher.events.count
            }
        }
        #expect(delivered > 150, "the run delivered enough to mean something")
        for stream in streams {
            stream.close()
        }
        try await store.close()
    }

    static func randomWrite(_ store: EmbeddedStore, using random: inout SplitMix64) async throws {
        let key = Array(WatchHubRandomizedTests.keys.randomElement(using: &random)!.utf8)
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            _ = try await store.deleteRange(DeleteRangeRequest(key: key))
        case 1:
            let others = WatchHubRandomizedTests.keys.map { Array($0.utf8) }.filter { $0 != key }
            let other = others.randomElement(using: &random)!
            _ = try await store.txn(
                TxnRequest(success: [
                    RequestOp(request: .deleteRange(DeleteRangeRequest(key: other))),
                    RequestOp(request: .put(PutRequest(key: key, value: Array("t\(random.next() % 100)".utf8)))),
                ])
            )
        case 2:
            _ = try await store.deleteRange(DeleteRangeRequest(key: Array("k1".utf8), rangeEnd: Array("k2".utf8)))
        default:
            _ = try await store.put(PutRequest(key: key, value: Array("v\(random.next() % 1000)".utf8)))
        }
    }
}

import CairnStore
import CairnWire
import Synchronization
import Testing

/// A seeded generator so a failing run can be replayed by its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The last revision the writers produced, 0 while they run.
final class FinalRevision: Sendable {
    let value = Atomic<Int64>(0)
}

/// One watcher the checker created, and what it received.
struct CheckedWatcher: Sendable {
    var range: WatchKeyRange
    var options: WatchOptions
    var createdRevision: Int64 = 0
    var events: [Event] = []
    var compactedAt: Int64?
}

/// Writers (puts, deletes, multi-key transactions, compactions) race with watchers that use
/// random ranges, start revisions, filters and reading speeds on small queues; afterwards each
/// watcher must have received exactly the history's events for its range, in order, once,
/// unless it was told its history was compacted.
@Suite struct WatchHubRandomizedTests {
    static let keys = (0..<12).map { "k\($0)" }

    @Test(.timeLimit(.minutes(1)), arguments: [1, 2, 3, 4, 5] as [UInt64])
    func everyWatcherSeesExactlyItsHistory(seed: UInt64) async {
        var random = SplitMix64(state: seed)
        let history = FakeHistory()
        let hub = WatchHub(
            source: history,
            configuration: WatchHubConfiguration(streamQueueCapacity: 3, catchUpBatchRevisions: 7)
        )
        for index in 0..<30 {
            history.put(Self.keys[index % Self.keys.count], "seed\(index)", publishTo: hub)
        }

        let streams = (0..<5).map { _ in hub.openStream() }
        var plan: [[Int64: CheckedWatcher]] = Array(repeating: [:], count: streams.count)
        for watchID in Int64(1)...24 {
            let streamIndex = Int.random(in: 0..<streams.count, using: &random)
            let watcher = CheckedWatcher(
                range: Self.randomRange(using: &random),
                options: WatchOptions(
                    startRevision: [0, 0, 1, 10, 25, 31, 40, 200].randomElement(using: &random)!,
                    prevKv: Bool.random(using: &random),
                    noPut: Int.random(in: 0..<6, using: &random) == 0,
                    noDelete: Int.random(in: 0..<6, using: &random) == 0
                )
            )
            plan[streamIndex][watchID] = watcher
        }

        let finalRevision = FinalRevision()
        let plans = plan
        async let results = withTaskGroup(of: (Int, [Int64: CheckedWatcher]).self) { group in
            for (index, stream) in streams.enumerated() {
                var readerRandom = SplitMix64(state: seed &+ UInt64(index) &* 977)
                let plan = plans[index]
                group.addTask {
                    (index, await Self.read(stream, plan: plan, until: finalRevision, using: &readerRandom))
                }
            }
            var results = Array(repeating: [Int64: CheckedWatcher](), count: streams.count)
            for await (index, result) in group {
                results[index] = result
            }
            return results
        }
        let last = await withTaskGroup(of: Int64.self) { group in
            for (index, stream) in streams.enumerated() {
                let plan = plans[index]
                group.addTask {
                    for (watchID, watcher) in plan.sorted(by: { $0.key < $1.key }) {
                        stream.create(watchID: watchID, range: watcher.range, options: watcher.options)
                        for _ in 0..<20 {
                            await Task.yield()
                        }
                    }
                    return 0
                }
            }
            for writer in 0..<3 {
                var writerRandom = SplitMix64(state: seed &* 31 &+ UInt64(writer))
                group.addTask {
                    var last: Int64 = 0
                    for step in 0..<300 {
                        last = max(last, Self.randomWrite(history: history, hub: hub, using: &writerRandom))
                        if writer == 0, step % 150 == 149 {
                            history.compact(at: history.currentRevision - 250)
                        }
                        await Task.yield()
                    }
                    return last
                }
            }
            return await group.reduce(0, max)
        }
        finalRevision.value.store(last, ordering: .sequentiallyConsistent)
        for stream in streams {
            stream.requestProgress()
        }
        let watchersByStream = await results

        var checked = 0
        for (streamIndex, watchers) in watchersByStream.enumerated() {
            for (watchID, watcher) in watchers {
                Self.verify(
                    watcher, history: history.expected, label: "seed \(seed) stream \(streamIndex) watch \(watchID)")
                checked += 1
            }
        }
        let survivors = watchersByStream.flatMap(\.values).filter { $0.compactedAt == nil }
        #expect(survivors.map(\.events.count).reduce(0, +) > 1000, "the run delivered enough to mean something")
        #expect(checked == 24)
        #expect(hub.statistics.slowWatchers == 0)
        for stream in streams {
            stream.close()
        }
        #expect(hub.statistics == WatchHubStatistics(watchers: 0, slowWatchers: 0, pendingEvents: 0, streams: 0))
    }

    static func randomRange(using random: inout SplitMix64) -> WatchKeyRange {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return keyRange(keys.randomElement(using: &random)!)
        case 1: return prefixRange("k1")
        case 2: return keyRange("k2", "k6")
        case 3: return WatchKeyRange(key: Array("k5".utf8), rangeEnd: [0])
        default: return WatchKeyRange(key: [], rangeEnd: [0])
        }
    }

    static func randomWrite(history: FakeHistory, hub: WatchHub, using random: inout SplitMix64) -> Int64 {
        let count = Int.random(in: 0..<4, using: &random) == 0 ? 3 : 1
        var seen: Set<String> = []
        var operations: [(key: String, value: String?)] = []
        for _ in 0..<count {
            let key = keys.randomElement(using: &random)!
            guard seen.insert(key).inserted else { continue }
            let value: String? = Int.random(in: 0..<4, using: &random) == 0 ? nil : "v\(random.next() % 1000)"
            operations.append((key, value))
        }
        return history.write(operations, publishTo: hub)
    }

    /// Reads one stream until every watcher ended or a stream-wide progress at `finalRevision`
    /// (set once the writers are done) proves all of them caught up, pausing at random to let
    /// queues fill and watchers park.
    static func read(
        _ stream: WatchStream,
        plan: [Int64: CheckedWatcher],
        until finalRevision: FinalRevision,
        using random: inout SplitMix64
    ) async -> [Int64: CheckedWatcher] {
        var watchers = plan
        var open = plan.count
        var created = 0
        while open > 0, let message = await stream.next() {
            if Int.random(in: 0..<8, using: &random) == 0 {
                for _ in 0..<Int.random(in: 1..<10, using: &random) {
                    await Task.yield()
                }
            }
            switch message {
            case .created(let id, let revision):
                watchers[id]?.createdRevision = revision
                created += 1
            case .events(let id, _, let events):
                watchers[id]?.events += events
            case .compacted(let id, let compactRevision, _):
                watchers[id]?.compactedAt = compactRevision
                open -= 1
            case .progress(-1, let revision) where created == plan.count:
                let final = finalRevision.value.load(ordering: .sequentiallyConsistent)
                if final > 0, revision >= final {
                    return watchers
                }
                stream.requestProgress()
            default:
                continue
            }
        }
        return watchers
    }

    /// Checks a watcher against `history(range, start)`, every event of the range from `start`.
    /// A `prev_kv` may be missing when its revision is below `compactRevision` (etcd omits it
    /// once that history is compacted).
    static func verify(
        _ watcher: CheckedWatcher,
        history: (WatchKeyRange, Int64) -> [Event],
        compactRevision: Int64 = 0,
        label: String
    ) {
        let start = watcher.options.startRevision == 0 ? watcher.createdRevision + 1 : watcher.options.startRevision
        var expected = history(watcher.range, start).compactMap { event -> Event? in
            if event.type == .put ? watcher.options.noPut : watcher.options.noDelete {
                return nil
            }
            var event = event
            if !watcher.options.prevKv || (event.type == .put && event.kv!.createRevision == event.kv!.modRevision) {
                event.prevKv = nil
            }
            return event
        }
        for (index, received) in zip(expected.indices, watcher.events)
        where received.prevKv == nil && expected[index].kv!.modRevision - 1 < compactRevision {
            expected[index].prevKv = nil
        }
        if let compactedAt = watcher.compactedAt {
            #expect(Array(expected.prefix(watcher.events.count)) == watcher.events, "\(label): prefix")
            let nextNeeded = max(start, (watcher.events.last?.kv?.modRevision ?? 0) + 1)
            #expect(nextNeeded < compactedAt, "\(label): compacted although \(nextNeeded) >= \(compactedAt)")
        } else {
            #expect(
                watcher.events.map(\.summary) == expected.map(\.summary),
                "\(label): range \(watcher.range) options \(watcher.options)"
            )
            #expect(watcher.events == expected, "\(label): prev_kv")
        }
    }
}

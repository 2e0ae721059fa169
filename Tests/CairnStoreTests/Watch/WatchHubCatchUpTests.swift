import CairnStore
import CairnWire
import Testing

@Suite struct WatchHubCatchUpTests {
    @Test func pastStartRevisionReplaysHistoryThenContinuesLive() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        for value in 0..<5 {
            history.put("k", "\(value)", publishTo: hub)
        }
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(startRevision: 3))
        #expect(await stream.next() == .created(watchID: 0, revision: 6))
        history.put("k", "live", publishTo: hub)

        let (events, _) = await stream.collect(0, events: 5)
        #expect(events.map(\.summary) == ["PUT k=1@3", "PUT k=2@4", "PUT k=3@5", "PUT k=4@6", "PUT k=live@7"])
    }

    @Test func futureStartRevisionWaitsForIt() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(startRevision: 4))
        for value in 0..<4 {
            history.put("k", "\(value)", publishTo: hub)
        }
        #expect(await stream.next() == .created(watchID: 0, revision: 1))
        let (events, _) = await stream.collect(0, events: 2)
        #expect(events.map(\.summary) == ["PUT k=2@4", "PUT k=3@5"])
    }

    @Test func catchUpIsCutIntoBatchesOfAtMostTheConfiguredRevisions() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history, configuration: WatchHubConfiguration(catchUpBatchRevisions: 10))
        for value in 0..<25 {
            history.put("k", "\(value)", publishTo: hub)
        }
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(startRevision: 1))
        var batches: [[Int64]] = []
        for message in await stream.take(4) {
            if case .events(_, _, let events) = message {
                batches.append(events.map(\.kv!.modRevision))
            }
        }
        #expect(batches == [Array(2...10), Array(11...20), Array(21...26)])
    }

    @Test func compactedStartRevisionIsAnsweredOnceAndTheWatcherRemoved() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        for value in 0..<4 {
            history.put("k", "\(value)", publishTo: hub)
        }
        history.compact(at: 3)
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(startRevision: 2))
        let messages = await stream.take(2)
        #expect(
            messages == [.created(watchID: 0, revision: 5), .compacted(watchID: 0, compactRevision: 3, revision: 5)])
        #expect(hub.statistics.watchers == 0)
        history.put("k", "after", publishTo: hub)
        stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(startRevision: 3))
        #expect(await stream.next() == .created(watchID: 1, revision: 6), "auto ids are not reused")
        let (events, end) = await stream.collect(1, events: 4)
        #expect(end == nil)
        #expect(events.map(\.summary) == ["PUT k=1@3", "PUT k=2@4", "PUT k=3@5", "PUT k=after@6"])
    }

    @Test func slowConsumerIsParkedWithBoundedMemoryAndThenGetsEverything() async {
        let history = FakeHistory()
        let capacity = 4
        let hub = WatchHub(source: history, configuration: WatchHubConfiguration(streamQueueCapacity: capacity))
        let slow = hub.openStream()
        let fast = hub.openStream()
        slow.create(watchID: 0, range: prefixRange("k"), options: WatchOptions(prevKv: true))
        fast.create(watchID: 0, range: prefixRange("k"), options: WatchOptions())
        #expect(await fast.next() == .created(watchID: 0, revision: 1))

        for round in 0..<500 {
            history.put("k\(round % 7)", "\(round)", publishTo: hub)
            let (events, _) = await fast.collect(0, events: 1)
            #expect(events.first?.kv?.modRevision == Int64(round) + 2, "the fast watcher keeps up")
        }
        let stats = hub.statistics
        #expect(stats.slowWatchers == 1)
        #expect(stats.pendingEvents <= capacity)
        let readsWhileIdle = history.historyReads.load(ordering: .relaxed)
        #expect(readsWhileIdle == 0, "a parked watcher reads history only when its client reads")

        let (events, end) = await slow.collect(0, events: 500)
        #expect(end == nil)
        #expect(events.map(\.kv!.modRevision) == Array(2...501))
        #expect(events.map(\.summary) == history.expected(prefixRange("k"), from: 2).map(\.summary))
        #expect(events.dropFirst(7).allSatisfy { $0.prevKv != nil }, "history keeps prev_kv for the parked watcher")
        #expect(hub.statistics.slowWatchers == 0)
    }

    @Test func watchersParkedTogetherShareTheirHistoryReads() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history, configuration: WatchHubConfiguration(streamQueueCapacity: 150))
        let stream = hub.openStream()
        for _ in 0..<100 {
            stream.create(watchID: 0, range: prefixRange("k"), options: WatchOptions())
        }
        for value in 0..<50 {
            history.put("k", "\(value)", publishTo: hub)
        }
        #expect(hub.statistics.slowWatchers == 100)
        var perWatcher: [Int64: [Int64]] = [:]
        for message in await stream.take(100 + 50 + 100) {
            if case .events(let id, _, let events) = message {
                perWatcher[id, default: []] += events.map(\.kv!.modRevision)
            }
        }
        #expect(perWatcher.count == 100)
        #expect(perWatcher.values.allSatisfy { $0 == Array(2...51) })
        #expect(history.historyReads.load(ordering: .relaxed) <= 2)
    }

    @Test func parkedWatcherWhoseHistoryIsCompactedGetsTheCompactedResponse() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history, configuration: WatchHubConfiguration(streamQueueCapacity: 2))
        let stream = hub.openStream()
        stream.create(watchID: 7, range: keyRange("k"), options: WatchOptions())
        for value in 0..<10 {
            history.put("k", "\(value)", publishTo: hub)
        }
        history.compact(at: 8)
        let messages = await stream.take(3)
        #expect(messages[0] == .created(watchID: 7, revision: 1))
        guard case .events(7, 2, let events) = messages[1] else {
            Issue.record("unexpected \(messages)")
            return
        }
        #expect(events.map(\.summary) == ["PUT k=0@2"])
        #expect(messages[2] == .compacted(watchID: 7, compactRevision: 8, revision: 11))
        #expect(hub.statistics.watchers == 0)
        #expect(hub.statistics.slowWatchers == 0)
    }
}

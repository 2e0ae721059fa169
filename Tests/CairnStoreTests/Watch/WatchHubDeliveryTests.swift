import CairnStore
import CairnWire
import Testing

@Suite struct WatchHubDeliveryTests {
    @Test func createdComesFirstThenLiveEventsInOrder() async {
        let history = FakeHistory()
        history.put("a", "0", publishTo: nil)
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions())
        history.put("a", "1", publishTo: hub)
        history.put("b", "x", publishTo: hub)
        history.delete("a", publishTo: hub)

        let messages = await stream.take(3)
        #expect(messages[0] == .created(watchID: 0, revision: 2))
        guard case .events(0, 3, let first) = messages[1], case .events(0, 5, let second) = messages[2] else {
            Issue.record("unexpected \(messages)")
            return
        }
        #expect(first.map(\.summary) == ["PUT a=1@3"])
        #expect(second.map(\.summary) == ["DELETE a@5"])
        #expect(first[0].prevKv == nil, "prev_kv was not asked for")
    }

    @Test func oneTransactionIsOneResponseWithItsEventsInOrder() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 0, range: WatchKeyRange(key: [], rangeEnd: [0]), options: WatchOptions())
        history.write([("b", "1"), ("a", "2")], publishTo: hub)

        let messages = await stream.take(2)
        guard case .events(0, 2, let events) = messages[1] else {
            Issue.record("unexpected \(messages)")
            return
        }
        #expect(events.map(\.summary) == ["PUT b=1@2", "PUT a=2@2"])
    }

    @Test func prevKvIsKeptOnlyWhenAskedAndNeverOnCreate() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(prevKv: true))
        history.put("k", "1", publishTo: hub)
        history.put("k", "2", publishTo: hub)
        history.delete("k", publishTo: hub)

        let messages = await stream.take(4)
        let events = messages.flatMap { message -> [Event] in
            if case .events(_, _, let events) = message { return events }
            return []
        }
        #expect(events.map(\.summary) == ["PUT k=1@2", "PUT k=2@3", "DELETE k@4"])
        #expect(events[0].prevKv == nil)
        #expect(events[1].prevKv?.value == Array("1".utf8))
        #expect(events[2].prevKv?.value == Array("2".utf8))
    }

    @Test func filtersDropEventsAndEmptyRevisionsSendNothing() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(noPut: true))
        stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(noDelete: true))
        history.put("k", "1", publishTo: hub)
        history.delete("k", publishTo: hub)

        let messages = await stream.take(4)
        #expect(messages[0] == .created(watchID: 0, revision: 1))
        #expect(messages[1] == .created(watchID: 1, revision: 1))
        guard case .events(1, 2, let puts) = messages[2], case .events(0, 3, let deletes) = messages[3] else {
            Issue.record("unexpected \(messages)")
            return
        }
        #expect(puts.map(\.summary) == ["PUT k=1@2"])
        #expect(deletes.map(\.summary) == ["DELETE k@3"])
    }

    @Test func rangesPrefixesAndFromKeyMatchExactlyTheirKeys() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 1, range: prefixRange("p/"), options: WatchOptions())
        stream.create(watchID: 2, range: keyRange("b", "d"), options: WatchOptions())
        stream.create(watchID: 3, range: WatchKeyRange(key: Array("c".utf8), rangeEnd: [0]), options: WatchOptions())
        stream.create(watchID: 4, range: keyRange("p/x"), options: WatchOptions())
        for key in ["a", "b", "c", "d", "p", "p/", "p/x", "p0", "q"] {
            history.put(key, "v", publishTo: hub)
        }
        history.put("end", "v", publishTo: hub)

        var seen: [Int64: [String]] = [:]
        var remaining = 4 + 13
        while remaining > 0, let message = await stream.next() {
            remaining -= 1
            if case .events(let id, _, let events) = message {
                seen[id, default: []] += events.map { String(decoding: $0.kv!.key, as: UTF8.self) }
            }
        }
        #expect(seen[1] == ["p/", "p/x"])
        #expect(seen[2] == ["b", "c"])
        #expect(seen[3] == ["c", "d", "p", "p/", "p/x", "p0", "q", "end"])
        #expect(seen[4] == ["p/x"])
    }

    @Test func manyWatchersOnOnePrefixAndManyKeysEachGetTheirEventsOnce() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let onPrefix = (0..<50).map { _ in hub.openStream() }
        let onKeys = hub.openStream()
        for stream in onPrefix {
            stream.create(watchID: 0, range: prefixRange("job/"), options: WatchOptions())
        }
        for key in 0..<200 {
            onKeys.create(watchID: 0, range: keyRange("job/\(key)"), options: WatchOptions())
        }
        for key in 0..<200 {
            history.put("job/\(key)", "v", publishTo: hub)
        }
        for stream in onPrefix {
            let (events, _) = await stream.collect(0, events: 200)
            #expect(events.map(\.kv!.modRevision) == Array(2...201))
        }
        var perWatcher: [Int64: [Int64]] = [:]
        for message in await onKeys.take(400) {
            if case .events(let id, _, let events) = message {
                perWatcher[id, default: []] += events.map(\.kv!.modRevision)
            }
        }
        #expect(perWatcher.count == 200)
        #expect(perWatcher.allSatisfy { $0.value == [Int64($0.key) + 2] })
        #expect(hub.statistics.pendingEvents == 0)
    }
}

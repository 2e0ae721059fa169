import CairnStore
import CairnWire
import Testing

@Suite struct WatchHubControlTests {
    @Test func autoIdsCountFromZeroAndSkipClientChosenIds() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 1, range: keyRange("a"), options: WatchOptions())
        stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions())
        stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions())
        stream.create(watchID: 1, range: keyRange("a"), options: WatchOptions())
        stream.create(watchID: 0, range: keyRange("b", "a"), options: WatchOptions())
        let messages = await stream.take(5)
        #expect(
            messages == [
                .created(watchID: 1, revision: 1),
                .created(watchID: 0, revision: 1),
                .created(watchID: 2, revision: 1),
                .createRejected(reason: "mvcc: duplicate watch ID provided on the WatchStream", revision: 1),
                .createRejected(reason: "mvcc: watcher range is empty", revision: 1),
            ]
        )
        #expect(hub.statistics.watchers == 3)
    }

    @Test func cancelAnswersOnceAndStopsEventsUnknownIdIsIgnored() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions())
        stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions())
        stream.cancel(watchID: 0)
        stream.cancel(watchID: 42)
        history.put("a", "1", publishTo: hub)
        stream.requestProgress()
        let messages = await stream.take(5)
        guard messages.count == 5, case .events(1, 2, _) = messages[3] else {
            Issue.record("unexpected \(messages)")
            return
        }
        #expect(messages[2] == .canceled(watchID: 0, reason: "", revision: 1))
        #expect(messages[4] == .progress(watchID: -1, revision: 2))
    }

    @Test func progressRequestWaitsUntilEveryWatcherCaughtUpAndNeedsAWatcher() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history, configuration: WatchHubConfiguration(catchUpBatchRevisions: 2))
        for value in 0..<6 {
            history.put("k", "\(value)", publishTo: hub)
        }
        let stream = hub.openStream()
        stream.requestProgress()
        stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(startRevision: 2))
        stream.requestProgress()
        let messages = await stream.take(5)
        #expect(messages.first == .created(watchID: 0, revision: 7))
        let events = messages.dropFirst().dropLast().flatMap { message -> [Int64] in
            if case .events(0, _, let events) = message { return events.map(\.kv!.modRevision) }
            return []
        }
        #expect(events == Array(2...7))
        #expect(messages.last == .progress(watchID: -1, revision: 7))
    }

    @Test func periodicProgressGoesToIdleProgressNotifyWatchersOnly() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions(progressNotify: true))
        stream.create(watchID: 0, range: keyRange("b"), options: WatchOptions(progressNotify: true))
        stream.create(watchID: 0, range: keyRange("c"), options: WatchOptions())
        history.put("a", "1", publishTo: hub)
        hub.notifyProgress()
        hub.notifyProgress()
        let messages = await stream.take(7)
        guard messages.count == 7, case .events(0, 2, _) = messages[3] else {
            Issue.record("unexpected \(messages)")
            return
        }
        #expect(messages[4] == .progress(watchID: 1, revision: 2), "watcher 0 had an event since the last tick")
        #expect(Set(messages[5...]) == [.progress(watchID: 0, revision: 2), .progress(watchID: 1, revision: 2)])
    }

    @Test func closingAStreamRemovesItsWatchersAndEndsNext() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history, configuration: WatchHubConfiguration(streamQueueCapacity: 1))
        let stream = hub.openStream()
        for _ in 0..<10 {
            stream.create(watchID: 0, range: prefixRange(""), options: WatchOptions(startRevision: 1))
        }
        history.put("a", "1", publishTo: hub)
        #expect(hub.statistics.watchers == 10)
        stream.close()
        #expect(await stream.next() == nil)
        #expect(hub.statistics == WatchHubStatistics(watchers: 0, slowWatchers: 0, pendingEvents: 0, streams: 0))
    }

    @Test func cancellingTheSendingTaskClosesTheStream() async {
        let history = FakeHistory()
        let hub = WatchHub(source: history)
        let stream = hub.openStream()
        stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions())
        let sender = Task {
            var count = 0
            while await stream.next() != nil {
                count += 1
            }
            return count
        }
        history.put("a", "1", publishTo: hub)
        sender.cancel()
        let sent = await sender.value
        #expect(sent <= 2)
        #expect(hub.statistics.watchers == 0)
    }
}

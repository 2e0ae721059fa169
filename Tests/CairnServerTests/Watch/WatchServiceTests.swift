import CairnServer
import CairnStore
import CairnWire
import Testing

/// The Watch service through the gRPC server (in-memory transport) on the embedded store.
@Suite(.timeLimit(.minutes(1))) struct WatchServiceTests {
    private func withHarness(
        _ configuration: WatchServiceConfiguration = WatchServiceConfiguration(),
        _ body: (WatchServiceHarness) async throws -> Void
    ) async throws {
        let harness = try WatchServiceHarness(configuration: configuration)
        do {
            try await body(harness)
        } catch {
            try await harness.shutdown()
            throw error
        }
        try await harness.shutdown()
    }

    @Test func createdThenEventsWithFullHeaders() async throws {
        try await withHarness { harness in
            let watch = try await harness.watch()
            try await watch.create(WatchCreateRequest(key: Array("w".utf8), rangeEnd: Array("x".utf8), prevKv: true))
            let created = try await watch.next()
            #expect(created == WatchResponse(header: WatchServiceHarness.header(1), watchID: 0, created: true))
            try await harness.put("w1", "a")
            try await harness.put("w1", "b")
            try await harness.put("other", "c")
            try await harness.delete("w1")
            let responses = try await watch.next(3)
            #expect(responses.map { $0.header?.revision } == [2, 3, 5])
            #expect(responses.allSatisfy { $0.header == WatchServiceHarness.header($0.header!.revision) })
            #expect(responses.map { $0.events.map(\.type) } == [[.put], [.put], [.delete]])
            #expect(responses[0].events[0].prevKv == nil)
            #expect(responses[1].events[0].prevKv?.value == Array("a".utf8))
            #expect(responses[2].events[0].kv == KeyValue(key: Array("w1".utf8), modRevision: 5))
            #expect(responses[2].events[0].prevKv?.value == Array("b".utf8))
        }
    }

    @Test func idsErrorsAndEmptyKeyNormalisation() async throws {
        try await withHarness { harness in
            let watch = try await harness.watch()
            try await watch.create(WatchCreateRequest(key: Array("a".utf8), watchID: 1))
            try await watch.create(key: "a")
            try await watch.create(WatchCreateRequest(key: Array("a".utf8), watchID: 1))
            try await watch.create(key: "b", rangeEnd: "a")
            try await watch.create(WatchCreateRequest(key: [], rangeEnd: [0]))
            let responses = try await watch.next(5)
            #expect(responses.map(\.watchID) == [1, 0, -1, -1, 2])
            #expect(responses.map(\.created) == [true, true, true, true, true])
            #expect(responses.map(\.canceled) == [false, false, true, true, false])
            #expect(
                responses.map(\.cancelReason) == [
                    "", "", "mvcc: duplicate watch ID provided on the WatchStream", "mvcc: watcher range is empty", "",
                ]
            )
            try await harness.put("\u{1}", "v")
            let event = try await watch.next()
            #expect(event?.watchID == 2, "an empty key with range end \\0 watches every key")
        }
    }

    @Test func filtersAndReplayFromAPastRevision() async throws {
        try await withHarness { harness in
            try await harness.put("k", "1")
            try await harness.put("k", "2")
            try await harness.delete("k")
            let watch = try await harness.watch()
            try await watch.create(WatchCreateRequest(key: Array("k".utf8), startRevision: 2, filters: [.noDelete]))
            try await watch.create(WatchCreateRequest(key: Array("k".utf8), startRevision: 2, filters: [.noPut]))
            let responses = try await watch.next(4)
            let byWatcher = Dictionary(grouping: responses.filter { !$0.created }, by: \.watchID)
            #expect(byWatcher[0]?.flatMap(\.events).map { $0.kv!.modRevision } == [2, 3])
            #expect(byWatcher[1]?.flatMap(\.events).map(\.type) == [.delete])
        }
    }

    @Test func compactedWatchIsAnsweredOnceThenGone() async throws {
        try await withHarness { harness in
            for value in 0..<4 {
                try await harness.put("k", "\(value)")
            }
            _ = try await harness.store.compact(CompactionRequest(revision: 3))
            let watch = try await harness.watch()
            try await watch.create(WatchCreateRequest(key: Array("k".utf8), startRevision: 2))
            let responses = try await watch.next(2)
            #expect(responses[0].created && responses[0].watchID == 0)
            #expect(responses[1].watchID == 0 && responses[1].canceled && responses[1].compactRevision == 3)
            #expect(responses[1].cancelReason.isEmpty && responses[1].events.isEmpty)
            #expect(harness.service.hub.statistics.watchers == 0)
        }
    }

    @Test func cancelAndProgress() async throws {
        try await withHarness { harness in
            let watch = try await harness.watch()
            try await watch.requestProgress()
            try await watch.create(key: "a")
            try await watch.create(key: "b")
            let created = try await watch.next(2)
            #expect(created.map(\.watchID) == [0, 1], "no progress answer for a stream without watchers")
            try await watch.cancel(0)
            try await watch.cancel(99)
            try await watch.requestProgress()
            let answers = try await watch.next(2)
            #expect(answers[0] == WatchResponse(header: WatchServiceHarness.header(1), watchID: 0, canceled: true))
            #expect(answers[1] == WatchResponse(header: WatchServiceHarness.header(1), watchID: -1), "99 is unknown")
            try await harness.put("a", "1")
            try await harness.put("b", "1")
            try await watch.requestProgress()
            let responses = try await watch.next(2)
            #expect(responses[0].watchID == 1 && responses[0].events.count == 1)
            #expect(responses[1] == WatchResponse(header: WatchServiceHarness.header(3), watchID: -1))
        }
    }

    @Test func idleProgressNotifyWatchersHearTheRevisionPeriodically() async throws {
        let configuration = WatchServiceConfiguration(
            hub: WatchHubConfiguration(progressNotifyInterval: .milliseconds(20)))
        try await withHarness(configuration) { harness in
            try await harness.put("p", "1")
            let watch = try await harness.watch()
            try await watch.create(WatchCreateRequest(key: Array("p".utf8), progressNotify: true))
            let responses = try await watch.next(3)
            #expect(responses[0].created)
            #expect(
                responses[1...].allSatisfy { $0 == WatchResponse(header: WatchServiceHarness.header(2), watchID: 0) })
        }
    }

    @Test func largeResponsesAreFragmentedOnlyWhenAsked() async throws {
        let configuration = WatchServiceConfiguration(maxRequestBytes: 4096, fragmentOverheadBytes: 1024)
        try await withHarness(configuration) { harness in
            let value = String(repeating: "v", count: 1500)
            let operations = (0..<6).map { index in
                RequestOp(request: .put(PutRequest(key: Array("f\(index)".utf8), value: Array(value.utf8))))
            }
            let watch = try await harness.watch()
            try await watch.create(WatchCreateRequest(key: Array("f".utf8), rangeEnd: Array("g".utf8), fragment: true))
            try await watch.create(WatchCreateRequest(key: Array("f".utf8), rangeEnd: Array("g".utf8)))
            _ = try await watch.next(2)
            _ = try await harness.store.txn(TxnRequest(success: operations))

            var fragments: [WatchResponse] = []
            var whole: WatchResponse?
            while whole == nil || fragments.last?.fragment != false, let response = try await watch.next() {
                if response.watchID == 0 {
                    fragments.append(response)
                } else {
                    whole = response
                }
            }
            #expect(whole?.events.count == 6 && whole?.fragment == false)
            #expect(fragments.count == 3)
            #expect(fragments.map(\.fragment) == [true, true, false])
            #expect(fragments.flatMap(\.events) == whole?.events)
            #expect(fragments.allSatisfy { $0.encodedBytes().count < 4096 })
            #expect(fragments.allSatisfy { $0.header?.revision == 2 })
        }
    }

    @Test func halfCloseKeepsServingAndCancelFreesWatchers() async throws {
        try await withHarness { harness in
            let watch = try await harness.watch()
            try await watch.create(key: "a")
            try await watch.create(key: "b")
            _ = try await watch.next(2)
            watch.call.finish()
            try await harness.put("a", "after half-close")
            #expect(try await watch.next()?.events.first?.kv?.value == Array("after half-close".utf8))
            #expect(harness.service.hub.statistics.watchers == 2)
            watch.call.cancel()
            #expect(try await harness.waitForHub { $0.watchers == 0 && $0.streams == 0 })
        }
    }

    @Test func manyWatchersOnOneStreamAndManyStreams() async throws {
        try await withHarness { harness in
            let calls = try await (0..<4).asyncMap { _ in try await harness.watch() }
            for call in calls {
                for index in 0..<25 {
                    try await call.create(key: "m\(index)")
                    _ = try await call.next()
                }
            }
            for index in 0..<25 {
                try await harness.put("m\(index)", "v")
            }
            for call in calls {
                let responses = try await call.next(25)
                #expect(responses.map(\.watchID) == Array(0..<25))
                #expect(responses.map { $0.header!.revision } == Array(2..<27))
            }
        }
    }
}

extension Sequence {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self {
            results.append(try await transform(element))
        }
        return results
    }
}

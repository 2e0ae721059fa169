import CairnPostgres
import CairnStore
import CairnWire
import Testing

/// The watch hub of one process, fed by its backend, sees every commit made through another.
@Suite(.enabled(if: PostgresTestServer.available)) struct WatchAcrossProcessesTests {
    @Test func watcherOnOneProcessReceivesTheOtherProcessesCommitsInOrder() async throws {
        try await withPostgresBackend { writer, configuration in
            let watching = try await PostgresBackend.open(configuration)
            let hub = WatchHub.attached(to: watching)
            let caughtUp = CommitCollector(watching, after: 1)
            _ = try await writer.put(PutRequest(key: "a".bytes, value: "1".bytes))
            // The watching process has read revision 2 from the log: "now" is 2 there too.
            #expect(await caughtUp.next(1).map(\.revision) == [2])
            caughtUp.cancel()
            let stream = hub.openStream()
            // A watcher replaying history from revision 1, and one on every key from now on.
            stream.create(
                watchID: 0, range: WatchKeyRange(key: "a".bytes, rangeEnd: []),
                options: WatchOptions(startRevision: 1, prevKv: true))
            stream.create(
                watchID: 0, range: WatchKeyRange(key: [0], rangeEnd: [0]), options: WatchOptions(prevKv: true))
            _ = try await writer.put(PutRequest(key: "a".bytes, value: "2".bytes))
            _ = try await writer.txn(
                TxnRequest(success: [
                    RequestOp(request: .put(PutRequest(key: "b".bytes, value: "x".bytes))),
                    RequestOp(request: .deleteRange(DeleteRangeRequest(key: "a".bytes))),
                ])
            )
            var replayed: [String] = []
            var live: [String] = []
            while replayed.count < 3 || live.count < 3, let message = await stream.next() {
                guard case .events(let watchID, _, let events) = message else { continue }
                let lines = events.map { event in
                    let key = String(decoding: event.kv?.key ?? [], as: UTF8.self)
                    return "\(event.type == .put ? "put" : "delete") \(key)@\(event.kv?.modRevision ?? 0)"
                }
                if watchID == 0 { replayed += lines } else { live += lines }
            }
            #expect(replayed == ["put a@2", "put a@3", "delete a@4"])
            #expect(live == ["put a@3", "put b@4", "delete a@4"])
            stream.close()
            try await watching.close()
        }
    }
}

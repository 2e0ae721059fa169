import CairnStore
import CairnWire
import Testing

@Suite struct WatchHubLimitTests {
    @Test func createsBeyondTheStreamLimitAreRejectedAndCancelsMakeRoom() async {
        let hub = WatchHub(source: FakeHistory(), configuration: WatchHubConfiguration(maxWatchersPerStream: 2))
        let stream = hub.openStream()
        let other = hub.openStream()
        for _ in 0..<3 {
            stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions())
        }
        stream.cancel(watchID: 0)
        stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions())
        other.create(watchID: 0, range: keyRange("a"), options: WatchOptions())
        let reason = "cairn: too many watchers on this stream (limit 2)"
        #expect(
            await stream.take(5) == [
                .created(watchID: 0, revision: 1),
                .created(watchID: 1, revision: 1),
                .createRejected(reason: reason, revision: 1),
                .canceled(watchID: 0, reason: "", revision: 1),
                .created(watchID: 2, revision: 1),
            ])
        #expect(await other.take(1) == [.created(watchID: 0, revision: 1)])
        #expect(hub.statistics.watchers == 3)
    }
}

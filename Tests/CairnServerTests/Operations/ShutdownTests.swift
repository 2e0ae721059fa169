import Testing

@testable import CairnServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct ShutdownTests {
    @Test func workFinishingInTimeCompletes() async {
        let outcome = await GracefulShutdown.run(gracePeriod: .seconds(60)) {}
        #expect(outcome == .completed)
    }

    @Test func workOutlastingTheGracePeriodTimesOut() async {
        let (blocker, release) = AsyncStream<Void>.makeStream()
        let outcome = await GracefulShutdown.run(gracePeriod: .milliseconds(20)) {
            for await _ in blocker {}
        }
        release.finish()
        #expect(outcome == .timedOut)
    }

    @Test func firstSignalStartsShutdownAndLaterOnesAreRepeats() async {
        let (repeats, reportRepeat) = AsyncStream<Int32>.makeStream()
        let signals = await ShutdownSignals.install(signals: [SIGUSR1]) { reportRepeat.yield($0) }
        kill(getpid(), SIGUSR1)
        #expect(await signals.first() == SIGUSR1)
        #expect(await signals.first() == SIGUSR1)
        kill(getpid(), SIGUSR1)
        var iterator = repeats.makeAsyncIterator()
        #expect(await iterator.next() == SIGUSR1)
    }
}

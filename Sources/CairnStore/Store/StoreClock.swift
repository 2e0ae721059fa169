#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The time source for lease deadlines: monotonic nanoseconds and a way to wait for a moment.
/// Tests inject a clock they move by hand.
package protocol StoreClock: Sendable {
    /// Nanoseconds on a monotonic clock.
    func now() -> UInt64
    /// Returns once `now() >= deadline`; throws when the task is cancelled.
    func sleep(until deadline: UInt64) async throws
}

/// The machine's monotonic clock.
package struct SystemStoreClock: StoreClock {
    package init() {}

    package func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    package func sleep(until deadline: UInt64) async throws {
        let current = now()
        if deadline > current { try await Task.sleep(nanoseconds: deadline - current) }
    }
}

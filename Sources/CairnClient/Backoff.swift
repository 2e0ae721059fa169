/// Delay between reconnection attempts of long-lived streams: 50 ms doubling up to 1 s.
struct Backoff {
    private var next: Duration = .milliseconds(50)

    mutating func reset() {
        next = .milliseconds(50)
    }

    /// Sleeps for the current delay and doubles it; throws `CancellationError` when cancelled.
    mutating func wait() async throws {
        try await Task.sleep(for: next)
        next = min(next * 2, .seconds(1))
    }
}

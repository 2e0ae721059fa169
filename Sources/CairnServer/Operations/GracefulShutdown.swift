import NIOConcurrencyHelpers

/// How a graceful shutdown ended.
package enum ShutdownOutcome: Sendable, Equatable {
    /// The shutdown work finished within the grace period: exit 0.
    case completed
    /// The grace period ran out first: exit at once, non-zero.
    case timedOut
}

/// Runs shutdown work under a deadline.
package enum GracefulShutdown {
    /// How long `cairnd` lets in-flight calls finish and the WAL close before giving up.
    package static let defaultGracePeriod = Duration.seconds(10)

    /// Starts `work` and returns when it finishes or `gracePeriod` passes, whichever is first. The work is not
    /// waited for after a timeout: the caller is expected to exit.
    package static func run(
        gracePeriod: Duration,
        _ work: @escaping @Sendable () async -> Void
    ) async -> ShutdownOutcome {
        await withCheckedContinuation { continuation in
            let resumed = NIOLockedValueBox(false)
            let finish: @Sendable (ShutdownOutcome) -> Void = { outcome in
                let first = resumed.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: outcome) }
            }
            let deadline = Task {
                do {
                    try await Task.sleep(for: gracePeriod)
                    finish(.timedOut)
                } catch {
                    return
                }
            }
            Task {
                await work()
                deadline.cancel()
                finish(.completed)
            }
        }
    }
}

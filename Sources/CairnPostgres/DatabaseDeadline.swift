import NIOConcurrencyHelpers

/// The database did not answer within the time a statement may take; the connection was closed.
struct DatabaseDeadlineExceeded: Error, CustomStringConvertible {
    let what: String
    let limit: Duration

    var description: String {
        "no answer from the database within \(limit) (\(what)); the connection was closed"
    }
}

/// Runs `operation`, but returns by `limit` at the latest: then `onExpiry` runs (it closes the
/// connection, which fails the operation) and `DatabaseDeadlineExceeded` is thrown without waiting
/// for the operation to notice. The server's statement_timeout covers a database that is slow;
/// this covers one that stopped answering, where no server-side timeout can fire.
func withDeadline<Value: Sendable>(
    _ limit: Duration,
    _ what: String,
    onExpiry: @escaping @Sendable () -> Void,
    _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    let settled = NIOLockedValueBox(false)
    let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
        /// Resumes the caller once: with the first outcome, then stops the other task.
        @Sendable func settle(_ outcome: Result<Value, any Error>) {
            let first = settled.withLockedValue { settled in
                defer { settled = true }
                return !settled
            }
            guard first else { return }
            continuation.resume(with: outcome)
            for task in tasks.withLockedValue({ $0 }) { task.cancel() }
        }
        let work = Task {
            do {
                settle(.success(try await operation()))
            } catch {
                settle(.failure(error))
            }
        }
        let timer = Task {
            guard (try? await Task.sleep(for: limit)) != nil else { return }
            guard !settled.withLockedValue({ $0 }) else { return }
            onExpiry()
            settle(.failure(DatabaseDeadlineExceeded(what: what, limit: limit)))
        }
        tasks.withLockedValue { $0 = [work, timer] }
    }
}

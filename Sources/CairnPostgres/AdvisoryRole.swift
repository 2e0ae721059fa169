import Logging
import PostgresNIO

/// A role that one process of the group holds at a time (lease expirer, physical compactor): a
/// session-level advisory lock, which goes with the session when it reconnects.
struct AdvisoryRole {
    let lock: Int64
    /// What the holder does, for the log.
    let duty: String
    /// The session generation the lock was taken on, while this process holds it.
    private var heldOn: Int?

    init(lock: Int64, duty: String) {
        self.lock = lock
        self.duty = duty
    }

    /// Whether this process holds the role, trying to take it when it does not.
    mutating func claim(on session: DatabaseSession, logger: Logger) async throws -> Bool {
        if let heldOn {
            if heldOn == session.generation { return true }
            logger.info("the session holding a role reconnected; competing for it again", metadata: ["duty": "\(duty)"])
            self.heldOn = nil
        }
        let lock = self.lock
        let (won, generation) = try await session.withConnection("claiming a role") { connection, logger in
            let generation = session.generation
            for try await won in try await connection.query("SELECT pg_try_advisory_lock(\(lock))", logger: logger)
                .decode(Bool.self)
            {
                return (won, generation)
            }
            return (false, generation)
        }
        if won {
            heldOn = generation
            logger.info("this process \(duty)")
        }
        return won
    }

    /// Forgets the role after a failure (the session, and the lock with it, may be gone).
    mutating func release() {
        heldOn = nil
    }

    var held: Bool { heldOn != nil }
}

import CairnStore
import CairnWire
import Logging
import PostgresNIO

extension PostgresBackend {
    /// etcd's largest TTL in seconds.
    static let maximumLeaseTTL: Int64 = 9_000_000_000
    /// etcd's smallest TTL with default timing.
    static let minimumLeaseTTL: Int64 = 2
    /// The expirer revokes at most this many leases per scan.
    static let expiryBatch = 256

    package func leaseGrant(id: Int64, ttl: Int64) async throws -> (id: Int64, ttl: Int64) {
        if ttl > Self.maximumLeaseTTL { throw EtcdError.leaseTTLTooLarge }
        let effectiveTTL = max(ttl, Self.minimumLeaseTTL)
        let now = clock.now()
        return try await write { [weak self] engine throws(EtcdError) in
            var chosen = id
            if chosen == 0 {
                chosen = self?.freshLeaseID(avoiding: engine.leases) ?? 0
            } else if engine.leases.contains(chosen) {
                throw .leaseExists
            }
            engine.leases.grant(id: chosen, ttl: effectiveTTL, now: now)
            return ((chosen, effectiveTTL), WriteEffects(grantedLease: (chosen, effectiveTTL)))
        }
    }

    /// A random-started, increasing lease id no live lease has (the view is caught up under the lock).
    private func freshLeaseID(avoiding leases: LeaseTable) -> Int64 {
        view.withLockedValue { view in
            while leases.contains(view.nextLeaseID) { view.nextLeaseID += 1 }
            defer { view.nextLeaseID += 1 }
            return view.nextLeaseID
        }
    }

    package func leaseRevoke(id: Int64) async throws -> Int64 {
        try await write { engine throws(EtcdError) in
            try Self.revoke(id, in: &engine)
        }
    }

    /// Removes the lease and deletes its keys in one revision; the header revision is that
    /// revision, or the current one when the lease held no keys.
    private static func revoke(_ id: Int64, in engine: inout MVCCEngine) throws(EtcdError) -> (Int64, WriteEffects) {
        let base = engine.revision
        var batch = WriteBatch(revision: base + 1)
        guard engine.applyLeaseRevoke(id: id, batch: &batch) else { throw .leaseNotFound }
        return (batch.hasChanges ? batch.revision : base, WriteEffects(batch: batch, revokedLease: id))
    }

    /// Restarts the TTL in the local view at once and in the database in the background, where the
    /// expirer (whichever process it runs in) reads it.
    package func leaseKeepAlive(id: Int64) -> Int64 {
        let now = clock.now()
        let ttl = view.withLockedValue { $0.engine.leases.renew(id, now: now) }
        guard ttl > 0 else { return 0 }
        Task { [leader, logger] in
            do {
                try await leader.query(
                    "UPDATE cairn_leases SET expires_at = clock_timestamp() + ttl * interval '1 second' WHERE id = \(id)"
                )
            } catch {
                logger.warning("storing a keep-alive failed", metadata: ["lease": "\(id)"])
            }
        }
        return ttl
    }

    package func leaseTimeToLive(id: Int64, keys: Bool) -> LeaseTimeToLiveResponse {
        let now = clock.now()
        return view.withLockedValue { view in
            view.engine.leases.timeToLive(id: id, keys: keys, now: now, header: .revision(view.engine.revision))
        }
    }

    package func leaseList() -> [Int64] {
        view.withLockedValue { $0.engine.leases.idsByDeadline }
    }

    /// Competes for the expirer's advisory lock and, while holding it, revokes expired leases. The
    /// lock only keeps the work in one place: every revoke deletes the lease row under the head
    /// lock first, so a lease's keys are deleted exactly once even if two processes tried.
    func expiryLoop() async {
        var role = AdvisoryRole(lock: PostgresSchema.expirerLock, duty: "expires leases")
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: role.held ? configuration.expiryInterval : configuration.electionInterval)
            } catch {
                return
            }
            do {
                if try await role.claim(on: leader, logger: logger) { try await expireDueLeases() }
            } catch {
                if Task.isCancelled { return }
                role.release()
                logger.warning("lease expiry failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    /// Revokes every lease whose expiry time on the database's clock has passed, each in its own
    /// revision; a lease renewed meanwhile is left alone.
    func expireDueLeases() async throws {
        var due: [Int64] = []
        let query: PostgresQuery = """
            SELECT id FROM cairn_leases WHERE expires_at <= clock_timestamp() ORDER BY expires_at
            LIMIT \(Self.expiryBatch)
            """
        for try await id in try await leader.query(query).decode(Int64.self) { due.append(id) }
        for id in due {
            do {
                _ = try await write(
                    precondition: { connection, logger in
                        let rows = try await connection.query(
                            "SELECT 1 FROM cairn_leases WHERE id = \(id) AND expires_at <= clock_timestamp()",
                            logger: logger
                        )
                        for try await _ in rows { return true }
                        return false
                    },
                    { engine throws(EtcdError) in try Self.revoke(id, in: &engine) }
                )
            } catch is WriteDeclined {
                continue
            } catch let error as EtcdError where error == .leaseNotFound {
                continue
            }
        }
    }
}

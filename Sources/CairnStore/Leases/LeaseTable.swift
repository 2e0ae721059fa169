import CairnWire

/// The live leases: granted TTL, deadline, attached keys, and the expiry queue.
/// Deadlines are nanoseconds of the store's clock.
package struct LeaseTable: Sendable {
    package struct Lease: Sendable {
        /// The effective TTL in seconds, as granted.
        package var ttl: Int64
        package var deadline: UInt64
        package var keys: Set<[UInt8]> = []
    }

    package private(set) var leases: [Int64: Lease] = [:]
    private var queue = DeadlineHeap()

    static func deadline(now: UInt64, ttl: Int64) -> UInt64 {
        now &+ UInt64(ttl) &* 1_000_000_000
    }

    package func contains(_ id: Int64) -> Bool { leases[id] != nil }

    /// LeaseTimeToLive's answer at `now`: TTL −1 (and no granted TTL) for an unknown lease, the whole
    /// seconds left otherwise, and the attached keys in byte order when `keys` is asked for.
    package func timeToLive(id: Int64, keys: Bool, now: UInt64, header: ResponseHeader) -> LeaseTimeToLiveResponse {
        guard let lease = leases[id] else {
            return LeaseTimeToLiveResponse(header: header, id: id, ttl: -1)
        }
        let remaining = lease.deadline > now ? Int64((lease.deadline - now) / 1_000_000_000) : 0
        return LeaseTimeToLiveResponse(
            header: header, id: id, ttl: remaining, grantedTTL: lease.ttl,
            keys: keys ? lease.keys.sorted(by: bytesLess) : [])
    }

    var count: Int { leases.count }

    package mutating func grant(id: Int64, ttl: Int64, now: UInt64) {
        let deadline = Self.deadline(now: now, ttl: ttl)
        leases[id] = Lease(ttl: ttl, deadline: deadline)
        queue.push(.init(deadline: deadline, id: id))
    }

    /// Removes the lease and returns it (with its keys), or `nil` if it does not exist.
    package mutating func remove(_ id: Int64) -> Lease? {
        leases.removeValue(forKey: id)
    }

    mutating func attach(_ key: [UInt8], to id: Int64) {
        leases[id]?.keys.insert(key)
    }

    mutating func detach(_ key: [UInt8], from id: Int64) {
        leases[id]?.keys.remove(key)
    }

    /// Restarts the lease's TTL and returns it, or 0 for an unknown or already expired lease.
    package mutating func renew(_ id: Int64, now: UInt64) -> Int64 {
        guard let lease = leases[id], lease.deadline > now else { return 0 }
        let deadline = Self.deadline(now: now, ttl: lease.ttl)
        leases[id]?.deadline = deadline
        queue.push(.init(deadline: deadline, id: id))
        compactQueueIfStale()
        return lease.ttl
    }

    /// Moves a lease's deadline to one decided elsewhere (a shared database's expiry time).
    package mutating func setDeadline(_ id: Int64, to deadline: UInt64) {
        guard leases[id] != nil else { return }
        leases[id]?.deadline = deadline
        queue.push(.init(deadline: deadline, id: id))
        compactQueueIfStale()
    }

    /// Removes from the queue and returns up to `limit` leases whose deadline has passed, soonest
    /// first. They stay in the table; the caller revokes them.
    mutating func takeExpired(now: UInt64, limit: Int) -> [Int64] {
        var expired: [Int64] = []
        while expired.count < limit, let top = queue.top, top.deadline <= now {
            queue.pop()
            if let lease = leases[top.id], lease.deadline == top.deadline {
                expired.append(top.id)
            }
        }
        return expired
    }

    /// Puts a lease taken by `takeExpired` back in the queue at its current deadline.
    mutating func requeue(_ id: Int64) {
        guard let lease = leases[id] else { return }
        queue.push(.init(deadline: lease.deadline, id: id))
    }

    /// The live leases' ids, soonest expiry first (etcd's order for LeaseLeases).
    package var idsByDeadline: [Int64] {
        leases.sorted { ($0.value.deadline, $0.key) < ($1.value.deadline, $1.key) }.map(\.key)
    }

    /// Drops the stale renewal entries once they outnumber the live ones, keeping memory bounded.
    private mutating func compactQueueIfStale() {
        guard queue.count > 2 * leases.count + 1024 else { return }
        queue.rebuild(leases.map { .init(deadline: $0.value.deadline, id: $0.key) })
    }
}

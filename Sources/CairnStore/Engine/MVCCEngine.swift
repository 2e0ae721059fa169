import CairnWire

/// The whole state of the key-value store and the operations that change it, without locking or
/// I/O: keys with their history, the newest revision, the compact revision and the leases.
/// `EmbeddedStore` owns one and serialises access to it.
package struct MVCCEngine: Sendable {
    var index = OrderedKeyIndex()

    package init() {}
    /// The newest revision applied (durable or not).
    package var revision: Int64 = 1
    /// Revisions below this one are gone; -1 before the first compaction, as in etcd.
    package var compactRevision: Int64 = -1
    package var leases = LeaseTable()

    /// The live version of `key` after every write applied so far.
    package func latestLive(_ key: [UInt8]) -> KeyVersion? {
        index.history(for: key)?.live(at: .max)
    }

    /// Every live key of `span` at `revision`, in key order.
    func liveEntries(in span: KeySpan, at revision: Int64) -> [(key: [UInt8], version: KeyVersion)] {
        var result: [(key: [UInt8], version: KeyVersion)] = []
        guard !span.isEmpty else { return result }
        index.scan(from: span.lower, below: span.upper) { entry in
            if let version = entry.history.live(at: revision) { result.append((entry.key, version)) }
            return true
        }
        return result
    }

    /// Writes `key` at the batch's revision, moving its lease attachment, and returns the version it
    /// replaced (nil when the put creates the key).
    @discardableResult
    package mutating func applyPut(key: [UInt8], value: [UInt8], lease: Int64, batch: inout WriteBatch) -> KeyVersion? {
        let revision = batch.revision
        let subIndex = batch.takeSubIndex()
        let (previous, written) = index.update(key) { history -> (KeyVersion?, KeyVersion) in
            let previous = history?.live(at: .max)
            let written = KeyVersion(
                modRevision: revision,
                createRevision: previous?.createRevision ?? revision,
                version: (previous?.version ?? 0) + 1,
                lease: lease,
                value: value,
                subIndex: subIndex
            )
            if history == nil { history = .single(written) } else { history!.append(written) }
            return (previous, written)
        }
        if let oldLease = previous?.lease, oldLease != 0, oldLease != lease { leases.detach(key, from: oldLease) }
        if lease != 0 { leases.attach(key, to: lease) }
        batch.mutations.append(.put(key: key, value: value, lease: lease))
        batch.record(written.event(key: key, previous: previous))
        return previous
    }

    /// Deletes every live key of `span` (in key order) at the batch's revision and returns what
    /// they held.
    package mutating func applyDelete(span: KeySpan, batch: inout WriteBatch) -> [(key: [UInt8], version: KeyVersion)] {
        let doomed = liveEntries(in: span, at: .max)
        for (key, previous) in doomed {
            let tombstone = KeyVersion.tombstone(revision: batch.revision, subIndex: batch.takeSubIndex())
            index.update(key) { history in history?.append(tombstone) }
            if previous.lease != 0 { leases.detach(key, from: previous.lease) }
            batch.mutations.append(.delete(key: key))
            batch.record(tombstone.event(key: key, previous: previous))
        }
        return doomed
    }

    /// Removes a lease and deletes its keys in sorted order at the batch's revision.
    /// Returns false if there is no such lease.
    package mutating func applyLeaseRevoke(id: Int64, batch: inout WriteBatch) -> Bool {
        guard let lease = leases.remove(id) else { return false }
        for key in lease.keys.sorted(by: bytesLess) {
            _ = applyDelete(span: KeySpan(key: key, rangeEnd: []), batch: &batch)
        }
        batch.mutations.append(.leaseRevoke(id: id))
        return true
    }

    /// Drops the history compaction at `revision` makes unreachable.
    package mutating func applyCompaction(at revision: Int64) {
        compactRevision = revision
        index.compact(at: revision)
    }

    /// Takes the batch's revision if it changed any key.
    package mutating func finish(_ batch: WriteBatch) {
        if batch.hasChanges { revision = batch.revision }
    }
}

import CairnWire

/// One committed revision and its events, in execution order. PUT events carry the previous
/// KeyValue in `prevKv` unless the put created the key; DELETE events carry the deleted KeyValue.
package struct CommittedRevision: Sendable {
    package let revision: Int64
    package let events: [Event]

    package init(revision: Int64, events: [Event]) {
        self.revision = revision
        self.events = events
    }
}

/// Keeps a commit subscription alive until `cancel()` is called.
package final class SubscriptionToken: Sendable {
    private let onCancel: @Sendable () -> Void

    package init(onCancel: @escaping @Sendable () -> Void) {
        self.onCancel = onCancel
    }

    /// Stops deliveries to the subscriber; safe to call more than once.
    package func cancel() {
        onCancel()
    }
}

/// One process of a group sharing one storage, as MemberList reports it.
package struct GroupMember: Sendable, Equatable {
    package var id: UInt64
    package var name: String
    package var peerURLs: [String]
    package var clientURLs: [String]

    package init(id: UInt64, name: String, peerURLs: [String], clientURLs: [String]) {
        self.id = id
        self.name = name
        self.peerURLs = peerURLs
        self.clientURLs = clientURLs
    }
}

/// The storage the services run on: the embedded engine now, PostgreSQL later. Every method has
/// etcd's semantics (spec §3–§5) and throws `EtcdError` for etcd's request errors; other errors
/// are internal failures. Response headers carry only `revision`; the server fills in the rest.
///
/// Reads and header revisions never show a revision that is not yet durable, and writes return
/// only once they are durable. A backend is also the watch hub's history source.
package protocol KeyValueBackend: WatchHistorySource {
    /// The newest committed (durable) revision; 1 for an empty store.
    var currentRevision: Int64 { get }
    /// The revision of the last compaction; -1 before the first one.
    var compactRevision: Int64 { get }
    /// Bytes the store occupies on disk (for Status' dbSize).
    var storageBytes: Int64 { get }

    func range(_ request: RangeRequest) throws -> RangeResponse
    func put(_ request: PutRequest) async throws -> PutResponse
    func deleteRange(_ request: DeleteRangeRequest) async throws -> DeleteRangeResponse
    func txn(_ request: TxnRequest) async throws -> TxnResponse
    func compact(_ request: CompactionRequest) async throws -> CompactionResponse

    /// Grants a lease; `id == 0` picks a new positive id. Returns the id and the effective TTL.
    func leaseGrant(id: Int64, ttl: Int64) async throws -> (id: Int64, ttl: Int64)
    /// Revokes a lease, deleting its keys in one revision; returns the header revision.
    func leaseRevoke(id: Int64) async throws -> Int64
    /// Restarts a lease's TTL and returns the granted TTL, or 0 for an unknown or expired lease.
    /// Never waits for the disk.
    func leaseKeepAlive(id: Int64) -> Int64
    /// TTL −1 and grantedTTL 0 for an unknown lease.
    func leaseTimeToLive(id: Int64, keys: Bool) -> LeaseTimeToLiveResponse
    /// Every live lease id, soonest expiry first.
    func leaseList() -> [Int64]

    /// The committed events of `[key, rangeEnd)` (spec §4.3 rules) from `revision` on, covering
    /// at most `limitRevisions` revisions. Throws `EtcdError.compacted` when `revision` is below the
    /// compact revision.
    func events(from revision: Int64, key: [UInt8], rangeEnd: [UInt8], limitRevisions: Int) throws -> [Event]

    /// Calls `body` with every revision committed after this call (possibly also a few committed
    /// just before it: read `currentRevision` after subscribing and skip revisions at or below it),
    /// each exactly once, in revision order, after it is durable. `body` runs on the committing
    /// thread while later deliveries wait: it must be short and must not wait for the store.
    func subscribeCommits(_ body: @escaping @Sendable (CommittedRevision) -> Void) -> SubscriptionToken

    /// Finishes pending work, stops lease expiry and releases the storage.
    func close() async throws

    /// Returns once reads here reflect every write acknowledged anywhere before the call (etcd's
    /// linearizable read). Needed only where other processes write to the same storage.
    func awaitLinearizableRead() async throws

    /// Whether `awaitLinearizableRead` never waits, so a linearizable read can be answered at once.
    var linearizableReadsAreImmediate: Bool { get }

    /// Every live process sharing this storage, this one included; nil when this process is the
    /// only one (MemberList then reports this process alone).
    func groupMembers() async throws -> [GroupMember]?

    /// Why the storage cannot serve requests right now (its database is unreachable), for
    /// `/health`; nil while it can.
    var unavailableReason: String? { get }
}

extension KeyValueBackend {
    /// Every write goes through this process, so reads are always up to date.
    package func awaitLinearizableRead() async throws {}

    /// Every write goes through this process: nothing to wait for.
    package var linearizableReadsAreImmediate: Bool { true }

    /// Nothing else shares the storage.
    package func groupMembers() async throws -> [GroupMember]? { nil }

    /// Local storage is always at hand (its failures are alarms).
    package var unavailableReason: String? { nil }
}

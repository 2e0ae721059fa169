import CairnStore
import CairnWire
import Logging
import NIOConcurrencyHelpers

/// A `KeyValueBackend` whose state lives in PostgreSQL, shared by any number of processes.
///
/// The database is the source of truth: every write is one transaction that locks the
/// `cairn_state` row, evaluates the request, appends its events to `cairn_log` at the next
/// revision and commits, so revisions are gap-free and in commit order across processes. Each
/// process keeps a local view of that log in the embedded engine's `MVCCEngine`, which answers
/// reads, watch history and txn compares with exactly the embedded store's semantics. The view
/// follows the log in revision order, woken by `pg_notify` after every commit, with a periodic
/// read as fallback; before a write is evaluated the view is brought up to the locked revision.
package final class PostgresBackend: KeyValueBackend {
    /// Everything mutable, behind `view`'s lock.
    struct View: Sendable {
        var engine = MVCCEngine()
        /// The `lease_epoch` the local leases match; -1 until they were first read.
        var leaseEpoch: Int64 = -1
        var observers = CommitObservers()
        var storageBytes: Int64 = 0
        var nextLeaseID = Int64.random(in: 1 << 40...1 << 61)
        /// Set by the periodic poll: the next catch-up rereads every lease's deadline.
        var leaseRefreshDue = true
        var closed = false
        /// The last failure to reach the database, until a later statement succeeds.
        var databaseProblem: String?
        var tasks: [Task<Void, Never>] = []
    }

    let configuration: PostgresBackendConfiguration
    let clock: any StoreClock
    let logger: Logger
    let view = NIOLockedValueBox(View())
    let turn = WriteTurn()
    /// Writes waiting for the next transaction.
    let queue = NIOLockedValueBox(WriteQueue())
    /// Writes (one transaction at a time, under `turn`).
    let writer: DatabaseSession
    /// Catch-up reads of other processes' commits (under `turn`).
    let reader: DatabaseSession
    /// LISTEN for commit notifications.
    let listener: DatabaseSession
    /// The expirer election, expiry scans and keep-alive updates.
    let leader: DatabaseSession
    /// This process in `cairn_members`.
    let member: GroupMember
    let wakeups: AsyncStream<Void>
    let wake: AsyncStream<Void>.Continuation

    private init(_ configuration: PostgresBackendConfiguration) {
        self.configuration = configuration
        clock = configuration.clock
        logger = configuration.logger
        writer = DatabaseSession(configuration, purpose: "writer")
        reader = DatabaseSession(configuration, purpose: "reader")
        listener = DatabaseSession(configuration, purpose: "listener")
        leader = DatabaseSession(configuration, purpose: "leader")
        member =
            configuration.member
            ?? GroupMember(id: UInt64.random(in: 1...UInt64.max), name: "", peerURLs: [], clientURLs: [])
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Connects, creates or migrates the schema, loads the whole log into the local view and starts
    /// following commits, heartbeating its membership and competing for the lease expirer's role.
    package static func open(_ configuration: PostgresBackendConfiguration) async throws -> PostgresBackend {
        let backend = PostgresBackend(configuration)
        do {
            try await backend.writer.withConnection(limit: .seconds(60), "migrating the schema") { connection, logger in
                try await PostgresSchema.migrate(on: connection, logger: logger)
            }
            try await backend.follow()
            try await backend.heartbeat()
        } catch {
            await backend.closeSessions()
            throw error
        }
        backend.startBackgroundWork()
        return backend
    }

    package var currentRevision: Int64 {
        view.withLockedValue { $0.engine.revision }
    }

    package var compactRevision: Int64 {
        view.withLockedValue { $0.engine.compactRevision }
    }

    package var storageBytes: Int64 {
        view.withLockedValue { $0.storageBytes }
    }

    package func range(_ request: RangeRequest) throws -> RangeResponse {
        try RequestValidation.check(request)
        return try view.withLockedValue { view throws(EtcdError) in
            try view.engine.range(request, current: view.engine.revision)
        }
    }

    package func events(from revision: Int64, key: [UInt8], rangeEnd: [UInt8], limitRevisions: Int) throws -> [Event] {
        try view.withLockedValue { view throws(EtcdError) in
            try view.engine.events(
                from: revision,
                through: view.engine.revision,
                in: KeySpan(key: key, rangeEnd: rangeEnd),
                limitRevisions: limitRevisions
            )
        }
    }

    package func subscribeCommits(_ body: @escaping @Sendable (CommittedRevision) -> Void) -> SubscriptionToken {
        let id = view.withLockedValue { $0.observers.add(body) }
        return SubscriptionToken { [weak self] in
            self?.view.withLockedValue { $0.observers.remove(id) }
        }
    }

    package func close() async throws {
        let tasks = view.withLockedValue { view in
            view.closed = true
            return view.tasks
        }
        wake.finish()
        for task in tasks { task.cancel() }
        // Let a write in progress finish before the connections go.
        _ = try? await turn.run {}
        for task in tasks { await task.value }
        await leave()
        await closeSessions()
    }

    func closeSessions() async {
        await writer.close()
        await reader.close()
        await listener.close()
        await leader.close()
    }

    /// Hands committed revisions to the observers, in order; called under `turn` only.
    func deliver(_ revisions: [CommittedRevision]) {
        guard !revisions.isEmpty else { return }
        let observers = view.withLockedValue { $0.observers.inOrder }
        for revision in revisions {
            for observer in observers { observer(revision) }
        }
    }

    package var unavailableReason: String? {
        view.withLockedValue { $0.databaseProblem }
    }

    /// Records whether the database just answered (nil) or failed with `error`, for `/health`.
    /// Request errors (etcd errors) say nothing about the database.
    func noteDatabase(_ error: (any Error)?) {
        if error is EtcdError || error is WriteDeclined { return }
        view.withLockedValue { $0.databaseProblem = error.map { String(reflecting: $0) } }
    }

    /// The error a request sees when the database could not be reached or failed.
    static func unavailable(_ error: any Error) -> any Error {
        if error is EtcdError { return error }
        return EtcdError(
            code: .unavailable, message: "etcdserver: the database is unavailable: \(String(reflecting: error))")
    }
}

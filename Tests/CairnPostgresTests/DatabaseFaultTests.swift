import CairnPostgres
import CairnStore
import CairnWire
import Foundation
import NIOConcurrencyHelpers
import PostgresNIO
import Testing

/// The database going away under load, statements that wait too long and connections refused:
/// requests fail with Unavailable and a clear message within bounded time, `/health`'s source says
/// why, and once the database is back nothing acknowledged is missing and watchers resume.
@Suite(.enabled(if: PostgresTestServer.available)) struct DatabaseFaultTests {
    /// The outcomes of a stream of puts, each to a key of its own.
    final class Ledger: Sendable {
        struct State {
            var acknowledged: [(key: [UInt8], revision: Int64)] = []
            var failures: [EtcdError] = []
            var slowest: Duration = .zero
        }
        let state = NIOLockedValueBox(State())
        var acknowledgedCount: Int { state.withLockedValue { $0.acknowledged.count } }
        var failureCount: Int { state.withLockedValue { $0.failures.count } }
    }

    /// Puts through `backend` one after another until cancelled, recording every outcome.
    static func writeContinuously(through backend: PostgresBackend, into ledger: Ledger) -> Task<Void, Never> {
        Task {
            var index = 0
            while !Task.isCancelled {
                let key = "load/\(index)".bytes
                let started = ContinuousClock.now
                do {
                    let revision = try await backend.put(PutRequest(key: key, value: "v".bytes)).header!.revision
                    ledger.state.withLockedValue { $0.acknowledged.append((key, revision)) }
                } catch let error as EtcdError {
                    ledger.state.withLockedValue { $0.failures.append(error) }
                    try? await Task.sleep(for: .milliseconds(20))
                } catch {
                    ledger.state.withLockedValue { $0.failures.append(EtcdError(code: .unknown, message: "\(error)")) }
                }
                let took = ContinuousClock.now - started
                ledger.state.withLockedValue { $0.slowest = max($0.slowest, took) }
                index += 1
            }
        }
    }

    /// Polls `condition` every 20 ms until it holds or `limit` passed; returns whether it held.
    static func eventually(within limit: Duration, _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    /// PostgreSQL stopped (`pg_ctl stop -m fast`) and started again while one backend writes and
    /// another watches.
    @Test func databaseRestartUnderLoadLosesNothingAcknowledged() async throws {
        let instance = try await PostgresInstance.create()
        var configuration = try await instance.freshDatabase()
        configuration.pollInterval = .milliseconds(200)
        configuration.statementTimeout = .seconds(2)
        let writer = try await PostgresBackend.open(configuration)
        let watcher = try await PostgresBackend.open(configuration)
        let seen = CommitCollector(watcher, after: 1)
        let ledger = Ledger()
        let load = Self.writeContinuously(through: writer, into: ledger)

        #expect(await Self.eventually(within: .seconds(20)) { ledger.acknowledgedCount >= 20 })
        try await instance.stop()
        #expect(await Self.eventually(within: .seconds(10)) { writer.unavailableReason != nil })
        #expect(await Self.eventually(within: .seconds(10)) { watcher.unavailableReason != nil })
        #expect(await Self.eventually(within: .seconds(10)) { ledger.failureCount >= 3 })
        try await instance.start()
        let before = ledger.acknowledgedCount
        #expect(await Self.eventually(within: .seconds(20)) { ledger.acknowledgedCount >= before + 20 })
        load.cancel()
        await load.value

        let state = ledger.state.withLockedValue { $0 }
        #expect(state.failures.allSatisfy { $0.code == .unavailable }, "\(state.failures.prefix(3))")
        #expect(state.failures.contains { $0.message.contains("the database is unavailable") })
        // Bounded by the connect and answer deadlines (statement timeout + 2 s, twice for a transaction).
        #expect(state.slowest < .seconds(12), "a put took \(state.slowest)")
        try await writer.awaitLinearizableRead()
        for (key, revision) in state.acknowledged {
            let stored = try writer.range(RangeRequest(key: key)).kvs
            #expect(stored.map(\.modRevision) == [revision])
        }
        #expect(await Self.eventually(within: .seconds(5)) { writer.unavailableReason == nil })
        try await watcher.awaitLinearizableRead()
        let current = writer.currentRevision
        #expect(watcher.currentRevision == current)
        #expect(await seen.next(Int(current - 1)).map(\.revision) == Array(2...current))
        seen.cancel()
        try await watcher.close()
        try await writer.close()
        try await instance.stop()
    }

    /// A write waiting on a lock longer than the statement timeout fails with Unavailable naming it.
    @Test func statementTimeoutGivesAClearError() async throws {
        var configuration = try await PostgresTestServer.shared.freshDatabase()
        configuration.statementTimeout = .milliseconds(300)
        let backend = try await PostgresBackend.open(configuration)
        try await PostgresTestServer.withConnection(to: configuration) { connection in
            try await connection.query("BEGIN", logger: configuration.logger)
            try await connection.query("LOCK TABLE cairn_state IN ACCESS EXCLUSIVE MODE", logger: configuration.logger)
            let started = ContinuousClock.now
            let outcome = try await Outcome { try await backend.put(PutRequest(key: "k".bytes, value: "v".bytes)) }
            #expect(ContinuousClock.now - started < .seconds(5))
            guard case .error(let error) = outcome else {
                Issue.record("the put succeeded under the lock")
                return
            }
            #expect(error.code == .unavailable)
            #expect(error.message.contains("statement timeout"), "\(error.message)")
            try await connection.query("ROLLBACK", logger: configuration.logger)
        }
        #expect(try await backend.put(PutRequest(key: "k".bytes, value: "v".bytes)).header?.revision == 2)
        try await backend.close()
    }

    /// Connections refused because a limit is reached make opening fail, and requests fail with
    /// Unavailable, both naming the limit; once connections are allowed again the backend reconnects.
    @Test func refusedConnectionsGiveAClearError() async throws {
        let superuser = try await PostgresTestServer.shared.freshDatabase()
        let role = "cairn_limited_\(UUID().uuidString.prefix(8).lowercased())"
        try await PostgresTestServer.withConnection(to: superuser) { connection in
            try await connection.query(
                "CREATE ROLE \(unescaped: role) LOGIN CONNECTION LIMIT 2", logger: superuser.logger)
            try await connection.query(
                "ALTER DATABASE \(unescaped: superuser.database!) OWNER TO \(unescaped: role)", logger: superuser.logger
            )
        }
        var limited = superuser
        limited.username = role
        do {
            let backend = try await PostgresBackend.open(limited)
            try await backend.close()
            Issue.record("opening with two connections allowed succeeded")
        } catch {
            #expect(String(reflecting: error).contains("too many connections"), "\(String(reflecting: error))")
        }

        try await PostgresTestServer.withConnection(to: superuser) { connection in
            try await connection.query("ALTER ROLE \(unescaped: role) CONNECTION LIMIT 8", logger: superuser.logger)
        }
        let backend = try await PostgresBackend.open(limited)
        _ = try await backend.put(PutRequest(key: "a".bytes, value: "1".bytes))
        try await PostgresTestServer.withConnection(to: superuser) { connection in
            try await connection.query("ALTER ROLE \(unescaped: role) CONNECTION LIMIT 0", logger: superuser.logger)
            try await connection.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = \(role)",
                logger: superuser.logger)
        }
        // The first put may still find its old connection, and see it terminated.
        var errors: [EtcdError] = []
        for _ in 0..<3 {
            let refused = try await Outcome { try await backend.put(PutRequest(key: "b".bytes, value: "2".bytes)) }
            guard case .error(let error) = refused else {
                Issue.record("a put succeeded with no connection allowed")
                return
            }
            errors.append(error)
        }
        #expect(errors.allSatisfy { $0.code == .unavailable })
        #expect(errors.contains { $0.message.contains("too many connections") }, "\(errors)")
        #expect(await Self.eventually(within: .seconds(5)) { backend.unavailableReason != nil })

        try await PostgresTestServer.withConnection(to: superuser) { connection in
            try await connection.query("ALTER ROLE \(unescaped: role) CONNECTION LIMIT 8", logger: superuser.logger)
        }
        #expect(try await backend.put(PutRequest(key: "b".bytes, value: "2".bytes)).header?.revision == 3)
        try await backend.close()
    }
}

import CairnClient
import CairnWire
import Foundation
import NIOConcurrencyHelpers
import Testing

/// A group of three cairnd on one database while a CairnClient with all three endpoints keeps
/// writing: one member is SIGKILLed (the client continues on another), then PostgreSQL is stopped
/// (`/health` turns unhealthy naming the storage, writes fail with Unavailable) and started again
/// (healthy again, writes continue). No acknowledged write is lost.
@Suite(.enabled(if: PostgresTestServer.available && GroupEnvironment.cairndPath != nil))
struct GroupFailoverTests {
    final class Ledger: Sendable {
        struct State {
            var acknowledged: [(key: String, revision: Int64)] = []
            var failures: [EtcdClientError] = []
        }
        let state = NIOLockedValueBox(State())
        var acknowledgedCount: Int { state.withLockedValue { $0.acknowledged.count } }
        var failureCount: Int { state.withLockedValue { $0.failures.count } }
    }

    @Test func killedMemberAndDatabaseRestartLoseNoAcknowledgedWrite() async throws {
        let instance = try await PostgresInstance.create()
        let database = try await instance.freshDatabase()
        let url = "postgres://\(database.username)@\(database.host):\(database.port)/\(database.database ?? "")"
        let work = NSTemporaryDirectory() + "cairn-pg-failover-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: false)
        var members: [CairndProcess] = []
        defer {
            for member in members { member.kill() }
            try? FileManager.default.removeItem(atPath: work)
        }
        for index in 0..<3 {
            members.append(try await CairndProcess.start(name: "m\(index)", backend: url, work: work))
        }
        let client = try EtcdClient(
            configuration: EtcdClientConfiguration(endpoints: members.map(\.endpoint), requestTimeout: .seconds(10)))
        let ledger = Ledger()
        let load = Task {
            var index = 0
            while !Task.isCancelled {
                let key = "failover/\(index)"
                do {
                    let revision = try await client.put(key, value: "v\(index)").header?.revision ?? 0
                    ledger.state.withLockedValue { $0.acknowledged.append((key, revision)) }
                } catch {
                    let failure = error as? EtcdClientError ?? .rpc(GRPCStatus(code: .unknown, message: "\(error)"))
                    ledger.state.withLockedValue { $0.failures.append(failure) }
                    try? await Task.sleep(for: .milliseconds(50))
                }
                index += 1
            }
        }
        let survivor = members[1]

        #expect(await DatabaseFaultTests.eventually(within: .seconds(20)) { ledger.acknowledgedCount >= 20 })
        members[0].kill()
        let afterKill = ledger.acknowledgedCount
        #expect(
            await DatabaseFaultTests.eventually(within: .seconds(20)) { ledger.acknowledgedCount >= afterKill + 20 })
        #expect(await survivor.health(work: work).status == 200)

        try await instance.stop()
        #expect(
            await DatabaseFaultTests.eventually(within: .seconds(10)) {
                let health = await survivor.health(work: work)
                return health.status == 503 && health.body.contains("STORAGE UNAVAILABLE")
            })
        let failuresWhileDown = ledger.failureCount
        #expect(await DatabaseFaultTests.eventually(within: .seconds(15)) { ledger.failureCount > failuresWhileDown })
        try await instance.start()
        #expect(
            await DatabaseFaultTests.eventually(within: .seconds(15)) {
                await survivor.health(work: work).status == 200
            })
        let afterRestart = ledger.acknowledgedCount
        #expect(
            await DatabaseFaultTests.eventually(within: .seconds(20)) { ledger.acknowledgedCount >= afterRestart + 20 })
        load.cancel()
        await load.value

        let state = ledger.state.withLockedValue { $0 }
        #expect(state.failures.contains { $0.code == .unavailable })
        let everything = try await Self.retrying {
            try await client.get(Array("failover/".utf8), options: .prefix(of: Array("failover/".utf8)))
        }
        let stored = Dictionary(
            uniqueKeysWithValues: everything.kvs.map { (String(decoding: $0.key, as: UTF8.self), $0) })
        for (key, revision) in state.acknowledged {
            #expect(stored[key]?.modRevision == revision, "\(key)")
        }
        await client.close()
        try await instance.stop()
    }

    /// A read retried (up to three times) when it fails: the survivors may still be catching up
    /// on a loaded machine.
    static func retrying<Value>(_ read: () async throws -> Value) async throws -> Value {
        for _ in 0..<2 {
            if let value = try? await read() { return value }
        }
        return try await read()
    }
}

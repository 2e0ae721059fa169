import CairnPostgres
import CairnStore
import CairnWire
import PostgresNIO
import Testing

/// A randomized check of watches across a group: several backends on one database write random
/// puts, deletes and txns at once while every backend's watch hub watches every key. Each watcher
/// must report exactly the log: every event of every revision, in revision order, none missing and
/// none twice, with the revisions the writers were acknowledged.
@Suite(.enabled(if: PostgresTestServer.available)) struct WatchCheckerTests {
    /// One watch event reduced to what the log records.
    struct Change: Hashable, CustomStringConvertible {
        var revision: Int64
        var key: [UInt8]
        var deleted: Bool
        var value: [UInt8]

        var description: String {
            "\(revision) \(deleted ? "delete" : "put") \(String(decoding: key, as: UTF8.self))"
        }
    }

    static let keys = (0..<8).map { "k\($0)".bytes }

    @Test(arguments: [21, 22] as [UInt64])
    func everyWatcherSeesTheWholeLogInOrder(seed: UInt64) async throws {
        try await withPostgresBackend { first, configuration in
            var backends = [first]
            for _ in 0..<2 { backends.append(try await PostgresBackend.open(configuration)) }
            let hubs = backends.map { WatchHub.attached(to: $0) }
            let streams = hubs.map { $0.openStream() }
            for stream in streams {
                stream.create(
                    watchID: 0, range: WatchKeyRange(key: [0], rangeEnd: [0]), options: WatchOptions(startRevision: 2))
            }
            let writesEach = 40
            let acknowledged = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (index, backend) in backends.enumerated() {
                    group.addTask {
                        var random = SeededGenerator(seed: seed &* 31 &+ UInt64(index))
                        var revisions: [Int64] = []
                        for _ in 0..<writesEach {
                            if let revision = try await Self.randomWrite(on: backend, &random) {
                                revisions.append(revision)
                            }
                        }
                        return revisions
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            try await first.awaitLinearizableRead()
            let last = first.currentRevision
            let log = try await Self.log(configuration)
            #expect(Set(log.map(\.revision)) == Set(2...last))
            #expect(Set(acknowledged).isSubset(of: Set(log.map(\.revision))))

            // A late watcher replays the history from the start and then follows live.
            let late = hubs[2].openStream()
            late.create(
                watchID: 0, range: WatchKeyRange(key: [0], rangeEnd: [0]), options: WatchOptions(startRevision: 2))
            for (index, stream) in (streams + [late]).enumerated() {
                let seen = await Self.changes(from: stream, through: last)
                #expect(seen == log, "watcher \(index): \(Self.firstDifference(seen, log))")
                stream.close()
            }
            for backend in backends.dropFirst() { try await backend.close() }
        }
    }

    /// A put, a delete of one key or of a range, or a txn whose compare decides between a put and a
    /// delete; the revision it took, or nil when it changed nothing.
    static func randomWrite(on backend: PostgresBackend, _ random: inout SeededGenerator) async throws -> Int64? {
        let index = Int.random(in: 0..<keys.count, using: &random)
        let key = keys[index]
        let value = "v\(Int.random(in: 0..<100, using: &random))".bytes
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<5:
            return try await backend.put(PutRequest(key: key, value: value)).header?.revision
        case 5, 6:
            let end = Bool.random(using: &random) ? [] : keys.randomElement(using: &random)!
            let response = try await backend.deleteRange(DeleteRangeRequest(key: key, rangeEnd: end))
            return response.deleted > 0 ? response.header?.revision : nil
        default:
            let other = keys[(index + Int.random(in: 1..<keys.count, using: &random)) % keys.count]
            let request = TxnRequest(
                compare: [
                    Compare(
                        result: .greater, target: .version, key: key,
                        targetUnion: .version(Int64.random(in: 0...3, using: &random)))
                ],
                success: [
                    RequestOp(request: .put(PutRequest(key: key, value: value))),
                    RequestOp(request: .deleteRange(DeleteRangeRequest(key: other))),
                ],
                failure: [RequestOp(request: .put(PutRequest(key: other, value: value)))]
            )
            let before = backend.currentRevision
            let revision = try await backend.txn(request).header?.revision
            return revision.flatMap { $0 > before ? $0 : nil }
        }
    }

    /// Every change in `cairn_log`, in commit order.
    static func log(_ configuration: PostgresBackendConfiguration) async throws -> [Change] {
        try await PostgresTestServer.withConnection(to: configuration) { connection in
            var changes: [Change] = []
            let rows = try await connection.query(
                "SELECT revision, key, value, deleted FROM cairn_log ORDER BY revision, sub",
                logger: configuration.logger)
            for try await (revision, key, value, deleted) in rows.decode((Int64, ByteBuffer, ByteBuffer, Bool).self) {
                changes.append(
                    Change(
                        revision: revision, key: Array(key.readableBytesView), deleted: deleted,
                        value: deleted ? [] : Array(value.readableBytesView)))
            }
            return changes
        }
    }

    /// The changes a watcher reports up to and including revision `last`; what came within 30 s
    /// if that revision never does (the stream is closed then, which ends the wait).
    static func changes(from stream: WatchStream, through last: Int64) async -> [Change] {
        await withTaskGroup(of: [Change]?.self) { group in
            group.addTask {
                var changes: [Change] = []
                while changes.last?.revision ?? 0 < last, let message = await stream.next() {
                    guard case .events(_, _, let events) = message else { continue }
                    for event in events {
                        let kv = event.kv ?? KeyValue()
                        let deleted = event.type == .delete
                        changes.append(
                            Change(
                                revision: kv.modRevision, key: kv.key, deleted: deleted, value: deleted ? [] : kv.value)
                        )
                    }
                }
                return changes
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                stream.close()
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }

    static func firstDifference(_ seen: [Change], _ log: [Change]) -> String {
        for (position, (a, b)) in zip(seen, log).enumerated() where a != b {
            return "at \(position): saw \(a), log has \(b)"
        }
        return "saw \(seen.count) changes, the log has \(log.count)"
    }
}

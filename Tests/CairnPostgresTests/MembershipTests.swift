import CairnPostgres
import CairnStore
import Testing

/// Every process of a group registers in `cairn_members`, heartbeats and leaves at close.
@Suite(.enabled(if: PostgresTestServer.available)) struct MembershipTests {
    static func member(_ id: UInt64, _ name: String) -> GroupMember {
        GroupMember(id: id, name: name, peerURLs: ["http://localhost:2380"], clientURLs: ["http://127.0.0.1:\(id)"])
    }

    /// Two backends on one database both list both; one that closes is gone at once, and one
    /// whose heartbeat stopped (a killed process) is left out once it is older than the timeout.
    @Test func membersSeeEachOtherAndStoppedOnesDisappear() async throws {
        var settings = try await PostgresTestServer.shared.freshDatabase()
        settings.heartbeatInterval = .milliseconds(100)
        settings.memberTimeout = .seconds(2)
        var first = settings
        first.member = Self.member(11, "first")
        var second = settings
        second.member = Self.member(22, "second")
        let one = try await PostgresBackend.open(first)
        let two = try await PostgresBackend.open(second)
        let both = [first.member!, second.member!]
        #expect(try await one.groupMembers() == both)
        #expect(try await two.groupMembers() == both)

        let killed = try await PostgresTestServer.scalar(
            """
            INSERT INTO cairn_members (id, name, peer_urls, client_urls, applied_revision, heartbeat_at)
            VALUES (33, 'killed', '{}', '{}', 1, clock_timestamp() - interval '3 seconds') RETURNING id
            """,
            in: settings
        )
        #expect(killed == 33)
        #expect(try await one.groupMembers()?.map(\.name) == ["first", "second"])

        try await two.close()
        #expect(try await one.groupMembers() == [first.member!])
        try await one.close()
    }

    /// A database at schema version 1 (before members and pruning) is migrated to the current version.
    @Test func versionOneIsMigrated() async throws {
        try await withPostgresBackend { backend, configuration in
            try await PostgresTestServer.withConnection(to: configuration) { connection in
                try await connection.query("DROP TABLE cairn_members, cairn_pruning", logger: configuration.logger)
                try await connection.query("UPDATE cairn_schema SET version = 1", logger: configuration.logger)
            }
            let reopened = try await PostgresBackend.open(configuration)
            #expect(try await reopened.groupMembers()?.isEmpty == false)
            #expect(
                try await PostgresTestServer.scalar("SELECT version::bigint FROM cairn_schema", in: configuration) == 3)
            try await reopened.close()
        }
    }
}

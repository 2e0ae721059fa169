import CairnPostgres
import CairnWire
import Testing

@Suite(.enabled(if: PostgresTestServer.available)) struct SchemaTests {
    /// The first backend creates the schema with its version row; later ones reuse it and see
    /// what was written before.
    @Test func schemaIsCreatedOnceWithAVersionRow() async throws {
        try await withPostgresBackend { first, configuration in
            _ = try await first.put(PutRequest(key: "k".bytes, value: "v".bytes))
            let second = try await PostgresBackend.open(configuration)
            #expect(try second.range(RangeRequest(key: "k".bytes)).kvs.map(\.value) == ["v".bytes])
            try await second.close()
            #expect(try await PostgresTestServer.scalar("SELECT count(*) FROM cairn_schema", in: configuration) == 1)
            #expect(
                try await PostgresTestServer.scalar("SELECT version::bigint FROM cairn_schema", in: configuration) == 3)
        }
    }
}

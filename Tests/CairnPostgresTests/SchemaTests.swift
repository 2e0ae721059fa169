import CairnPostgres
import CairnWire
import PostgresNIO
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
            let connection = try await PostgresTestServer.openConnection(to: configuration)
            var versions: [Int32] = []
            for try await version in try await connection.query(
                "SELECT version FROM cairn_schema", logger: configuration.logger
            ).decode(Int32.self) {
                versions.append(version)
            }
            try await connection.close()
            #expect(versions == [2])
        }
    }
}

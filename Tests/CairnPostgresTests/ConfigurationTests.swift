import CairnPostgres
import Testing

@Suite struct ConfigurationTests {
    @Test func readsEveryPartOfAURL() throws {
        let full = try PostgresBackendConfiguration(url: "postgres://cairn:secret@db.example:6432/etcd")
        #expect(full.username == "cairn")
        #expect(full.password == "secret")
        #expect(full.host == "db.example")
        #expect(full.port == 6432)
        #expect(full.database == "etcd")
        let short = try PostgresBackendConfiguration(url: "postgresql://me@127.0.0.1")
        #expect(short.username == "me")
        #expect(short.password == nil)
        #expect(short.port == 5432)
        #expect(short.database == nil)
        #expect(short.statementTimeout == .seconds(10))
        let timed = try PostgresBackendConfiguration(url: "postgres://me@db/etcd?statement_timeout=2500")
        #expect(timed.statementTimeout == .milliseconds(2500))
        #expect(timed.database == "etcd")
    }

    @Test func rejectsWhatIsNotAUsableURL() {
        for url in [
            "mysql://a@b/c", "postgres://host:5432/db", "postgres://a@b:port/c", "postgres://a@:5432",
            "postgres://a@b:0", "postgres://a@b/c?statement_timeout=soon", "postgres://a@b/c?sslmode=require",
        ] {
            #expect(throws: PostgresURLError.self, "\(url)") { try PostgresBackendConfiguration(url: url) }
        }
    }
}

import CairnClient
import Foundation
import Testing

/// cairnctl and etcdctl 3.4 run against the same server state print the same bytes.
@Suite("cairnctl output equals etcdctl output")
struct EtcdctlComparisonTests {
    @Test func readCommandsPrintIdenticalOutput() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try await server.client()
        defer { Task { await client.close() } }

        let first = try await client.put("k1", value: "v1")
        try await client.put("k1", value: "v2")
        for (key, value) in [("p/b", "3"), ("p/a", "5"), ("p/d", "1"), ("p/c", "4"), ("p/c", "2")] {
            try await client.put(key, value: value)
        }
        try await client.put(Array("p/bin\u{1}".utf8) + [0xFE], value: [0x00, 0xFF])
        let lease = try await client.grantLease(ttl: 600)
        try await client.put("p/leased", value: "x", options: PutOptions(lease: lease.id))

        let revision = String(first.header?.revision ?? 0)
        let commands: [[String]] = [
            ["get", "k1"], ["get", "--prefix", "p/"], ["get", "--prefix", "p/", "-w", "json"],
            ["get", "--prefix", "p/", "-w", "fields"], ["get", "--prefix", "p/", "--keys-only"],
            ["get", "--prefix", "p/", "--print-value-only", "--sort-by=VALUE", "--order=DESCEND"],
            ["get", "p/", "--from-key", "--limit=2", "-w", "json"], ["get", "k1", "--rev=\(revision)", "-w", "json"],
            ["get", "--prefix", "p/", "--hex"], ["get", "missing", "-w", "json"], ["get", "p/a", "p/c"],
            ["get", "--prefix", "p/", "--sort-by=CREATE", "--limit=3", "-w", "fields"],
            ["lease", "list"], ["lease", "list", "-w", "json"], ["member", "list"], ["member", "list", "-w", "json"],
            ["member", "list", "-w", "table"], ["member", "list", "-w", "fields"], ["alarm", "list", "-w", "json"],
            ["get", "k1", "--rev=100000"], ["lease", "revoke", "1234"], ["get", "k1", "-w", "table"],
            ["compaction", "100000"], ["lease", "timetolive", "1234"],
        ]
        let endpoint = "--endpoints=\(server.endpoint)"
        for command in commands {
            let expected = try CommandRunner.run("/usr/bin/etcdctl", [endpoint] + command)
            let actual = try CommandRunner.run(CommandRunner.cairnctl, [endpoint] + command)
            #expect(actual.stdout == expected.stdout, "stdout of \(command)")
            #expect(actual.status == expected.status, "exit status of \(command)")
            #expect(actual.errorLines == expected.errorLines, "errors of \(command)")
        }

        try await client.compact(revision: first.header?.revision ?? 0)
        for format in ["simple", "json", "fields"] {
            let arguments = [endpoint, "-w", format, "watch", "k1", "--rev=1"]
            let expected = try CommandRunner.run("/usr/bin/etcdctl", arguments)
            let actual = try CommandRunner.run(CommandRunner.cairnctl, arguments)
            #expect(actual.stdout == expected.stdout, "watch from a compacted revision -w \(format)")
            #expect(actual.status == expected.status && actual.status == 5)
            #expect(actual.stderr == expected.stderr)
        }

        let txn = "value(\"k1\") = \"v2\"\n\nget k1\nget p/ --prefix --limit=1\n\nget p/a\n\n"
        for format in ["simple", "json", "fields"] {
            let arguments = [endpoint, "-w", format, "txn"]
            let expected = try CommandRunner.run("/usr/bin/etcdctl", arguments, stdin: txn)
            let actual = try CommandRunner.run(CommandRunner.cairnctl, arguments, stdin: txn)
            #expect(actual == expected, "txn -w \(format)")
        }
    }
}

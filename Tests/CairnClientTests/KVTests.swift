import CairnClient
import CairnWire
import Testing

@Suite("EtcdClient KV and Txn against a real server")
struct KVTests {
    @Test func putGetDeleteWithRangeOptions() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try await server.client()
        defer { Task { await client.close() } }

        let first = try await client.put("p/b", value: "3")
        try await client.put("p/a", value: "5")
        try await client.put("p/c", value: "1")
        try await client.put("q", value: "outside")
        let overwritten = try await client.put("p/b", value: "4", options: PutOptions(prevKv: true))
        #expect(overwritten.prevKv?.value == Array("3".utf8))

        let all = try await client.get(Array("p/".utf8), options: .prefix(of: Array("p/".utf8)))
        #expect(all.kvs.map { String(decoding: $0.key, as: UTF8.self) } == ["p/a", "p/b", "p/c"])
        #expect(all.count == 3)

        var limited = GetOptions.prefix(of: Array("p/".utf8))
        limited.limit = 1
        limited.sortTarget = .value
        limited.sortOrder = .descend
        let top = try await client.get(Array("p/".utf8), options: limited)
        #expect(top.kvs.map(\.value) == [Array("5".utf8)])
        #expect(top.more && top.count == 3)

        var keysOnly = GetOptions.prefix(of: Array("p/".utf8))
        keysOnly.keysOnly = true
        keysOnly.revision = first.header?.revision ?? 0
        let old = try await client.get(Array("p/".utf8), options: keysOnly)
        #expect(old.kvs.map(\.key) == [Array("p/b".utf8)])
        #expect(old.kvs.allSatisfy { $0.value.isEmpty })

        var countOnly = GetOptions()
        countOnly.rangeEnd = EtcdKeys.fromKeyEnd
        countOnly.countOnly = true
        #expect(try await client.get("p/", options: countOnly).count == 4)

        let deleted = try await client.delete(
            Array("p/".utf8), options: DeleteOptions(rangeEnd: EtcdKeys.prefixEnd(Array("p/".utf8)), prevKv: true))
        #expect(deleted.deleted == 3 && deleted.prevKvs.count == 3)
        #expect(try await client.get("p/a").kvs.isEmpty)
    }

    @Test func txnBuilderChoosesBranch() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try await server.client()
        defer { Task { await client.close() } }

        let create = Txn()
            .when(.createRevision("lock", .equal, 0))
            .then(.put("lock", "me"))
            .else(.get("lock"))
        let won = try await client.txn(create)
        #expect(won.succeeded)
        let lost = try await client.txn(create)
        #expect(!lost.succeeded)
        guard case .range(let range)? = lost.responses.first?.response else {
            Issue.record("expected a range response, got \(lost.responses)")
            return
        }
        #expect(range.kvs.first?.value == Array("me".utf8))
        let byValue = try await client.txn(Txn().when(.value("lock", .notEqual, "you")).then(.delete("lock")))
        #expect(byValue.succeeded)
        #expect(try await client.get("lock").kvs.isEmpty)
    }

    @Test func errorsCarryEtcdCodeAndMessage() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try await server.client()
        defer { Task { await client.close() } }

        await #expect(throws: EtcdClientError.rpc(EtcdError.keyNotProvided.status)) {
            try await client.put("", value: "v")
        }
        let latest = try await client.put("k", value: "1")
        try await client.put("k", value: "2")
        let revision = latest.header?.revision ?? 0
        try await client.compact(revision: revision + 1)
        do {
            var options = GetOptions()
            options.revision = revision
            _ = try await client.get("k", options: options)
            Issue.record("read below the compacted revision succeeded")
        } catch {
            #expect(error.etcdError == .compacted)
            #expect(error.code == .outOfRange)
            #expect(error.message == "etcdserver: mvcc: required revision has been compacted")
        }
        do {
            try await client.put("big", value: String(repeating: "x", count: 3 << 20))
            Issue.record("an oversized put was sent")
        } catch {
            #expect(error.code == .resourceExhausted)
        }
    }
}

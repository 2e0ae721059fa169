import CairnClient
import CairnWire
import Testing

@Suite("EtcdClient watch against a real server")
struct WatchTests {
    @Test func deliversEventsWithPrevKv() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try await server.client()
        defer { Task { await client.close() } }

        var options = WatchOptions.prefix(of: Array("w/".utf8))
        options.prevKv = true
        var events = client.watch(Array("w/".utf8), options: options).makeAsyncIterator()
        let created = try await events.next()
        #expect(created?.created == true)
        try await client.put("w/a", value: "1")
        try await client.put("other", value: "x")
        try await client.put("w/a", value: "2")
        try await client.delete("w/a")
        var seen: [(Event.EventType, String, String?)] = []
        while seen.count < 3, let response = try await events.next() {
            for event in response.events {
                let value = String(decoding: event.kv?.value ?? [], as: UTF8.self)
                seen.append((event.type, value, event.prevKv.map { String(decoding: $0.value, as: UTF8.self) }))
            }
        }
        #expect(seen.map(\.0) == [.put, .put, .delete])
        #expect(seen.map(\.1) == ["1", "2", ""])
        #expect(seen.map(\.2) == [nil, "1", "2"])
    }

    @Test func resumesAfterServerRestartWithoutLosingEvents() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let writer = try await server.client()
        defer { Task { await writer.close() } }
        let watcher = try await server.client()
        defer { Task { await watcher.close() } }

        var stream = watcher.watch(Array("r/".utf8), options: .prefix(of: Array("r/".utf8))).makeAsyncIterator()
        _ = try await stream.next()
        for index in 0..<3 { try await writer.put("r/\(index)", value: "before") }
        var revisions: [Int64] = []
        while revisions.count < 3, let response = try await stream.next() {
            revisions += response.events.compactMap { $0.kv?.modRevision }
        }

        server.stop()
        try server.start()
        try await server.waitUntilServing(writer)
        for index in 3..<6 { try await writer.put("r/\(index)", value: "after") }
        while revisions.count < 6, let response = try await stream.next() {
            revisions += response.events.compactMap { $0.kv?.modRevision }
        }
        let first = try #require(revisions.first)
        #expect(revisions == Array(first..<first + 6))
    }

    @Test func compactedStartRevisionIsATypedError() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try await server.client()
        defer { Task { await client.close() } }

        let old = try await client.put("c", value: "1")
        let latest = try await client.put("c", value: "2")
        try await client.compact(revision: latest.header?.revision ?? 0)
        var options = WatchOptions()
        options.startRevision = old.header?.revision ?? 0
        var responses: [WatchResponse] = []
        do {
            for try await response in client.watch("c", options: options) { responses.append(response) }
            Issue.record("the watch ended without an error")
        } catch let error as EtcdClientError {
            #expect(responses.last?.canceled == true)
            #expect(responses.last?.compactRevision == latest.header?.revision)
            #expect(error == .compacted(compactRevision: latest.header?.revision ?? 0))
            #expect(error.message == "etcdserver: mvcc: required revision has been compacted")
        }
    }
}

import Foundation

/// One key as etcdctl's JSON shows it.
struct DumpedKey: Equatable, Sendable {
    var value: String
    var createRevision: Int64
    var modRevision: Int64
    var version: Int64
    var lease: Int64
}

/// Every live key of the server, read with one `etcdctl get "" --from-key -w json`, plus the header revision.
struct StoreDump: Sendable {
    var revision: Int64
    var keys: [String: DumpedKey]

    static func read(_ etcdctl: Etcdctl) async throws -> StoreDump {
        let json = try await etcdctl.json("get", "", "--from-key")
        var keys: [String: DumpedKey] = [:]
        for kv in json.objects("kvs") {
            guard let key = (kv["key"] as? String).flatMap({ Data(base64Encoded: $0) }) else { continue }
            let value = (kv["value"] as? String).flatMap { Data(base64Encoded: $0) } ?? Data()
            keys[String(decoding: key, as: UTF8.self)] = DumpedKey(
                value: String(decoding: value, as: UTF8.self),
                createRevision: kv.int64("create_revision") ?? 0,
                modRevision: kv.int64("mod_revision") ?? 0,
                version: kv.int64("version") ?? 0,
                lease: kv.int64("lease") ?? 0
            )
        }
        return StoreDump(revision: json.object("header")?.int64("revision") ?? 0, keys: keys)
    }
}

import CairnStore
import CairnWire
import Foundation
import Testing

/// Seeded random sequences of puts, deletes, txns, compactions and ranges at old revisions, run
/// against the store and against `ReferenceModel`; every result must be the same. The store is
/// also closed and reopened midway, with snapshots taken often.
@Suite struct ModelBasedTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func storeMatchesTheReferenceModel(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        var model = ReferenceModel()
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let configuration = StoreConfiguration(dataDirectory: directory.path, noSync: true, snapshotCount: 23)
        var store = try EmbeddedStore.open(configuration)
        for step in 0..<400 {
            if step == 200 {
                try await store.close()
                store = try EmbeddedStore.open(configuration)
            }
            let (actual, expected) = try await runStep(&random, store, &model)
            #expect(actual == expected, "seed \(seed) step \(step)")
            if actual != expected { break }
        }
        try await store.close()
    }

    private static let keys = ["a", "a/b", "b", "c", "d", "e"]

    private func randomKey(_ random: inout SeededGenerator) -> String {
        Self.keys.randomElement(using: &random)!
    }

    /// A range end: none, from-key, or a key after (or, rarely, before) `key`.
    private func randomEnd(_ random: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return ""
        case 1: return "\0"
        default: return randomKey(&random) + (Bool.random(using: &random) ? "" : "0")
        }
    }

    private func runStep(_ random: inout SeededGenerator, _ store: EmbeddedStore, _ model: inout ReferenceModel)
        async throws -> (String, String)
    {
        switch Int.random(in: 0..<10, using: &random) {
        case 0...2:
            let key = randomKey(&random)
            let value = "v\(Int.random(in: 0..<5, using: &random))"
            let response = try await store.put(PutRequest(key: key.bytes, value: value.bytes, prevKv: true))
            return (
                "put \(response.header!.revision) \(response.prevKv.map { summary([$0]) } ?? [])", model.put(key, value)
            )
        case 3:
            let key = randomKey(&random)
            let end = randomEnd(&random)
            let response = try await store.deleteRange(
                DeleteRangeRequest(key: key.bytes, rangeEnd: end.bytes, prevKv: true))
            return ("delete \(response.header!.revision) \(summary(response.prevKvs))", model.delete(key, end))
        case 4...5:
            let request = randomTxn(&random)
            let actual: String
            do {
                actual = describe(try await store.txn(request))
            } catch let error as EtcdError {
                actual = "error \(error.message)"
            }
            return (actual, model.txn(request))
        case 6:
            let revision = Int64.random(in: 0...model.current + 1, using: &random)
            let actual: String
            do {
                actual = "compact \(try await store.compact(CompactionRequest(revision: revision)).header!.revision)"
            } catch let error as EtcdError {
                actual = "error \(error.message)"
            }
            return (actual, model.compact(revision))
        default:
            var request = RangeRequest(key: randomKey(&random).bytes, rangeEnd: randomEnd(&random).bytes)
            request.revision = Int64.random(in: -1...model.current + 1, using: &random)
            request.limit = Int64.random(in: 0...3, using: &random)
            request.sortOrder = .init(rawValue: Int32.random(in: 0...2, using: &random))
            request.sortTarget = .init(rawValue: Int32.random(in: 0...4, using: &random))
            request.keysOnly = Int.random(in: 0..<4, using: &random) == 0
            request.countOnly = Int.random(in: 0..<6, using: &random) == 0
            let actual: String
            do {
                actual = describe(try store.range(request))
            } catch let error as EtcdError {
                actual = "error \(error.message)"
            }
            return (actual, model.range(request, current: model.current))
        }
    }

    private func randomTxn(_ random: inout SeededGenerator) -> TxnRequest {
        var compares: [Compare] = []
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            let target = Compare.CompareTarget(rawValue: Int32.random(in: 0...3, using: &random))
            let operand: Compare.TargetUnion
            switch target {
            case .version: operand = .version(Int64.random(in: 0...3, using: &random))
            case .create: operand = .createRevision(Int64.random(in: 0...20, using: &random))
            case .mod: operand = .modRevision(Int64.random(in: 0...20, using: &random))
            default: operand = .value("v\(Int.random(in: 0..<5, using: &random))".bytes)
            }
            compares.append(
                Compare(
                    result: .init(rawValue: Int32.random(in: 0...3, using: &random)),
                    target: target,
                    key: randomKey(&random).bytes,
                    targetUnion: operand
                )
            )
        }
        func branch(_ random: inout SeededGenerator) -> [RequestOp] {
            // Puts go to distinct keys; deletes to single keys nothing in the branch puts.
            var keys = Self.keys.shuffled(using: &random)
            var ops: [RequestOp] = []
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                guard let key = keys.popLast() else { break }
                switch Int.random(in: 0..<3, using: &random) {
                case 0: ops.append(Op.put(key, "t\(Int.random(in: 0..<3, using: &random))"))
                case 1: ops.append(Op.delete(key))
                default: ops.append(Op.get(key, rangeEnd: Bool.random(using: &random) ? "" : "\0"))
                }
            }
            return ops
        }
        return TxnRequest(compare: compares, success: branch(&random), failure: branch(&random))
    }

    private func describe(_ response: RangeResponse) -> String {
        "range h\(response.header!.revision) \(summary(response.kvs)) count \(response.count) more \(response.more)"
    }

    private func describe(_ response: TxnResponse) -> String {
        var parts = ["txn h\(response.header!.revision) \(response.succeeded)"]
        for op in response.responses {
            switch op.response {
            case .range(let range): parts.append(describe(range))
            case .put(let put): parts.append("put h\(put.header!.revision)")
            case .deleteRange(let delete): parts.append("delete h\(delete.header!.revision) \(delete.deleted)")
            default: parts.append("?")
            }
        }
        return parts.joined(separator: "; ")
    }
}

/// A deliberately plain model of etcd's store: a full copy of the key map for every revision.
struct ReferenceModel {
    struct Entry {
        var value: String
        var create: Int64
        var mod: Int64
        var version: Int64
    }

    /// `states[r]` is the map at revision `r` (index 0 unused).
    private var states: [[String: Entry]] = [[:], [:]]
    private var compacted: Int64 = -1

    var current: Int64 { Int64(states.count - 1) }

    private static func keys(_ map: [String: Entry], _ key: String, _ end: String) -> [String] {
        map.keys.filter { candidate in
            if end.isEmpty { return candidate == key }
            if end == "\0" { return candidate.utf8.lexicographicallyPrecedes(key.utf8) == false }
            return !candidate.utf8.lexicographicallyPrecedes(key.utf8)
                && candidate.utf8.lexicographicallyPrecedes(end.utf8)
        }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func line(_ key: String, _ entry: Entry, keysOnly: Bool = false) -> String {
        "\(key)=\(keysOnly ? "" : entry.value)@\(entry.mod)/\(entry.create)/\(entry.version)"
    }

    mutating func put(_ key: String, _ value: String) -> String {
        var map = states.last!
        let previous = map[key]
        map[key] = Entry(
            value: value, create: previous?.create ?? current + 1, mod: current + 1,
            version: (previous?.version ?? 0) + 1)
        states.append(map)
        return "put \(current) \(previous.map { [Self.line(key, $0)] } ?? [])"
    }

    mutating func delete(_ key: String, _ end: String) -> String {
        var map = states.last!
        let doomed = Self.keys(map, key, end)
        let previous = doomed.map { Self.line($0, map[$0]!) }
        guard !doomed.isEmpty else { return "delete \(current) []" }
        for key in doomed { map[key] = nil }
        states.append(map)
        return "delete \(current) \(previous)"
    }

    mutating func compact(_ revision: Int64) -> String {
        if revision <= compacted { return "error etcdserver: mvcc: required revision has been compacted" }
        if revision > current { return "error etcdserver: mvcc: required revision is a future revision" }
        compacted = revision
        return "compact \(current)"
    }

    func range(_ request: RangeRequest, current: Int64) -> String {
        if request.revision > current { return "error etcdserver: mvcc: required revision is a future revision" }
        if request.revision > 0 && request.revision < compacted {
            return "error etcdserver: mvcc: required revision has been compacted"
        }
        let map = states[Int(request.revision > 0 ? request.revision : self.current)]
        return Self.range(request, map: map, header: current)
    }

    private static func range(_ request: RangeRequest, map: [String: Entry], header: Int64) -> String {
        let keys = keys(map, request.key.string, request.rangeEnd.string)
        if request.countOnly { return "range h\(header) [] count \(keys.count) more false" }
        var order = request.sortOrder
        if order == .none && request.sortTarget != .key { order = .ascend }
        var sorted = keys
        if order != .none {
            func field(_ key: String) -> String {
                let entry = map[key]!
                switch request.sortTarget {
                case .version: return String(format: "%020lld", entry.version)
                case .create: return String(format: "%020lld", entry.create)
                case .mod: return String(format: "%020lld", entry.mod)
                case .value: return entry.value
                default: return key
                }
            }
            sorted = keys.enumerated().sorted { lhs, rhs in
                let (a, b) = (field(lhs.element), field(rhs.element))
                if a != b { return order == .descend ? b < a : a < b }
                return lhs.offset < rhs.offset
            }.map(\.element)
        }
        let limit = request.limit > 0 ? Int(request.limit) : Int.max
        let more = sorted.count > limit
        let shown = sorted.prefix(limit).map { line($0, map[$0]!, keysOnly: request.keysOnly) }
        return "range h\(header) \(shown) count \(keys.count) more \(more)"
    }

    mutating func txn(_ request: TxnRequest) -> String {
        let before = states.last!
        let base = current
        func holds(_ compare: Compare) -> Bool {
            // A missing key compares as all zeros, except that a VALUE compare on it fails.
            guard
                let entry = before[compare.key.string]
                    ?? (compare.target == .value ? nil : Entry(value: "", create: 0, mod: 0, version: 0))
            else { return false }
            let difference: Int64
            switch compare.targetUnion {
            case .version(let operand): difference = entry.version - operand
            case .createRevision(let operand): difference = entry.create - operand
            case .modRevision(let operand): difference = entry.mod - operand
            case .value(let operand):
                difference = entry.value < operand.string ? -1 : (entry.value == operand.string ? 0 : 1)
            default: difference = 0
            }
            switch compare.result {
            case .equal: return difference == 0
            case .notEqual: return difference != 0
            case .greater: return difference > 0
            default: return difference < 0
            }
        }
        let succeeded = request.compare.allSatisfy(holds)
        var map = before
        var changed = false
        var parts = [String]()
        for op in succeeded ? request.success : request.failure {
            switch op.request {
            case .range(let range):
                parts.append(Self.range(range, map: map, header: changed ? base + 1 : base))
            case .put(let put):
                let key = put.key.string
                let previous = map[key]
                map[key] = Entry(
                    value: put.value.string, create: previous?.create ?? base + 1, mod: base + 1,
                    version: (previous?.version ?? 0) + 1)
                changed = true
                parts.append("put h\(base + 1)")
            case .deleteRange(let delete):
                let doomed = Self.keys(map, delete.key.string, delete.rangeEnd.string)
                for key in doomed { map[key] = nil }
                if !doomed.isEmpty { changed = true }
                parts.append("delete h\(changed ? base + 1 : base) \(doomed.count)")
            default:
                parts.append("?")
            }
        }
        if changed { states.append(map) }
        return (["txn h\(current) \(succeeded)"] + parts).joined(separator: "; ")
    }
}

/// SplitMix64: a small seeded generator so that a failing sequence can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

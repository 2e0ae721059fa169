import CairnWire

extension MVCCEngine {
    /// Checks a range's `revision` against `current` and the compact revision (spec §4.4 step 1).
    package func checkReadRevision(_ requested: Int64, current: Int64) throws(EtcdError) {
        if requested > current { throw .futureRevision }
        if requested > 0 && requested < compactRevision { throw .compacted }
    }

    /// Answers a Range as of `current` (spec §4.4): `count` before limit and filters, then
    /// filters, sort, limit and keys_only. The header carries `current`.
    package func range(_ request: RangeRequest, current: Int64) throws(EtcdError) -> RangeResponse {
        try checkReadRevision(request.revision, current: current)
        let revision = request.revision > 0 ? request.revision : current
        var response = RangeResponse(header: .revision(current))
        if request.rangeEnd.isEmpty {
            // A single key: one lookup, no scan (sorting and limits cannot change one result).
            guard let version = index.history(for: request.key)?.live(at: revision) else { return response }
            response.count = 1
            guard !request.countOnly, RevisionFilter(request).accepts(version) else { return response }
            var kv = version.keyValue(key: request.key)
            if request.keysOnly { kv.value = [] }
            response.kvs = [kv]
            return response
        }
        let span = KeySpan(key: request.key, rangeEnd: request.rangeEnd)
        guard !span.isEmpty else { return response }

        var order = request.sortOrder
        if order == .none && request.sortTarget != .key { order = .ascend }
        let keyOrdered = request.sortTarget == .key && order != .descend
        let limit = request.limit > 0 ? Int(request.limit) : Int.max
        let filter = RevisionFilter(request)

        var count: Int64 = 0
        var kvs: [KeyValue] = []
        index.scan(from: span.lower, below: span.upper) { entry in
            guard entry.isLive(at: revision) else { return true }
            count += 1
            // In key order, limit + 1 matches are enough to know whether there are more; past
            // that, keys are only counted.
            if request.countOnly || (keyOrdered && kvs.count > limit) { return true }
            guard let version = entry.history.live(at: revision), filter.accepts(version) else { return true }
            kvs.append(version.keyValue(key: entry.key))
            return true
        }
        response.count = count
        if request.countOnly { return response }

        if !keyOrdered { Self.sort(&kvs, target: request.sortTarget, descending: order == .descend) }
        if kvs.count > limit {
            kvs.removeSubrange(limit...)
            response.more = true
        }
        if request.keysOnly {
            for index in kvs.indices { kvs[index].value = [] }
        }
        response.kvs = kvs
        return response
    }

    /// Sorts by the target, keeping key order among equal targets.
    private static func sort(_ kvs: inout [KeyValue], target: RangeRequest.SortTarget, descending: Bool) {
        func compareTarget(_ a: KeyValue, _ b: KeyValue) -> Int {
            switch target {
            case .version: return a.version == b.version ? 0 : (a.version < b.version ? -1 : 1)
            case .create:
                return a.createRevision == b.createRevision ? 0 : (a.createRevision < b.createRevision ? -1 : 1)
            case .mod: return a.modRevision == b.modRevision ? 0 : (a.modRevision < b.modRevision ? -1 : 1)
            case .value: return compareBytes(a.value, b.value)
            default: return 0
            }
        }
        if target == .key {
            if descending { kvs.reverse() }
            return
        }
        let ordered = kvs.enumerated().sorted { lhs, rhs in
            let result = compareTarget(lhs.element, rhs.element)
            if result != 0 { return descending ? result > 0 : result < 0 }
            return lhs.offset < rhs.offset
        }
        kvs = ordered.map(\.element)
    }
}

/// The min/max mod/create revision filters of a Range (0 = no bound).
private struct RevisionFilter {
    let minMod: Int64
    let maxMod: Int64
    let minCreate: Int64
    let maxCreate: Int64

    init(_ request: RangeRequest) {
        minMod = request.minModRevision
        maxMod = request.maxModRevision
        minCreate = request.minCreateRevision
        maxCreate = request.maxCreateRevision
    }

    func accepts(_ version: KeyVersion) -> Bool {
        if minMod != 0 && version.modRevision < minMod { return false }
        if maxMod != 0 && version.modRevision > maxMod { return false }
        if minCreate != 0 && version.createRevision < minCreate { return false }
        if maxCreate != 0 && version.createRevision > maxCreate { return false }
        return true
    }
}

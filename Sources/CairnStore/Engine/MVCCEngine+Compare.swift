import CairnWire

extension MVCCEngine {
    /// Evaluates a txn compare at `revision` (spec §4.7): every live key of its range must satisfy
    /// it; no key at all compares as a zero KeyValue, except that a VALUE compare then fails.
    func evaluate(_ compare: Compare, at revision: Int64) -> Bool {
        let span = KeySpan(key: compare.key, rangeEnd: compare.rangeEnd)
        let matches = liveEntries(in: span, at: revision)
        if matches.isEmpty {
            if compare.target == .value { return false }
            return Self.holds(compare, for: KeyVersion.tombstone(revision: 0, subIndex: 0))
        }
        return matches.allSatisfy { Self.holds(compare, for: $0.version) }
    }

    private static func holds(_ compare: Compare, for version: KeyVersion) -> Bool {
        let order: Int
        switch compare.target {
        case .version:
            order = compareNumbers(version.version, compare.versionOperand)
        case .create:
            order = compareNumbers(version.createRevision, compare.createOperand)
        case .mod:
            order = compareNumbers(version.modRevision, compare.modOperand)
        case .lease:
            order = compareNumbers(version.lease, compare.leaseOperand)
        case .value:
            order = compareBytes(version.value, compare.valueOperand)
        default:
            order = 0
        }
        switch compare.result {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .greater: return order > 0
        case .less: return order < 0
        default: return true
        }
    }

    private static func compareNumbers(_ lhs: Int64, _ rhs: Int64) -> Int {
        lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
    }
}

extension Compare {
    /// The operand of each target: the matching `target_union` member, or zero/empty when another
    /// member (or none) is set.
    fileprivate var versionOperand: Int64 {
        if case .version(let value) = targetUnion { return value }
        return 0
    }

    fileprivate var createOperand: Int64 {
        if case .createRevision(let value) = targetUnion { return value }
        return 0
    }

    fileprivate var modOperand: Int64 {
        if case .modRevision(let value) = targetUnion { return value }
        return 0
    }

    fileprivate var leaseOperand: Int64 {
        if case .lease(let value) = targetUnion { return value }
        return 0
    }

    fileprivate var valueOperand: [UInt8] {
        if case .value(let value) = targetUnion { return value }
        return []
    }
}

/// The keys one watcher observes, normalised as etcd does for watch creation.
///
/// An empty `key` means `"\0"`; an empty `rangeEnd` means the single key; a `rangeEnd` of
/// `"\0"` means every key at or after `key`; anything else is the half-open interval.
package struct WatchKeyRange: Hashable, Sendable {
    /// Where the selected keys stop.
    package enum End: Hashable, Sendable {
        /// Exactly `key`.
        case single
        /// Keys strictly below the given bound.
        case before([UInt8])
        /// Every key at or after `key`.
        case unbounded
    }

    package let key: [UInt8]
    package let end: End

    package init(key: [UInt8], rangeEnd: [UInt8]) {
        self.key = key.isEmpty ? [0] : key
        switch rangeEnd {
        case []: end = .single
        case [0]: end = .unbounded
        default: end = .before(rangeEnd)
        }
    }

    /// True when a watch on this range could never see a key (`key >= rangeEnd`); etcd rejects it.
    package var isEmpty: Bool {
        if case .before(let bound) = end {
            return !key.lexicographicallyPrecedes(bound)
        }
        return false
    }

    /// The `range_end` bytes the store's history reads expect for this range.
    package var storeRangeEnd: [UInt8] {
        switch end {
        case .single: return []
        case .unbounded: return [0]
        case .before(let bound): return bound
        }
    }

    package func contains(_ candidate: [UInt8]) -> Bool {
        switch end {
        case .single:
            return candidate == key
        case .unbounded:
            return !candidate.lexicographicallyPrecedes(key)
        case .before(let bound):
            return !candidate.lexicographicallyPrecedes(key) && candidate.lexicographicallyPrecedes(bound)
        }
    }
}

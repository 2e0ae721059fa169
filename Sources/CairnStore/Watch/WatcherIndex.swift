/// Finds the synced watchers whose range holds a key without looking at every watcher.
///
/// Single-key watchers sit in a hash map by key. Watchers on a range are grouped by identical
/// range (thousands of watchers on one prefix cost one range test), and the distinct ranges are
/// kept sorted by start with a running maximum of their ends, so a lookup binary-searches the
/// last range starting at or before the key and walks back only while some earlier range can
/// still reach past it.
struct WatcherIndex {
    private var single: [[UInt8]: Set<Int>] = [:]
    private var groups: [WatchKeyRange: Set<Int>] = [:]
    private var sorted: [WatchKeyRange] = []
    /// `reach[i]` is the largest end among `sorted[0...i]`.
    private var reach: [Bound] = []
    private var sortedIsStale = false

    /// An upper end of a range, ordered with `unbounded` above every key.
    private enum Bound: Comparable {
        case key([UInt8])
        case unbounded

        static func < (lhs: Bound, rhs: Bound) -> Bool {
            switch (lhs, rhs) {
            case (.key(let a), .key(let b)): return a.lexicographicallyPrecedes(b)
            case (.key, .unbounded): return true
            case (.unbounded, _): return false
            }
        }

        init(_ range: WatchKeyRange) {
            switch range.end {
            case .single: self = .key(range.key + [0])
            case .before(let bound): self = .key(bound)
            case .unbounded: self = .unbounded
            }
        }
    }

    mutating func insert(_ handle: Int, range: WatchKeyRange) {
        if case .single = range.end {
            single[range.key, default: []].insert(handle)
            return
        }
        if groups[range, default: []].insert(handle).inserted, groups[range]!.count == 1 {
            sortedIsStale = true
        }
    }

    mutating func remove(_ handle: Int, range: WatchKeyRange) {
        if case .single = range.end {
            single[range.key]?.remove(handle)
            if single[range.key]?.isEmpty == true {
                single[range.key] = nil
            }
            return
        }
        groups[range]?.remove(handle)
        if groups[range]?.isEmpty == true {
            groups[range] = nil
            sortedIsStale = true
        }
    }

    /// Calls `body` once for each distinct range holding `key`, with the watchers on that range.
    mutating func forEachMatch(_ key: [UInt8], _ body: (WatchKeyRange, Set<Int>) -> Void) {
        if let handles = single[key] {
            body(WatchKeyRange(key: key, rangeEnd: []), handles)
        }
        if groups.isEmpty {
            return
        }
        rebuildIfStale()
        var index = lastStarting(atOrBefore: key)
        let probe = Bound.key(key)
        while index >= 0, probe < reach[index] {
            let range = sorted[index]
            if range.contains(key), let handles = groups[range] {
                body(range, handles)
            }
            index -= 1
        }
    }

    private mutating func rebuildIfStale() {
        guard sortedIsStale else { return }
        sortedIsStale = false
        sorted = groups.keys.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        reach = []
        reach.reserveCapacity(sorted.count)
        for range in sorted {
            let end = Bound(range)
            reach.append(reach.last.map { max($0, end) } ?? end)
        }
    }

    /// Index of the last range whose start is at or before `key`, or -1.
    private func lastStarting(atOrBefore key: [UInt8]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if key.lexicographicallyPrecedes(sorted[middle].key) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low - 1
    }
}

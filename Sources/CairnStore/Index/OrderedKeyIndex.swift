/// One key and its retained history.
struct IndexEntry: Sendable {
    let key: [UInt8]
    var history: KeyHistory {
        didSet { cacheLatest() }
    }
    /// The newest version's revision and kind, kept beside the history so that a scan at the
    /// newest revisions decides liveness from plain fields, without copying the history.
    private(set) var latestRevision: Int64 = 0
    private(set) var latestIsTombstone = false

    init(key: [UInt8], history: KeyHistory) {
        self.key = key
        self.history = history
        cacheLatest()
    }

    private mutating func cacheLatest() {
        let latest = history.latest
        latestRevision = latest.modRevision
        latestIsTombstone = latest.isTombstone
    }

    /// Whether the key exists at `revision`.
    func isLive(at revision: Int64) -> Bool {
        if latestRevision <= revision { return !latestIsTombstone }
        return history.live(at: revision) != nil
    }
}

/// The ordered key index: keys in unsigned byte order, kept in sorted chunks of at most
/// `chunkCapacity` entries (a two-level B-tree). A point lookup is two binary searches, a range
/// scan walks chunks in order, and an insert moves at most one chunk's entries.
///
/// The index is a value: copying it is O(1), and later mutations copy only the chunks they touch,
/// which is what lets a snapshot be taken from a copy while writers go on.
struct OrderedKeyIndex: Sendable {
    static let chunkCapacity = 256

    private var chunks: [[IndexEntry]] = []
    /// The last key of each chunk, in one contiguous array: finding a key's chunk then touches only
    /// these few thousand keys, which stay in cache, instead of every probed chunk.
    private var fences: [[UInt8]] = []
    /// Number of keys in the index (live or holding only history).
    private(set) var count = 0

    /// A history the slot holds while its real one is being edited, so that the edit does not
    /// copy the version array.
    private static let placeholder = KeyHistory.single(.tombstone(revision: 0, subIndex: 0))

    init() {}

    /// Appends an entry whose key sorts after every key in the index (snapshot loading), filling
    /// chunks completely.
    mutating func appendSorted(_ entry: IndexEntry) {
        if chunks.isEmpty || chunks[chunks.count - 1].count >= Self.chunkCapacity {
            var fresh: [IndexEntry] = []
            fresh.reserveCapacity(Self.chunkCapacity)
            chunks.append(fresh)
            fences.append(entry.key)
        }
        chunks[chunks.count - 1].append(entry)
        fences[fences.count - 1] = entry.key
        count += 1
    }

    /// The chunk `key` belongs to: the first whose last key is not below `key`, else the last one.
    private func chunkIndex(for key: [UInt8]) -> Int {
        fences.withUnsafeBufferPointer { fences in
            var low = 0
            var high = fences.count - 1
            while low < high {
                let mid = (low + high) / 2
                if compareBytes(fences[mid], key) < 0 { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    /// Re-reads the fence of chunk `index` after its last entry may have changed.
    private mutating func refreshFence(_ index: Int) {
        fences[index] = chunks[index][chunks[index].count - 1].key
    }

    /// The first slot of `chunk` whose key is not below `key`.
    private static func lowerBound(in chunk: [IndexEntry], of key: [UInt8]) -> Int {
        chunk.withUnsafeBufferPointer { entries in
            var low = 0
            var high = entries.count
            while low < high {
                let mid = (low + high) / 2
                if compareBytes(entries[mid].key, key) < 0 { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    func history(for key: [UInt8]) -> KeyHistory? {
        guard !chunks.isEmpty else { return nil }
        let chunk = chunks[chunkIndex(for: key)]
        let slot = Self.lowerBound(in: chunk, of: key)
        guard slot < chunk.count, chunk[slot].key == key else { return nil }
        return chunk[slot].history
    }

    /// Edits the history of `key` in place: `body` gets `nil` for an absent key, and setting it to
    /// `nil` removes the key.
    mutating func update<Result>(_ key: [UInt8], _ body: (inout KeyHistory?) throws -> Result) rethrows -> Result {
        if chunks.isEmpty {
            var history: KeyHistory? = nil
            let result = try body(&history)
            if let history {
                chunks = [[IndexEntry(key: key, history: history)]]
                fences = [key]
                count = 1
            }
            return result
        }
        var chunkIndex = chunkIndex(for: key)
        var slot = Self.lowerBound(in: chunks[chunkIndex], of: key)
        if slot < chunks[chunkIndex].count, chunks[chunkIndex][slot].key == key {
            var history: KeyHistory? = chunks[chunkIndex][slot].history
            chunks[chunkIndex][slot].history = Self.placeholder
            let result = try body(&history)
            if let history {
                chunks[chunkIndex][slot].history = history
            } else {
                chunks[chunkIndex].remove(at: slot)
                if chunks[chunkIndex].isEmpty {
                    chunks.remove(at: chunkIndex)
                    fences.remove(at: chunkIndex)
                } else if slot == chunks[chunkIndex].count {
                    refreshFence(chunkIndex)
                }
                count -= 1
            }
            return result
        }
        var history: KeyHistory? = nil
        let result = try body(&history)
        guard let history else { return result }
        let entry = IndexEntry(key: key, history: history)
        count += 1
        if chunks[chunkIndex].count >= Self.chunkCapacity {
            if chunkIndex == chunks.count - 1 && slot == chunks[chunkIndex].count {
                // Appending past the last key: start a new chunk rather than leaving two half-full ones.
                var fresh: [IndexEntry] = []
                fresh.reserveCapacity(Self.chunkCapacity)
                fresh.append(entry)
                chunks.append(fresh)
                fences.append(key)
                return result
            }
            let half = chunks[chunkIndex].count / 2
            var right: [IndexEntry] = []
            right.reserveCapacity(Self.chunkCapacity)
            right.append(contentsOf: chunks[chunkIndex][half...])
            chunks[chunkIndex].removeSubrange(half...)
            chunks.insert(right, at: chunkIndex + 1)
            fences.insert(fences[chunkIndex], at: chunkIndex + 1)
            refreshFence(chunkIndex)
            if slot > half {
                chunkIndex += 1
                slot -= half
            }
        }
        chunks[chunkIndex].insert(entry, at: slot)
        if slot == chunks[chunkIndex].count - 1 { fences[chunkIndex] = key }
        return result
    }

    /// Calls `body` for every entry with `lower <= key < upper` (`upper == nil`: no bound) in
    /// ascending key order, until `body` returns `false`. Entries are lent from the chunks' storage
    /// rather than copied, which keeps long scans free of reference counting.
    func scan(from lower: [UInt8], below upper: [UInt8]?, _ body: (IndexEntry) throws -> Bool) rethrows {
        guard !chunks.isEmpty else { return }
        var chunkIndex = chunkIndex(for: lower)
        var slot = Self.lowerBound(in: chunks[chunkIndex], of: lower)
        try chunks.withUnsafeBufferPointer { chunks in
            while chunkIndex < chunks.count {
                let finished = try chunks[chunkIndex].withUnsafeBufferPointer { entries -> Bool in
                    while slot < entries.count {
                        if let upper, compareBytes(entries[slot].key, upper) >= 0 { return true }
                        guard try body(entries[slot]) else { return true }
                        slot += 1
                    }
                    return false
                }
                if finished { return }
                chunkIndex += 1
                slot = 0
            }
        }
    }

    /// Calls `body` for every entry in ascending key order.
    func forEach(_ body: (IndexEntry) throws -> Void) rethrows {
        for chunk in chunks {
            for entry in chunk { try body(entry) }
        }
    }

    /// Drops history that compaction at `revision` makes unreachable (see `KeyHistory.compacted`).
    /// Chunks with nothing to drop are left untouched (and unshared with any snapshot copy).
    mutating func compact(at revision: Int64) {
        var result: [[IndexEntry]] = []
        result.reserveCapacity(chunks.count)
        for chunk in chunks {
            guard chunk.contains(where: { $0.history.needsCompaction(at: revision) }) else {
                result.append(chunk)
                continue
            }
            var kept: [IndexEntry] = []
            kept.reserveCapacity(chunk.count)
            for entry in chunk {
                if let history = entry.history.compacted(at: revision) {
                    kept.append(IndexEntry(key: entry.key, history: history))
                }
            }
            count -= chunk.count - kept.count
            if !kept.isEmpty { result.append(kept) }
        }
        chunks = result
        fences = result.map { $0[$0.count - 1].key }
    }
}

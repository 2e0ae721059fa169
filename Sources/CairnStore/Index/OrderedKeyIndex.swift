/// One key and its retained history.
struct IndexEntry: Sendable {
    var key: [UInt8]
    var history: KeyHistory
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
    /// Number of keys in the index (live or holding only history).
    private(set) var count = 0

    /// A history the slot holds while its real one is being edited, so that the edit does not
    /// copy the version array.
    private static let placeholder = KeyHistory.single(.tombstone(revision: 0, subIndex: 0))

    init() {}

    /// Builds an index from entries already in ascending key order (snapshot loading).
    init(sortedEntries: [IndexEntry]) {
        var start = 0
        while start < sortedEntries.count {
            let end = min(start + Self.chunkCapacity, sortedEntries.count)
            chunks.append(Array(sortedEntries[start..<end]))
            start = end
        }
        count = sortedEntries.count
    }

    /// The chunk `key` belongs to: the first whose last key is not below `key`, else the last one.
    private func chunkIndex(for key: [UInt8]) -> Int {
        var low = 0
        var high = chunks.count - 1
        while low < high {
            let mid = (low + high) / 2
            let chunk = chunks[mid]
            if compareBytes(chunk[chunk.count - 1].key, key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The first slot of `chunk` whose key is not below `key`.
    private static func lowerBound(in chunk: [IndexEntry], of key: [UInt8]) -> Int {
        var low = 0
        var high = chunk.count
        while low < high {
            let mid = (low + high) / 2
            if compareBytes(chunk[mid].key, key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
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
                if chunks[chunkIndex].isEmpty { chunks.remove(at: chunkIndex) }
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
                return result
            }
            let half = chunks[chunkIndex].count / 2
            var right: [IndexEntry] = []
            right.reserveCapacity(Self.chunkCapacity)
            right.append(contentsOf: chunks[chunkIndex][half...])
            chunks[chunkIndex].removeSubrange(half...)
            chunks.insert(right, at: chunkIndex + 1)
            if slot > half {
                chunkIndex += 1
                slot -= half
            }
        }
        chunks[chunkIndex].insert(entry, at: slot)
        return result
    }

    /// Calls `body` for every entry with `lower <= key < upper` (`upper == nil`: no bound) in
    /// ascending key order, until `body` returns `false`.
    func scan(from lower: [UInt8], below upper: [UInt8]?, _ body: (IndexEntry) throws -> Bool) rethrows {
        guard !chunks.isEmpty else { return }
        var chunkIndex = chunkIndex(for: lower)
        var slot = Self.lowerBound(in: chunks[chunkIndex], of: lower)
        while chunkIndex < chunks.count {
            let chunk = chunks[chunkIndex]
            while slot < chunk.count {
                let entry = chunk[slot]
                if let upper, compareBytes(entry.key, upper) >= 0 { return }
                guard try body(entry) else { return }
                slot += 1
            }
            chunkIndex += 1
            slot = 0
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
    }
}

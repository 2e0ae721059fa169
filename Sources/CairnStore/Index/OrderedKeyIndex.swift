/// The ordered key index: keys in unsigned byte order, kept in sorted chunks of at most
/// `chunkCapacity` entries (a two-level B-tree). Each chunk stores its keys flat (`PackedKeys`),
/// and one more `PackedKeys` holds a fence per chunk, so a point lookup is two binary searches over
/// contiguous memory, a range scan walks chunks in order, and an insert moves at most one chunk's
/// entries.
///
/// The index is a value: copying it is O(1), and later mutations copy only the chunks they touch,
/// which is what lets a snapshot be taken from a copy while writers go on.
struct OrderedKeyIndex: Sendable {
    static let chunkCapacity = 256

    private var chunks: [IndexChunk] = []
    /// One separator per chunk: fence `i` is at least every key of chunk `i` and below every key of
    /// chunk `i + 1`. It starts as the chunk's last key and stays put when that key is removed or
    /// a key is inserted below it, so most writes leave the fences alone.
    private var fences = PackedKeys()
    /// Number of keys in the index (live or holding only history).
    private(set) var count = 0

    /// A history the slot holds while its real one is being edited, so that the edit does not
    /// copy the version array.
    private static let placeholder = KeyHistory.single(.tombstone(revision: 0, subIndex: 0))

    init() {}

    /// Appends `key`, which must sort after every key in the index (snapshot loading), filling
    /// chunks completely. Returns `false`, changing nothing, when `key` is out of order.
    mutating func appendSorted(_ key: UnsafeBufferPointer<UInt8>, history: KeyHistory) -> Bool {
        let last = chunks.count - 1
        if last >= 0 {
            let inOrder = fences.withKeys { fences in compareBytes(fences[last], key) < 0 }
            guard inOrder else { return false }
        }
        if last < 0 || chunks[last].count >= Self.chunkCapacity {
            var fresh = IndexChunk(reservingCapacity: Self.chunkCapacity)
            fresh.append(key, history: history)
            chunks.append(fresh)
            fences.append(key)
        } else {
            chunks[last].append(key, history: history)
            fences.replace(at: last, with: key)
        }
        count += 1
        return true
    }

    /// The chunk `key` belongs to, and whether `key` sorts above every fence (then the last chunk).
    @inline(__always)
    private func locate(_ key: UnsafeBufferPointer<UInt8>) -> (chunk: Int, beyondFences: Bool) {
        let slot = fences.lowerBound(of: key).slot
        return slot == chunks.count ? (slot - 1, true) : (slot, false)
    }

    func history(for key: [UInt8]) -> KeyHistory? {
        guard !chunks.isEmpty else { return nil }
        return key.withUnsafeBufferPointer { key in
            let chunk = locate(key).chunk
            // Through the buffer the chunk is borrowed; `chunks[chunk]` would copy it, retaining (and
            // so fetching the headers of) all of its buffers.
            return chunks.withUnsafeBufferPointer { $0[chunk].history(for: key) }
        }
    }

    /// Edits the history of `key` in place: `body` gets `nil` for an absent key, and setting it to
    /// `nil` removes the key.
    mutating func update<Result>(_ key: [UInt8], _ body: (inout KeyHistory?) throws -> Result) rethrows -> Result {
        try key.withUnsafeBufferPointer { key in try update(key, body) }
    }

    private mutating func update<Result>(
        _ key: UnsafeBufferPointer<UInt8>,
        _ body: (inout KeyHistory?) throws -> Result
    ) rethrows -> Result {
        if chunks.isEmpty {
            var history: KeyHistory? = nil
            let result = try body(&history)
            if let history { _ = appendSorted(key, history: history) }
            return result
        }
        var (chunkIndex, beyondFences) = locate(key)
        var (slot, found) = chunks.withUnsafeBufferPointer { $0[chunkIndex].keys.lowerBound(of: key) }
        if found {
            var history: KeyHistory? = chunks[chunkIndex].histories[slot]
            chunks[chunkIndex].histories[slot] = Self.placeholder
            let result = try body(&history)
            if let history {
                chunks[chunkIndex].histories[slot] = history
            } else {
                chunks[chunkIndex].remove(at: slot)
                if chunks[chunkIndex].count == 0 {
                    chunks.remove(at: chunkIndex)
                    fences.remove(at: chunkIndex)
                }
                count -= 1
            }
            return result
        }
        var history: KeyHistory? = nil
        let result = try body(&history)
        guard let history else { return result }
        count += 1
        if chunks[chunkIndex].count >= Self.chunkCapacity {
            if beyondFences {
                // Appending past the last key: start a new chunk rather than leaving two half-full ones.
                var fresh = IndexChunk(reservingCapacity: Self.chunkCapacity)
                fresh.append(key, history: history)
                chunks.append(fresh)
                fences.append(key)
                return result
            }
            let half = chunks[chunkIndex].count / 2
            let right = chunks[chunkIndex].split(from: half, reservingCapacity: Self.chunkCapacity)
            chunks.insert(right, at: chunkIndex + 1)
            // The old fence now bounds the right half; the left half's last key bounds the left.
            let leftLast = chunks[chunkIndex].keys.key(at: half - 1)
            leftLast.withUnsafeBufferPointer { fences.insert($0, at: chunkIndex) }
            if slot >= half {
                chunkIndex += 1
                slot -= half
            }
        }
        chunks[chunkIndex].insert(key, history: history, at: slot)
        if beyondFences { fences.replace(at: fences.count - 1, with: key) }
        return result
    }

    /// Calls `body` for every entry with `lower <= key < upper` (`upper == nil`: no bound) in
    /// ascending key order, until `body` returns `false`. Entries are lent from the chunks' storage
    /// (see `IndexEntry`).
    func scan(from lower: [UInt8], below upper: [UInt8]?, _ body: (IndexEntry) throws -> Bool) rethrows {
        guard !chunks.isEmpty else { return }
        var (chunkIndex, slot) = lower.withUnsafeBufferPointer { lower in
            let chunk = locate(lower).chunk
            return (chunk, chunks.withUnsafeBufferPointer { $0[chunk].keys.lowerBound(of: lower).slot })
        }
        let bounded = upper != nil
        try (upper ?? []).withUnsafeBufferPointer { upper in
            try chunks.withUnsafeBufferPointer { chunks in
                while chunkIndex < chunks.count {
                    let visitedAll = try chunks[chunkIndex].visit(from: slot) { entry in
                        if bounded && compareBytes(entry.keyBytes, upper) >= 0 { return false }
                        return try body(entry)
                    }
                    if !visitedAll { return }
                    chunkIndex += 1
                    slot = 0
                }
            }
        }
    }

    /// Calls `body` for every entry in ascending key order.
    func forEach(_ body: (IndexEntry) throws -> Void) rethrows {
        for chunk in chunks {
            _ = try chunk.visit(from: 0) { entry in
                try body(entry)
                return true
            }
        }
    }

    /// Drops history that compaction at `revision` makes unreachable (see `KeyHistory.compacted`).
    /// Chunks with nothing to drop are left untouched (and unshared with any snapshot copy).
    mutating func compact(at revision: Int64) {
        var result: [IndexChunk] = []
        result.reserveCapacity(chunks.count)
        for chunk in chunks {
            guard chunk.histories.contains(where: { $0.needsCompaction(at: revision) }) else {
                result.append(chunk)
                continue
            }
            var kept = IndexChunk(reservingCapacity: Self.chunkCapacity)
            _ = chunk.visit(from: 0) { entry in
                if let history = entry.history.compacted(at: revision) { kept.append(entry.keyBytes, history: history) }
                return true
            }
            count -= chunk.count - kept.count
            if kept.count > 0 { result.append(kept) }
        }
        var newFences = PackedKeys(reservingCapacity: result.count)
        for chunk in result {
            chunk.keys.withKeys { keys in newFences.append(keys[chunk.count - 1]) }
        }
        chunks = result
        fences = newFences
    }
}

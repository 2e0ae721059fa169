/// Up to `OrderedKeyIndex.chunkCapacity` consecutive keys of the index with their histories: the
/// keys packed flat (`PackedKeys`), the histories in one array beside them, slot for slot.
struct IndexChunk: Sendable {
    var keys: PackedKeys
    var histories: [KeyHistory] = []

    init(reservingCapacity capacity: Int) {
        keys = PackedKeys(reservingCapacity: capacity)
        histories.reserveCapacity(capacity)
    }

    private init(keys: PackedKeys, histories: [KeyHistory]) {
        self.keys = keys
        self.histories = histories
    }

    var count: Int { histories.count }

    /// The history of `key`, if the chunk holds it.
    func history(for key: UnsafeBufferPointer<UInt8>) -> KeyHistory? {
        // The histories' storage is looked up first, so that fetching it overlaps the key search.
        histories.withUnsafeBufferPointer { histories in
            let (slot, found) = keys.lowerBound(of: key)
            return found ? histories[slot] : nil
        }
    }

    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, history: KeyHistory, at slot: Int) {
        keys.insert(key, at: slot)
        histories.insert(history, at: slot)
    }

    mutating func append(_ key: UnsafeBufferPointer<UInt8>, history: KeyHistory) {
        keys.append(key)
        histories.append(history)
    }

    mutating func remove(at slot: Int) {
        keys.remove(at: slot)
        histories.remove(at: slot)
    }

    /// Moves the entries from `slot` on into a new chunk, which it returns.
    mutating func split(from slot: Int, reservingCapacity capacity: Int) -> IndexChunk {
        var moved: [KeyHistory] = []
        moved.reserveCapacity(capacity)
        moved.append(contentsOf: histories[slot...])
        histories.removeSubrange(slot...)
        return IndexChunk(keys: keys.split(from: slot, reservingCapacity: capacity), histories: moved)
    }

    /// Calls `body` for the entries from `slot` on, in order, until it returns `false`; returns
    /// whether every entry was visited.
    func visit(from slot: Int, _ body: (IndexEntry) throws -> Bool) rethrows -> Bool {
        try keys.withKeys { keys in
            try histories.withUnsafeBufferPointer { histories in
                guard let base = histories.baseAddress else { return true }
                var slot = slot
                while slot < histories.count {
                    guard try body(IndexEntry(keyBytes: keys[slot], history: base + slot)) else { return false }
                    slot += 1
                }
                return true
            }
        }
    }
}

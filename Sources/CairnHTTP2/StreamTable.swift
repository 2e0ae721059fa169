/// Per-stream objects of one connection by stream id: an open-addressing hash table, remembering the latest
/// lookup.
///
/// Every call inserts, finds and removes its stream several times, so this is on the hottest path of the
/// transport; a `Dictionary` spends most of that time in SipHash. Here the slot of an id is a multiplicative
/// hash with a random odd multiplier per table (so a peer cannot choose ids that collide), collisions probe
/// linearly, and removal shifts the following entries back instead of leaving tombstones. Events come in runs
/// for one stream (nghttp2 calls back once per header field of a block, then for the frame, its data and the
/// response going out), so most lookups are answered by the latest one without probing at all.
///
/// It holds plain objects rather than being generic: a generic table used from another module (the gRPC layer)
/// ran unspecialized, looking up type metadata on every call. Owners cast what they stored back with
/// `unsafeDowncast`.
package struct StreamTable {
    package typealias Value = AnyObject

    /// Stream id per slot; 0 (the connection, never a stream's) marks an empty slot.
    private var ids: [Int32]
    private var values: [Value?]
    /// log2 of the capacity (`ids.count`, a power of two).
    private var capacityBits: Int
    private let multiplier: UInt32
    private var storedCount = 0
    /// The latest value looked up or inserted, and its id.
    private var recentID: Int32 = 0
    private var recent: Value?

    private static var minimumCapacityBits: Int { 4 }
    /// Tables up to 4,096 slots keep their capacity (64 KiB at most).
    private static var shrinkableCapacityBits: Int { 12 }

    /// An empty table.
    package init() {
        self.init(capacityBits: Self.minimumCapacityBits, multiplier: UInt32.random(in: 0...UInt32.max) | 1)
    }

    private init(capacityBits: Int, multiplier: UInt32) {
        self.capacityBits = capacityBits
        self.multiplier = multiplier
        ids = Array(repeating: 0, count: 1 << capacityBits)
        values = Array(repeating: nil, count: 1 << capacityBits)
    }

    /// How many streams have a value.
    package var count: Int { storedCount }

    /// The value of stream `id`, if any.
    package subscript(id: Int32) -> Value? {
        mutating get {
            if id == recentID { return recent }
            guard id != 0, let slot = slot(of: id) else { return nil }
            (recentID, recent) = (id, values[slot])
            return recent
        }
    }

    /// Stores `value` for stream `id` (not 0), replacing any value it had.
    package mutating func insert(_ value: Value, id: Int32) {
        precondition(id != 0, "stream 0 is the connection")
        if let slot = slot(of: id) {
            values[slot] = value
        } else {
            if (storedCount + 1) * 2 > ids.count {
                resize(capacityBits: capacityBits + 1)
            }
            var slot = home(of: id)
            while ids[slot] != 0 { slot = (slot + 1) & (ids.count - 1) }
            ids[slot] = id
            values[slot] = value
            storedCount += 1
        }
        (recentID, recent) = (id, value)
    }

    /// Removes and returns the value of stream `id`.
    package mutating func remove(_ id: Int32) -> Value? {
        if id == recentID { (recentID, recent) = (0, nil) }
        guard id != 0, var hole = slot(of: id) else { return nil }
        let removed = values[hole]
        let mask = ids.count - 1
        // Backward-shift deletion: move up every following entry of the run whose home is not between the hole
        // and its own slot, so that no lookup stops early at the hole.
        var next = (hole + 1) & mask
        while ids[next] != 0 {
            let home = home(of: ids[next])
            let staysPut = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if !staysPut {
                ids[hole] = ids[next]
                values[hole] = values[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        ids[hole] = 0
        values[hole] = nil
        storedCount -= 1
        // A connection's open streams rise and fall with every burst of calls; the table only gives memory back
        // once it has grown far beyond what any ordinary burst needs.
        if capacityBits > Self.shrinkableCapacityBits && storedCount * 16 < ids.count {
            resize(capacityBits: capacityBits - 1)
        }
        return removed
    }

    /// Removes every value and returns them in stream-id order.
    package mutating func removeAll() -> [(id: Int32, value: Value)] {
        var all: [(id: Int32, value: Value)] = []
        all.reserveCapacity(storedCount)
        for (slot, id) in ids.enumerated() where id != 0 {
            all.append((id, values[slot]!))
        }
        self = StreamTable(capacityBits: Self.minimumCapacityBits, multiplier: multiplier)
        return all.sorted { $0.id < $1.id }
    }

    private func home(of id: Int32) -> Int {
        Int((UInt32(bitPattern: id) &* multiplier) >> UInt32(32 - capacityBits))
    }

    private func slot(of id: Int32) -> Int? {
        var slot = home(of: id)
        while ids[slot] != 0 {
            if ids[slot] == id { return slot }
            slot = (slot + 1) & (ids.count - 1)
        }
        return nil
    }

    private mutating func resize(capacityBits newBits: Int) {
        var resized = StreamTable(capacityBits: newBits, multiplier: multiplier)
        for (slot, id) in ids.enumerated() where id != 0 {
            var target = resized.home(of: id)
            while resized.ids[target] != 0 { target = (target + 1) & (resized.ids.count - 1) }
            resized.ids[target] = id
            resized.values[target] = values[slot]
        }
        resized.storedCount = storedCount
        (resized.recentID, resized.recent) = (recentID, recent)
        self = resized
    }
}

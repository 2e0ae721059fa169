/// A sorted list of byte-string keys stored flat: their bytes back to back in one buffer, and per
/// key its end offset and a search head in two parallel arrays. A search reads the heads, eight
/// bytes per probe in one contiguous array, and touches key bytes only for the prefix all keys
/// share and to settle ties, so a lookup costs a handful of cache lines and no key has an
/// allocation of its own.
struct PackedKeys: Sendable {
    /// The keys' bytes, back to back in key order.
    private var bytes: [UInt8] = []
    /// `ends[i]` is where key `i` ends in `bytes`; it starts where key `i - 1` ends.
    private var ends: [UInt32] = []
    /// Each key's search head (see `head(of:after:)`): the bytes that follow `sharedPrefix` packed
    /// into a number that orders like the keys, so that a search compares numbers, not keys.
    private var heads: [UInt64] = []
    /// How many leading bytes all keys of the list have in common.
    private var sharedPrefix = 0

    init() {}

    init(reservingCapacity capacity: Int) {
        ends.reserveCapacity(capacity)
        heads.reserveCapacity(capacity)
    }

    /// Number of keys; kept here, beside the buffers, so that a search can place its first probes
    /// without waiting for a buffer's header to arrive from memory.
    private(set) var count = 0

    /// The keys' storage lent to one call: `reader[slot]` is a key's bytes, without a copy.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<UInt32>

        @inline(__always)
        subscript(slot: Int) -> UnsafeBufferPointer<UInt8> {
            let start = slot == 0 ? 0 : Int(ends[slot - 1])
            return UnsafeBufferPointer(rebasing: bytes[start..<Int(ends[slot])])
        }
    }

    @inline(__always)
    func withKeys<Result>(_ body: (Reader) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in try body(Reader(bytes: bytes, ends: ends)) }
        }
    }

    /// A copy of key `slot`.
    func key(at slot: Int) -> [UInt8] {
        withKeys { Array($0[slot]) }
    }

    /// The first slot whose key is not below `key`, and whether that slot holds `key` itself.
    /// Reads the key bytes only for the shared prefix and, when heads tie, the tied keys.
    func lowerBound(of key: UnsafeBufferPointer<UInt8>) -> (slot: Int, found: Bool) {
        let prefixLength = sharedPrefix
        return heads.withUnsafeBufferPointer { heads in
            let count = self.count
            guard count > 0 else { return (0, false) }
            // A key that leaves the shared prefix lies before or after every key of the list.
            let order = bytes.withUnsafeBufferPointer { bytes in
                Self.compareInline(
                    UnsafeBufferPointer(rebasing: key[0..<min(prefixLength, key.count)]),
                    UnsafeBufferPointer(rebasing: bytes[0..<prefixLength])
                )
            }
            if order < 0 { return (0, false) }
            if order > 0 { return (count, false) }
            let head = Self.head(of: key, after: prefixLength)
            var low = Self.firstHead(notBelow: head, in: heads, count: count)
            guard low < count, heads[low] == head else { return (low, false) }
            // Equal heads with a length code below 8 mean equal keys.
            if head & 0xff < 8 { return (low, true) }
            // Keys sharing the head: [low, tieEnd), compared in full.
            var tieEnd = low + 1
            var upper = count
            while tieEnd < upper {
                let middle = (tieEnd + upper) >> 1
                if heads[middle] == head { tieEnd = middle + 1 } else { upper = middle }
            }
            return withKeys { keys in
                var high = tieEnd
                while low < high {
                    let middle = (low + high) >> 1
                    if Self.compareInline(keys[middle], key) < 0 { low = middle + 1 } else { high = middle }
                }
                return (low, low < tieEnd && Self.compareInline(keys[low], key) == 0)
            }
        }
    }

    /// The first slot whose head is not below `head`. An eight-way search: each round reads seven
    /// evenly spaced heads, which do not depend on each other, so their cache misses overlap, and
    /// keeps the eighth of the range that holds the answer; 256 heads take two rounds and a short
    /// scan, where a binary search waits on about six misses in a row.
    @inline(__always)
    private static func firstHead(notBelow head: UInt64, in heads: UnsafeBufferPointer<UInt64>, count: Int) -> Int {
        // The answer lies in [low, high]: heads before `low` are below `head`, `heads[high]` is not.
        var low = 0
        var high = count
        while high - low > 8 {
            let step = (high - low) >> 3
            var below = 0
            for pivot in 1...7 { below &+= heads[low &+ pivot &* step] < head ? 1 : 0 }
            let newHigh = below == 7 ? high : low &+ (below &+ 1) &* step
            if below > 0 { low = low &+ below &* step &+ 1 }
            high = newHigh
        }
        while low < high && heads[low] < head { low += 1 }
        return low
    }

    /// Inserts `key` at `slot`, which must keep the list sorted.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, at slot: Int) {
        let start = slot == 0 ? 0 : Int(ends[slot - 1])
        precondition(bytes.count + key.count <= Int(UInt32.max), "a chunk's keys exceed 4 GiB")
        bytes.insert(contentsOf: key, at: start)
        ends.insert(UInt32(start + key.count), at: slot)
        let grown = UInt32(key.count)
        ends.withUnsafeMutableBufferPointer { ends in
            for later in (slot + 1)..<ends.count { ends[later] &+= grown }
        }
        heads.insert(0, at: slot)
        count += 1
        admit(slot)
    }

    /// Appends `key`, which must sort after every key of the list.
    mutating func append(_ key: UnsafeBufferPointer<UInt8>) {
        insert(key, at: count)
    }

    mutating func remove(at slot: Int) {
        let start = slot == 0 ? 0 : Int(ends[slot - 1])
        let end = Int(ends[slot])
        bytes.removeSubrange(start..<end)
        ends.remove(at: slot)
        let shrunk = UInt32(end - start)
        ends.withUnsafeMutableBufferPointer { ends in
            for later in slot..<ends.count { ends[later] &-= shrunk }
        }
        heads.remove(at: slot)
        count -= 1
        // The remaining keys still share the prefix; it only grows back when the list is rebuilt.
        if ends.isEmpty { sharedPrefix = 0 }
    }

    /// Replaces key `slot` by `key`, which must sort between its neighbours.
    mutating func replace(at slot: Int, with key: UnsafeBufferPointer<UInt8>) {
        remove(at: slot)
        insert(key, at: slot)
    }

    /// Moves the keys from `slot` on into a new list, which it returns.
    mutating func split(from slot: Int, reservingCapacity capacity: Int) -> PackedKeys {
        let start = slot == 0 ? 0 : Int(ends[slot - 1])
        var upper = PackedKeys(reservingCapacity: capacity)
        upper.bytes = Array(bytes[start...])
        for end in ends[slot...] { upper.ends.append(end - UInt32(start)) }
        upper.count = count - slot
        count = slot
        bytes.removeSubrange(start...)
        ends.removeSubrange(slot...)
        heads.removeSubrange(slot...)
        rebuildHeads()
        upper.rebuildHeads()
        return upper
    }

    /// Narrows the shared prefix to what the key at `slot`, just inserted, has in common with the
    /// others, and computes its head.
    private mutating func admit(_ slot: Int) {
        if count == 1 {
            sharedPrefix = Int(ends[0])
            heads[0] = 0
            return
        }
        let other = slot == 0 ? 1 : 0
        let limit = sharedPrefix
        let (common, head) = withKeys { keys in
            let common = Self.commonPrefixLength(keys[slot], keys[other], limit: limit)
            return (common, Self.head(of: keys[slot], after: common))
        }
        if common < sharedPrefix {
            sharedPrefix = common
            recomputeHeads()
        } else {
            heads[slot] = head
        }
    }

    /// Recomputes the shared prefix from the first and last keys (in a sorted list every key
    /// shares what those two share) and then every head.
    private mutating func rebuildHeads() {
        guard count > 0 else {
            sharedPrefix = 0
            return
        }
        let last = count - 1
        sharedPrefix = withKeys { keys in Self.commonPrefixLength(keys[0], keys[last], limit: Int.max) }
        recomputeHeads()
    }

    private mutating func recomputeHeads() {
        let prefix = sharedPrefix
        var fresh = heads
        heads = []
        fresh.removeAll(keepingCapacity: true)
        withKeys { keys in
            for slot in 0..<keys.ends.count { fresh.append(Self.head(of: keys[slot], after: prefix)) }
        }
        heads = fresh
    }

    /// `compareBytes` written out in Swift: with no call the optimizer cannot see into, a search
    /// can borrow the list's buffers instead of retaining them, which would fetch every buffer's
    /// header from memory and serialise on the atomic increments.
    @inline(__always)
    private static func compareInline(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Int {
        let shared = min(lhs.count, rhs.count)
        var index = 0
        while index < shared {
            let left = lhs[index]
            let right = rhs[index]
            if left != right { return left < right ? -1 : 1 }
            index += 1
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }

    private static func commonPrefixLength(
        _ lhs: UnsafeBufferPointer<UInt8>,
        _ rhs: UnsafeBufferPointer<UInt8>,
        limit: Int
    ) -> Int {
        let bound = min(lhs.count, rhs.count, limit)
        var length = 0
        while length < bound && lhs[length] == rhs[length] { length += 1 }
        return length
    }

    /// The search head of `key`: the seven bytes after its first `prefix` bytes, big-endian and
    /// zero-padded, then one byte holding how many bytes follow the prefix, capped at 8. Heads
    /// order like their keys; equal heads with a count below 8 belong to equal keys, so that most
    /// searches never read key bytes, and only keys longer than the prefix plus seven bytes can tie.
    @inline(__always)
    private static func head(of key: UnsafeBufferPointer<UInt8>, after prefix: Int) -> UInt64 {
        let remaining = key.count - prefix
        if remaining >= 8, let base = key.baseAddress {
            let window = UInt64(bigEndian: UnsafeRawPointer(base + prefix).loadUnaligned(as: UInt64.self))
            return window & ~0xff | 8
        }
        var head = UInt64(max(remaining, 0))
        var index = 0
        while index < remaining {
            head |= UInt64(key[prefix + index]) << (56 - 8 * index)
            index += 1
        }
        return head
    }
}

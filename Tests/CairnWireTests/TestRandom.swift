/// A seeded generator (SplitMix64) so that every random test is reproducible from its seed.
struct TestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &self) < percent
    }

    /// Zero half of the time (so that default omission is exercised), otherwise small, negative or extreme.
    mutating func int64() -> Int64 {
        switch Int.random(in: 0..<8, using: &self) {
        case 0, 1, 2, 3: return 0
        case 4: return Int64.random(in: 1...200, using: &self)
        case 5: return Int64.random(in: -5...(-1), using: &self)
        case 6: return [Int64.min, Int64.max, -1, 1 << 35][Int.random(in: 0..<4, using: &self)]
        default: return Int64(bitPattern: next())
        }
    }

    mutating func uint64() -> UInt64 {
        switch Int.random(in: 0..<5, using: &self) {
        case 0, 1: return 0
        case 2: return UInt64.random(in: 1...300, using: &self)
        case 3: return [UInt64.max, 1 << 63, (1 << 63) + 1][Int.random(in: 0..<3, using: &self)]
        default: return next()
        }
    }

    mutating func uint32() -> UInt32 {
        chance(40) ? 0 : UInt32(truncatingIfNeeded: next())
    }

    mutating func bool() -> Bool {
        chance(50)
    }

    /// Mostly short, sometimes empty, occasionally long enough for a multi-byte length prefix.
    mutating func bytes() -> [UInt8] {
        let count: Int
        switch Int.random(in: 0..<10, using: &self) {
        case 0, 1, 2: count = 0
        case 9: count = Int.random(in: 128...600, using: &self)
        default: count = Int.random(in: 1...12, using: &self)
        }
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }

    mutating func string() -> String {
        let pieces = ["a", "etcd", "http://127.0.0.1:2379", "é", "日本", "🪨", " ", "%", "\u{0}"]
        let count = chance(30) ? 0 : Int.random(in: 1...4, using: &self)
        return (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &self)] }.joined()
    }

    /// A known enum number most of the time, otherwise an unknown (possibly negative) one.
    mutating func enumRaw(known: Int32) -> Int32 {
        chance(85) ? Int32.random(in: 0..<known, using: &self) : Int32(truncatingIfNeeded: next())
    }

    mutating func count(max: Int) -> Int {
        chance(40) ? 0 : Int.random(in: 1...max, using: &self)
    }
}

extension TestRandom {
    /// A generator seeded from `name` (FNV-1a), so that each message type gets its own fixed sequence.
    init(seed: UInt64, name: String) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        self.init(seed: seed ^ hash)
    }
}

import Testing

@testable import CairnStore

/// The packed key layout: searches decided on 8-byte heads after a shared prefix must agree with
/// plain byte order, including keys whose heads tie, keys that are prefixes of others, zero bytes,
/// and prefixes that shrink as keys arrive.
@Suite struct PackedKeysTests {
    /// Keys built from a few long common stems (so that many keys tie on their heads) and short
    /// tails over an alphabet with 0x00 and 0xff.
    private func randomKey(using random: inout SeededGenerator) -> [UInt8] {
        let stems: [[UInt8]] = [
            [],
            Array("registry/pods/default/".utf8),
            Array("registry/pods/default/web-".utf8),
            Array("registry/pods/kube-system/".utf8),
            [0, 0, 0, 0, 0, 0, 0, 0, 0],
        ]
        let alphabet: [UInt8] = [0x00, 0x01, 0x2f, 0x61, 0x62, 0xff]
        var key = stems[Int.random(in: 0..<stems.count, using: &random)]
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            key.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)])
        }
        return key
    }

    /// Where `key` belongs among `sorted`, and whether it is there.
    private func expectedBound(of key: [UInt8], in sorted: [[UInt8]]) -> (Int, Bool) {
        let slot = sorted.firstIndex { !bytesLess($0, key) } ?? sorted.count
        return (slot, slot < sorted.count && sorted[slot] == key)
    }

    private func lowerBound(of key: [UInt8], in keys: PackedKeys) -> (Int, Bool) {
        key.withUnsafeBufferPointer { keys.lowerBound(of: $0) }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func lowerBoundMatchesASortedArray(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var keys = PackedKeys()
        var sorted: [[UInt8]] = []
        for step in 0..<1_200 {
            let key = randomKey(using: &random)
            let (slot, found) = expectedBound(of: key, in: sorted)
            #expect(lowerBound(of: key, in: keys) == (slot, found))
            if found {
                if Int.random(in: 0..<2, using: &random) == 0 {
                    keys.remove(at: slot)
                    sorted.remove(at: slot)
                }
            } else {
                key.withUnsafeBufferPointer { keys.insert($0, at: slot) }
                sorted.insert(key, at: slot)
            }
            if step % 100 == 99 {
                #expect(keys.count == sorted.count)
                for (index, key) in sorted.enumerated() {
                    #expect(keys.key(at: index) == key)
                    #expect(lowerBound(of: key, in: keys) == (index, true))
                }
                for _ in 0..<200 {
                    let probe = randomKey(using: &random)
                    let (slot, found) = expectedBound(of: probe, in: sorted)
                    #expect(lowerBound(of: probe, in: keys) == (slot, found))
                }
            }
        }
    }

    @Test func splitKeepsBothHalvesSearchable() {
        var keys = PackedKeys()
        let all = (0..<300).map { Array("key/".utf8) + Array(String(1000 + $0).utf8) }
        for key in all { key.withUnsafeBufferPointer { keys.append($0) } }
        let upper = keys.split(from: 120, reservingCapacity: 256)
        #expect(keys.count == 120)
        #expect(upper.count == 180)
        for (index, key) in all.enumerated() {
            if index < 120 {
                #expect(lowerBound(of: key, in: keys) == (index, true))
                #expect(lowerBound(of: key, in: upper) == (0, false))
            } else {
                #expect(lowerBound(of: key, in: upper) == (index - 120, true))
                #expect(lowerBound(of: key, in: keys) == (120, false))
            }
        }
        #expect(lowerBound(of: Array("key/".utf8), in: upper) == (0, false))
        #expect(lowerBound(of: Array("kez".utf8), in: upper) == (180, false))
        #expect(lowerBound(of: [], in: keys) == (0, false))
    }

    /// The whole index over keys with long shared stems, across many chunk splits and removals.
    @Test func indexWithLongKeysMatchesASortedArray() {
        var random = SeededGenerator(seed: 7)
        var index = OrderedKeyIndex()
        var reference: [[UInt8]: Int64] = [:]
        for step in 0..<6_000 {
            let key = randomKey(using: &random)
            if Int.random(in: 0..<4, using: &random) == 0 {
                index.update(key) { $0 = nil }
                reference[key] = nil
            } else {
                let version = KeyVersion(
                    modRevision: Int64(step + 1), createRevision: 1, version: 1, lease: 0, value: [], subIndex: 0)
                index.update(key) { $0 = .single(version) }
                reference[key] = Int64(step + 1)
            }
        }
        let sorted = reference.keys.sorted(by: bytesLess)
        var scanned: [[UInt8]] = []
        index.forEach { scanned.append($0.key) }
        #expect(scanned == sorted)
        for key in sorted {
            #expect(index.history(for: key)?.latestRevision == reference[key])
        }
        for _ in 0..<300 {
            let lower = randomKey(using: &random)
            let upper = randomKey(using: &random)
            var found: [[UInt8]] = []
            index.scan(from: lower, below: upper) { entry in
                found.append(entry.key)
                return true
            }
            #expect(found == sorted.filter { !bytesLess($0, lower) && bytesLess($0, upper) })
            let probe = randomKey(using: &random)
            #expect((index.history(for: probe) != nil) == (reference[probe] != nil))
        }
    }
}

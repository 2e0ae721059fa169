import Testing

@testable import CairnStore

@Suite struct OrderedKeyIndexTests {
    private func history(_ revision: Int64, tombstone: Bool = false) -> KeyHistory {
        .single(
            tombstone
                ? .tombstone(revision: revision, subIndex: 0)
                : KeyVersion(
                    modRevision: revision, createRevision: revision, version: 1, lease: 0, value: [1], subIndex: 0)
        )
    }

    /// Random inserts, in-place updates and removals across many chunk splits and merges, checked
    /// against a sorted array after every batch: point lookups, scans from random bounds, and order.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func matchesASortedArray(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var index = OrderedKeyIndex()
        var reference: [[UInt8]: Int64] = [:]
        for round in 0..<12 {
            for step in 0..<1_500 {
                let key = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                    UInt8.random(in: 0...40, using: &random)
                }
                let revision = Int64(round * 10_000 + step)
                if Int.random(in: 0..<3, using: &random) == 0 {
                    index.update(key) { $0 = nil }
                    reference[key] = nil
                } else {
                    index.update(key) { existing in
                        if existing == nil {
                            existing = history(revision)
                        } else {
                            existing!.append(history(revision).latest)
                        }
                    }
                    reference[key] = revision
                }
            }
            let sorted = reference.keys.sorted(by: bytesLess)
            #expect(index.count == sorted.count)
            var all: [[UInt8]] = []
            index.forEach { all.append($0.key) }
            #expect(all == sorted)
            for key in sorted.prefix(200) {
                #expect(index.history(for: key)?.latest.modRevision == reference[key])
            }
            for _ in 0..<50 {
                let lower = [UInt8.random(in: 0...40, using: &random)]
                let upper = [UInt8.random(in: 0...41, using: &random)]
                var scanned: [[UInt8]] = []
                index.scan(from: lower, below: upper) { entry in
                    scanned.append(entry.key)
                    return true
                }
                #expect(scanned == sorted.filter { !bytesLess($0, lower) && bytesLess($0, upper) })
            }
        }
    }

    @Test func compactionDropsHistoryAndDeletedKeys() {
        var index = OrderedKeyIndex()
        for key in 0..<600 {
            index.update([UInt8(key / 256), UInt8(key % 256)]) { $0 = history(2) }
        }
        for key in stride(from: 0, to: 600, by: 2) {
            index.update([UInt8(key / 256), UInt8(key % 256)]) { $0!.append(history(3, tombstone: true).latest) }
        }
        index.compact(at: 3)
        // The tombstones at exactly the compact revision stay (a watcher from 3 needs them).
        #expect(index.count == 600)
        index.compact(at: 4)
        #expect(index.count == 300)
        var keys: [[UInt8]] = []
        index.forEach { keys.append($0.key) }
        let odd: [[UInt8]] = stride(from: 1, to: 600, by: 2).map { (key: Int) -> [UInt8] in
            [UInt8(key / 256), UInt8(key % 256)]
        }
        #expect(keys == odd)
        #expect(index.history(for: [0, 0]) == nil)
        #expect(index.history(for: [0, 1])?.count == 1)
    }

    @Test func unsignedByteOrder() {
        #expect(bytesLess([0x7f], [0x80]))
        #expect(bytesLess([0x01], [0x01, 0x00]))
        #expect(!bytesLess([0xff], [0x00, 0xff]))
        #expect(compareBytes([], []) == 0)
    }
}

import CairnStore
import CairnWAL
import CairnWire

/// CRC-32C digests of the store's MVCC state, for Maintenance Hash and HashKV: two stores that applied the same
/// history report the same values, whatever their files look like.
package struct StateHasher: Sendable {
    let store: any KeyValueBackend

    package init(store: any KeyValueBackend) {
        self.store = store
    }

    /// The digest of every key alive at `revision` (each with its revisions, version, value and lease),
    /// seeded with the compact revision. Throws the compacted / future-revision errors of a Range.
    package func keyValueHash(at revision: Int64) throws -> UInt32 {
        let everything = RangeRequest(key: [0], rangeEnd: [0], revision: revision)
        var crc = CRC32C.update(0, integer: store.compactRevision)
        for kv in try store.range(everything).kvs {
            crc = Self.update(crc, bytes: kv.key)
            for number in [kv.createRevision, kv.modRevision, kv.version, kv.lease] {
                crc = CRC32C.update(crc, integer: number)
            }
            crc = Self.update(crc, bytes: kv.value)
        }
        return crc
    }

    /// The key-value digest at the current revision extended with the live lease ids: the whole state.
    package func fullHash() throws -> UInt32 {
        var crc = try keyValueHash(at: 0)
        for lease in store.leaseList().sorted() {
            crc = CRC32C.update(crc, integer: lease)
        }
        return crc
    }

    /// Length-prefixed, so that adjacent fields cannot trade bytes without changing the digest.
    private static func update(_ crc: UInt32, bytes: [UInt8]) -> UInt32 {
        CRC32C.update(CRC32C.update(crc, integer: Int64(bytes.count)), bytes)
    }
}

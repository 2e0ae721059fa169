/// The snapshot payload: the whole engine state (every key with its retained history, the
/// revision, the compact revision and the leases), streamed out in pieces.
enum SnapshotCodec {
    private static let formatVersion: UInt8 = 1
    private static let pieceSize = 1 << 20

    /// What a snapshot holds, taken from the engine under the store's lock (an O(1) copy).
    struct State: Sendable {
        var index: OrderedKeyIndex
        var revision: Int64
        var compactRevision: Int64
        var leases: [(id: Int64, ttl: Int64)]
    }

    /// Encodes `state`, handing out pieces of about 1 MiB to `emit`.
    static func encode(_ state: State, emit: ([UInt8]) throws -> Void) throws {
        var encoder = ByteEncoder()
        encoder.bytes.reserveCapacity(pieceSize + 4096)
        encoder.append(formatVersion)
        encoder.append(state.revision)
        encoder.append(state.compactRevision)
        encoder.append(UInt32(state.leases.count))
        for lease in state.leases {
            encoder.append(lease.id)
            encoder.append(lease.ttl)
        }
        encoder.append(Int64(state.index.count))
        try state.index.forEach { entry in
            encoder.append(bytes: entry.keyBytes)
            let versions = entry.history.versions
            encoder.append(UInt32(versions.count))
            for version in versions {
                encoder.append(version.modRevision)
                encoder.append(version.subIndex)
                encoder.append(version.createRevision)
                encoder.append(version.version)
                encoder.append(version.lease)
                encoder.append(bytes: version.value)
            }
            if encoder.bytes.count >= pieceSize {
                try emit(encoder.bytes)
                encoder.bytes.removeAll(keepingCapacity: true)
            }
        }
        if !encoder.bytes.isEmpty { try emit(encoder.bytes) }
    }

    private static func decodeVersion(_ decoder: inout ByteDecoder) throws(StoreError) -> KeyVersion {
        let modRevision = try decoder.int64()
        let subIndex = try decoder.int32()
        let createRevision = try decoder.int64()
        let version = try decoder.int64()
        let lease = try decoder.int64()
        let value = try decoder.byteString()
        return KeyVersion(
            modRevision: modRevision,
            createRevision: createRevision,
            version: version,
            lease: lease,
            value: value,
            subIndex: subIndex
        )
    }

    /// Decodes a payload in place: keys go from it straight into the index, and only values are
    /// copied out (each into the array a version keeps).
    static func decode(_ payload: UnsafeRawBufferPointer) throws(StoreError) -> State {
        var decoder = ByteDecoder(payload)
        let format = try decoder.uint8()
        guard format == formatVersion else { throw .corruptState("unknown snapshot format \(format)") }
        let revision = try decoder.int64()
        let compactRevision = try decoder.int64()
        let leaseCount = try decoder.uint32()
        var leases: [(id: Int64, ttl: Int64)] = []
        for _ in 0..<leaseCount { leases.append((try decoder.int64(), try decoder.int64())) }
        let keyCount = try decoder.int64()
        guard keyCount >= 0 else { throw .corruptState("negative key count in a snapshot") }
        var index = OrderedKeyIndex()
        for _ in 0..<keyCount {
            let key = try decoder.borrowedByteString()
            let versionCount = try decoder.uint32()
            guard versionCount > 0 else { throw .corruptState("a key without versions in a snapshot") }
            let history: KeyHistory
            if versionCount == 1 {
                history = .single(try decodeVersion(&decoder))
            } else {
                var versions: [KeyVersion] = []
                versions.reserveCapacity(Int(versionCount))
                for _ in 0..<versionCount { versions.append(try decodeVersion(&decoder)) }
                history = .multiple(versions)
            }
            guard index.appendSorted(key, history: history) else { throw .corruptState("snapshot keys out of order") }
        }
        guard decoder.isAtEnd else { throw .corruptState("trailing bytes after a snapshot") }
        return State(
            index: index,
            revision: revision,
            compactRevision: compactRevision,
            leases: leases
        )
    }
}

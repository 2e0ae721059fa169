/// The payload of one write-ahead log record: the revision it took (0 when it took none) and the
/// mutations applied, in order.
struct LogRecord: Sendable, Equatable {
    var revision: Int64
    var mutations: [StoreMutation]

    private enum Tag: UInt8 {
        case put = 1
        case delete = 2
        case leaseGrant = 3
        case leaseRevoke = 4
        case compact = 5
    }

    func encoded() -> [UInt8] {
        var encoder = ByteEncoder()
        encoder.append(revision)
        encoder.append(UInt32(mutations.count))
        for mutation in mutations {
            switch mutation {
            case .put(let key, let value, let lease):
                encoder.append(Tag.put.rawValue)
                encoder.append(bytes: key)
                encoder.append(bytes: value)
                encoder.append(lease)
            case .delete(let key):
                encoder.append(Tag.delete.rawValue)
                encoder.append(bytes: key)
            case .leaseGrant(let id, let ttl):
                encoder.append(Tag.leaseGrant.rawValue)
                encoder.append(id)
                encoder.append(ttl)
            case .leaseRevoke(let id):
                encoder.append(Tag.leaseRevoke.rawValue)
                encoder.append(id)
            case .compact(let revision):
                encoder.append(Tag.compact.rawValue)
                encoder.append(revision)
            }
        }
        return encoder.bytes
    }

    init(revision: Int64, mutations: [StoreMutation]) {
        self.revision = revision
        self.mutations = mutations
    }

    init(decoding bytes: [UInt8]) throws(StoreError) {
        self = try bytes.withUnsafeBytes { raw in Result { () throws(StoreError) in try Self(decoding: raw) } }.get()
    }

    private init(decoding bytes: UnsafeRawBufferPointer) throws(StoreError) {
        var decoder = ByteDecoder(bytes)
        revision = try decoder.int64()
        let count = try decoder.uint32()
        mutations = []
        for _ in 0..<count {
            let raw = try decoder.uint8()
            switch Tag(rawValue: raw) {
            case .put:
                mutations.append(
                    .put(key: try decoder.byteString(), value: try decoder.byteString(), lease: try decoder.int64())
                )
            case .delete:
                mutations.append(.delete(key: try decoder.byteString()))
            case .leaseGrant:
                mutations.append(.leaseGrant(id: try decoder.int64(), ttl: try decoder.int64()))
            case .leaseRevoke:
                mutations.append(.leaseRevoke(id: try decoder.int64()))
            case .compact:
                mutations.append(.compact(revision: try decoder.int64()))
            case nil:
                throw .corruptState("unknown mutation tag \(raw) in a log record")
            }
        }
        guard decoder.isAtEnd else { throw .corruptState("trailing bytes after a log record") }
    }
}

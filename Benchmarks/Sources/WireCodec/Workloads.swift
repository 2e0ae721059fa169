import CairnWire

/// The three messages the benchmark encodes and decodes, built once.
enum Workloads {
    static let value100 = [UInt8]((0..<100).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    static let header = ResponseHeader(
        clusterID: 14_841_639_068_965_178_418,
        memberID: 10_276_657_743_932_975_437,
        revision: 123_456,
        raftTerm: 2
    )

    static func key(_ index: Int) -> [UInt8] {
        Array("/registry/pods/default/web-\(index)".utf8)
    }

    /// A typical write: a 30-byte key, a 100-byte value, a lease and prev_kv.
    static let put = PutRequest(key: key(0), value: value100, lease: 7_587_862_345, prevKv: true)

    /// A range answer with 100 KeyValues of 100-byte values.
    static let range = RangeResponse(
        header: header,
        kvs: (0..<100).map { index in
            KeyValue(
                key: key(index),
                createRevision: Int64(1000 + index),
                modRevision: Int64(120_000 + index),
                version: Int64(index % 7 + 1),
                value: value100,
                lease: index % 3 == 0 ? 7_587_862_345 : 0
            )
        },
        count: 100
    )

    /// A watch notification with 100 events (puts and deletes, 100-byte values).
    static let watch = WatchResponse(
        header: header,
        watchID: 1,
        events: (0..<100).map { index in
            index % 4 == 3
                ? Event(type: .delete, kv: KeyValue(key: key(index), modRevision: Int64(123_357 + index)))
                : Event(
                    kv: KeyValue(
                        key: key(index),
                        createRevision: Int64(1000 + index),
                        modRevision: Int64(123_357 + index),
                        version: 2,
                        value: value100
                    )
                )
        }
    )
}

import CairnWire

/// Golden vectors for the common messages and the KV service.
enum GoldenVectorsKV {
    static let large = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    static let allBytes = (0...255).map { UInt8($0) }

    static let sets: [GoldenSet] = [
        GoldenSet(
            "etcdserverpb.ResponseHeader",
            [
                (ResponseHeader(), ""),
                (
                    ResponseHeader(clusterID: 1, memberID: 2, revision: 3, raftTerm: 4),
                    "cluster_id: 1 member_id: 2 revision: 3 raft_term: 4"
                ),
                (
                    ResponseHeader(clusterID: .max, memberID: 1 << 63, revision: .min, raftTerm: 1),
                    "cluster_id: 18446744073709551615 member_id: 9223372036854775808 revision: -9223372036854775808 raft_term: 1"
                ),
                (ResponseHeader(revision: -1), "revision: -1"),
            ]
        ),
        GoldenSet(
            "mvccpb.KeyValue",
            [
                (KeyValue(), ""),
                (
                    KeyValue(
                        key: b("foo"), createRevision: 2, modRevision: 5, version: 3, value: b("bar"), lease: 7587),
                    #"key: "foo" create_revision: 2 mod_revision: 5 version: 3 value: "bar" lease: 7587"#
                ),
                (KeyValue(key: allBytes, value: large), "key: \(textBytes(allBytes)) value: \(textBytes(large))"),
                (KeyValue(key: [0], lease: -7), #"key: "\000" lease: -7"#),
            ]
        ),
        GoldenSet(
            "mvccpb.Event",
            [
                (Event(), ""),
                (
                    Event(type: .delete, kv: KeyValue(key: b("a"), modRevision: 6)),
                    #"type: DELETE kv { key: "a" mod_revision: 6 }"#
                ),
                (Event(kv: KeyValue(), prevKv: KeyValue(key: b("p"))), #"kv { } prev_kv { key: "p" }"#),
                (Event(type: .init(rawValue: 9)), "type: 9"),
            ]
        ),
        GoldenSet(
            "etcdserverpb.RangeRequest",
            [
                (RangeRequest(), ""),
                (RangeRequest(key: b("a"), rangeEnd: b("b"), limit: 10), #"key: "a" range_end: "b" limit: 10"#),
                (
                    RangeRequest(
                        key: b("k"),
                        rangeEnd: [0],
                        limit: -1,
                        revision: .max,
                        sortOrder: .descend,
                        sortTarget: .mod,
                        serializable: true,
                        keysOnly: true,
                        countOnly: true,
                        minModRevision: 1,
                        maxModRevision: 2,
                        minCreateRevision: 3,
                        maxCreateRevision: .min
                    ),
                    #"""
                    key: "k" range_end: "\000" limit: -1 revision: 9223372036854775807 sort_order: DESCEND
                    sort_target: MOD serializable: true keys_only: true count_only: true min_mod_revision: 1
                    max_mod_revision: 2 min_create_revision: 3 max_create_revision: -9223372036854775808
                    """#
                ),
                (
                    RangeRequest(sortOrder: .init(rawValue: -3), sortTarget: .value),
                    "sort_order: -3 sort_target: VALUE"
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.RangeResponse",
            [
                (RangeResponse(), ""),
                (RangeResponse(header: ResponseHeader()), "header { }"),
                (
                    RangeResponse(
                        header: ResponseHeader(clusterID: 1, memberID: 2, revision: 3, raftTerm: 2),
                        kvs: [
                            KeyValue(key: b("foo"), createRevision: 2, modRevision: 2, version: 1, value: b("bar")),
                            KeyValue(),
                            KeyValue(key: b("z")),
                        ],
                        more: true,
                        count: 3
                    ),
                    #"""
                    header { cluster_id: 1 member_id: 2 revision: 3 raft_term: 2 }
                    kvs { key: "foo" create_revision: 2 mod_revision: 2 version: 1 value: "bar" }
                    kvs { } kvs { key: "z" } more: true count: 3
                    """#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.PutRequest",
            [
                (PutRequest(), ""),
                (PutRequest(key: b("foo"), value: b("bar")), #"key: "foo" value: "bar""#),
                (
                    PutRequest(
                        key: b("k"), value: large, lease: -5, prevKv: true, ignoreValue: true, ignoreLease: true),
                    #"key: "k" value: \#(textBytes(large)) lease: -5 prev_kv: true ignore_value: true ignore_lease: true"#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.PutResponse",
            [
                (PutResponse(), ""),
                (
                    PutResponse(header: ResponseHeader(revision: 9), prevKv: KeyValue(key: b("k"), version: 4)),
                    #"header { revision: 9 } prev_kv { key: "k" version: 4 }"#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.DeleteRangeRequest",
            [
                (DeleteRangeRequest(), ""),
                (
                    DeleteRangeRequest(key: b("fo"), rangeEnd: b("fp"), prevKv: true),
                    #"key: "fo" range_end: "fp" prev_kv: true"#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.DeleteRangeResponse",
            [
                (DeleteRangeResponse(), ""),
                (
                    DeleteRangeResponse(
                        header: ResponseHeader(revision: 4),
                        deleted: 2,
                        prevKvs: [KeyValue(key: b("a")), KeyValue(key: b("b"), lease: 1)]
                    ),
                    #"header { revision: 4 } deleted: 2 prev_kvs { key: "a" } prev_kvs { key: "b" lease: 1 }"#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.RequestOp",
            [
                (RequestOp(), ""),
                (RequestOp(request: .range(RangeRequest())), "request_range { }"),
                (RequestOp(request: .put(PutRequest(key: b("k")))), #"request_put { key: "k" }"#),
                (RequestOp(request: .deleteRange(DeleteRangeRequest())), "request_delete_range { }"),
                (
                    RequestOp(request: .txn(TxnRequest(success: [RequestOp(request: .txn(TxnRequest()))]))),
                    "request_txn { success { request_txn { } } }"
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.ResponseOp",
            [
                (ResponseOp(), ""),
                (ResponseOp(response: .range(RangeResponse(count: 1))), "response_range { count: 1 }"),
                (ResponseOp(response: .put(PutResponse())), "response_put { }"),
                (
                    ResponseOp(response: .deleteRange(DeleteRangeResponse(deleted: 1))),
                    "response_delete_range { deleted: 1 }"
                ),
                (ResponseOp(response: .txn(TxnResponse(succeeded: true))), "response_txn { succeeded: true }"),
            ]
        ),
        GoldenSet(
            "etcdserverpb.Compare",
            [
                (Compare(), ""),
                (
                    Compare(result: .equal, target: .mod, key: b("k1"), targetUnion: .modRevision(0)),
                    #"result: EQUAL target: MOD key: "k1" mod_revision: 0"#
                ),
                (
                    Compare(
                        result: .greater, target: .version, key: b("a"), targetUnion: .version(0), rangeEnd: b("b")),
                    #"result: GREATER target: VERSION key: "a" version: 0 range_end: "b""#
                ),
                (Compare(targetUnion: .createRevision(-1)), "create_revision: -1"),
                (Compare(target: .value, targetUnion: .value([])), #"target: VALUE value: """#),
                (
                    Compare(result: .notEqual, target: .lease, targetUnion: .lease(0)),
                    "result: NOT_EQUAL target: LEASE lease: 0"
                ),
                (Compare(result: .less, targetUnion: .value(b("x"))), #"result: LESS value: "x""#),
            ]
        ),
        GoldenSet(
            "etcdserverpb.TxnRequest",
            [
                (TxnRequest(), ""),
                (
                    TxnRequest(
                        compare: [Compare(result: .equal, target: .mod, key: b("k1"), targetUnion: .modRevision(0))],
                        success: [
                            RequestOp(request: .put(PutRequest(key: b("k1"), value: b("created")))),
                            RequestOp(request: .range(RangeRequest(key: b("k1")))),
                        ],
                        failure: [RequestOp(request: .range(RangeRequest(key: b("k1")))), RequestOp()]
                    ),
                    #"""
                    compare { result: EQUAL target: MOD key: "k1" mod_revision: 0 }
                    success { request_put { key: "k1" value: "created" } }
                    success { request_range { key: "k1" } }
                    failure { request_range { key: "k1" } } failure { }
                    """#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.TxnResponse",
            [
                (TxnResponse(), ""),
                (
                    TxnResponse(
                        header: ResponseHeader(revision: 5),
                        succeeded: true,
                        responses: [
                            ResponseOp(response: .put(PutResponse(header: ResponseHeader(revision: 5)))),
                            ResponseOp(response: .range(RangeResponse(kvs: [KeyValue(key: b("k1"))], count: 1))),
                        ]
                    ),
                    #"""
                    header { revision: 5 } succeeded: true
                    responses { response_put { header { revision: 5 } } }
                    responses { response_range { kvs { key: "k1" } count: 1 } }
                    """#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.CompactionRequest",
            [
                (CompactionRequest(), ""),
                (CompactionRequest(revision: 42, physical: true), "revision: 42 physical: true"),
            ]
        ),
        GoldenSet(
            "etcdserverpb.CompactionResponse",
            [
                (CompactionResponse(), ""),
                (CompactionResponse(header: ResponseHeader(raftTerm: 2)), "header { raft_term: 2 }"),
            ]
        ),
    ]
}

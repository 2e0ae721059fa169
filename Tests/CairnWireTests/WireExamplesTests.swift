import CairnWire
import NIOCore
import Testing

/// The worked examples of protobuf-wire.md §4, byte for byte in both directions.
@Suite struct WireExamplesTests {
    /// Encodes `value`, compares with `hexBytes`, and decodes `hexBytes` back to `value`.
    private func check<M: WireMessage>(
        _ value: M, _ hexBytes: String, sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let expected = hex(hexBytes)
        #expect(value.encodedBytes() == expected, sourceLocation: sourceLocation)
        #expect(try M(decoding: expected) == value, sourceLocation: sourceLocation)
    }

    private let modCompare = Compare(result: .equal, target: .mod, key: b("k1"), targetUnion: .modRevision(0))

    @Test func requests() throws {
        try check(PutRequest(key: b("foo"), value: b("bar")), "0a 03 66 6f 6f 12 03 62 61 72")
        try check(RangeRequest(key: b("a"), rangeEnd: b("b"), limit: 10), "0a 01 61 12 01 62 18 0a")
        try check(RangeRequest(key: [0], rangeEnd: [0]), "0a 01 00 12 01 00")
        try check(RangeRequest(key: b("a"), rangeEnd: [0], keysOnly: true), "0a 01 61 12 01 00 40 01")
        try check(RangeRequest(key: b("foo"), serializable: true), "0a 03 66 6f 6f 38 01")
        try check(
            RangeRequest(key: b("k"), rangeEnd: b("l"), sortOrder: .descend, sortTarget: .mod),
            "0a 01 6b 12 01 6c 28 02 30 03"
        )
        try check(RangeRequest(key: b("a"), revision: -1), "0a 01 61 20 ff ff ff ff ff ff ff ff ff 01")
        try check(PutRequest(key: b("k"), lease: 7587, prevKv: true), "0a 01 6b 18 a3 3b 20 01")
        try check(DeleteRangeRequest(key: b("fo"), rangeEnd: b("fp"), prevKv: true), "0a 02 66 6f 12 02 66 70 18 01")
        try check(LeaseGrantRequest(ttl: 100), "08 64")
        try check(LeaseKeepAliveRequest(id: 0x1234), "08 b4 24")
        try check(StatusRequest(), "")
        try check(LeaseLeasesRequest(), "")
        try check(MemberListRequest(), "")
    }

    @Test func responses() throws {
        try check(ResponseHeader(clusterID: 1, memberID: 2, revision: 3, raftTerm: 4), "08 01 10 02 18 03 20 04")
        try check(
            KeyValue(key: b("foo"), createRevision: 2, modRevision: 5, version: 3, value: b("bar")),
            "0a 03 66 6f 6f 10 02 18 05 20 03 2a 03 62 61 72"
        )
        try check(
            RangeResponse(
                header: ResponseHeader(clusterID: 1, memberID: 2, revision: 3, raftTerm: 2),
                kvs: [KeyValue(key: b("foo"), createRevision: 2, modRevision: 2, version: 1, value: b("bar"))],
                count: 1
            ),
            "0a 08 08 01 10 02 18 03 20 02 12 10 0a 03 66 6f 6f 10 02 18 02 20 01 2a 03 62 61 72 20 01"
        )
        try check(
            LeaseGrantResponse(header: ResponseHeader(revision: 1), id: 7587, ttl: 60),
            "0a 02 18 01 10 a3 3b 18 3c"
        )
    }

    @Test func compareAndTxn() throws {
        try check(modCompare, "10 02 1a 02 6b 31 30 00")
        try check(
            Compare(result: .greater, target: .version, key: b("a"), targetUnion: .version(0), rangeEnd: b("b")),
            "08 01 1a 01 61 20 00 82 04 01 62"
        )
        try check(
            TxnRequest(
                compare: [modCompare],
                success: [RequestOp(request: .put(PutRequest(key: b("k1"), value: b("v"))))],
                failure: [RequestOp(request: .range(RangeRequest(key: b("k1"))))]
            ),
            "0a 08 10 02 1a 02 6b 31 30 00 12 09 12 07 0a 02 6b 31 12 01 76 1a 06 0a 04 0a 02 6b 31"
        )
        try check(
            TxnResponse(
                header: ResponseHeader(revision: 5),
                succeeded: true,
                responses: [ResponseOp(response: .put(PutResponse(header: ResponseHeader(revision: 5))))]
            ),
            "0a 02 18 05 10 01 1a 06 12 04 0a 02 18 05"
        )
        try check(
            TxnRequest(
                compare: [modCompare],
                success: [
                    RequestOp(request: .put(PutRequest(key: b("k1"), value: b("created")))),
                    RequestOp(request: .range(RangeRequest(key: b("k1")))),
                ],
                failure: [RequestOp(request: .range(RangeRequest(key: b("k1"))))]
            ),
            """
            0a 08 10 02 1a 02 6b 31 30 00 12 0f 12 0d 0a 02 6b 31 12 07 63 72 65 61 74 65 64
            12 06 0a 04 0a 02 6b 31 1a 06 0a 04 0a 02 6b 31
            """
        )
    }

    @Test func watch() throws {
        try check(
            WatchRequest(requestUnion: .createRequest(WatchCreateRequest(key: b("w"), rangeEnd: b("x"), prevKv: true))),
            "0a 08 0a 01 77 12 01 78 30 01"
        )
        try check(
            WatchRequest(requestUnion: .createRequest(WatchCreateRequest(key: b("p/a"), startRevision: 20))),
            "0a 07 0a 03 70 2f 61 18 14"
        )
        try check(
            WatchRequest(requestUnion: .createRequest(WatchCreateRequest(key: b("a"), filters: [.noPut, .noDelete]))),
            "0a 07 0a 01 61 2a 02 00 01"
        )
        try check(WatchRequest(requestUnion: .cancelRequest(WatchCancelRequest(watchID: 0))), "12 00")
        try check(WatchRequest(requestUnion: .progressRequest(WatchProgressRequest())), "1a 00")
        try check(WatchResponse(header: ResponseHeader(revision: 4), watchID: 0, created: true), "0a 02 18 04 18 01")
        try check(
            WatchResponse(
                header: ResponseHeader(revision: 5),
                watchID: 1,
                events: [Event(kv: KeyValue(key: b("a"), createRevision: 5, modRevision: 5, version: 1, value: b("1")))]
            ),
            "0a 02 18 05 10 01 5a 0e 12 0c 0a 01 61 10 05 18 05 20 01 2a 01 31"
        )
        try check(
            WatchResponse(
                header: ResponseHeader(revision: 6),
                events: [Event(type: .delete, kv: KeyValue(key: b("a"), modRevision: 6))]
            ),
            "0a 02 18 06 5a 09 08 01 12 05 0a 01 61 18 06"
        )
        try check(WatchResponse(watchID: -1), "10 ff ff ff ff ff ff ff ff ff 01")
    }

    @Test func framedPutRequest() {
        var buffer = ByteBuffer()
        GRPCFramer.frame(PutRequest(key: b("foo"), value: b("bar")), into: &buffer)
        #expect(Array(buffer.readableBytesView) == hex("00 00 00 00 0a 0a 03 66 6f 6f 12 03 62 61 72"))
        var empty = ByteBuffer()
        GRPCFramer.frame(StatusRequest(), into: &empty)
        #expect(Array(empty.readableBytesView) == hex("00 00 00 00 00"))
    }
}

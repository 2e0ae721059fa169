import CairnWire
import NIOCore
import Testing

/// The decoder rules of protobuf-wire.md §3: occurrence rules, unknown fields, open enums.
@Suite struct DecodingRulesTests {
    @Test func lastScalarOccurrenceWins() throws {
        #expect(try RangeRequest(decoding: hex("0a 01 61 18 0a 18 05")) == RangeRequest(key: b("a"), limit: 5))
        #expect(try PutRequest(decoding: hex("0a 01 61 0a 01 62")) == PutRequest(key: b("b")))
    }

    @Test func repeatedMessageFieldsMerge() throws {
        let response = try RangeResponse(decoding: hex("0a 02 08 03 0a 02 20 05"))
        #expect(response.header == ResponseHeader(clusterID: 3, raftTerm: 5))
        let event = try Event(decoding: hex("12 03 0a 01 61 12 02 10 07"))
        #expect(event.kv == KeyValue(key: b("a"), createRevision: 7))
        let op = try RequestOp(decoding: hex("0a 03 0a 01 61 0a 02 18 02"))
        #expect(op.request == .range(RangeRequest(key: b("a"), limit: 2)))
        let nested = try TxnRequest(decoding: hex("12 02 0a 00 12 00"))
        #expect(nested.success == [RequestOp(request: .range(RangeRequest())), RequestOp()])
    }

    @Test func oneofRemembersMemberAndLastOneWins() throws {
        #expect(try Compare(decoding: hex("30 00")).targetUnion == .modRevision(0))
        #expect(try Compare(decoding: hex("3a 00")).targetUnion == .value([]))
        #expect(try Compare(decoding: hex("20 05 30 07")).targetUnion == .modRevision(7))
        let switched = try RequestOp(decoding: hex("0a 03 0a 01 61 12 03 0a 01 62"))
        #expect(switched.request == .put(PutRequest(key: b("b"))))
        #expect(try WatchRequest(decoding: hex("0a 00 1a 00")).requestUnion == .progressRequest(WatchProgressRequest()))
        #expect(try WatchRequest(decoding: hex("")).requestUnion == nil)
    }

    @Test func packedAndUnpackedRepeatedEnumsMix() throws {
        let request = try WatchCreateRequest(decoding: hex("28 00 2a 02 01 00 28 01"))
        #expect(request.filters == [.noPut, .noDelete, .noPut, .noDelete])
        #expect(try WatchCreateRequest(decoding: hex("2a 00")).filters == [])
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        let unknown = hex(
            """
            f8 01 96 01
            79 01 02 03 04 05 06 07 08
            7a 03 aa bb cc
            7d 01 02 03 04
            7b 08 01 83 01 84 01 7c
            """
        )
        let request = try RangeRequest(decoding: unknown + hex("0a 01 61") + unknown + hex("18 02"))
        #expect(request == RangeRequest(key: b("a"), limit: 2))
        #expect(try MemberListRequest(decoding: hex("08 01")).linearizable)
        #expect(try StatusRequest(decoding: hex("08 01 12 01 00")) == StatusRequest())
        #expect(try StatusResponse(decoding: hex("5a 01 78 60 05 6a 02 08 01")) == StatusResponse())
    }

    @Test func openEnumsAndBooleans() throws {
        let request = try RangeRequest(decoding: hex("28 63 30 ff ff ff ff ff ff ff ff ff 01 38 02"))
        #expect(request.sortOrder.rawValue == 99)
        #expect(request.sortTarget.rawValue == -1)
        #expect(request.serializable)
        #expect(request.encodedBytes() == hex("28 63 30 ff ff ff ff ff ff ff ff ff 01 38 01"))
    }

    @Test func redundantVarintEncodingsAreAccepted() throws {
        #expect(try RangeRequest(decoding: hex("18 80 00")).limit == 0)
        #expect(try RangeRequest(decoding: hex("18 81 80 80 80 80 80 80 80 80 00")).limit == 1)
        #expect(try ResponseHeader(decoding: hex("08 ff ff ff ff ff ff ff ff ff 01")).clusterID == .max)
        #expect(try HashResponse(decoding: hex("10 ff ff ff ff 1f")).hash == .max)
    }

    @Test func decodesOnlyTheReadableBytes() throws {
        var buffer = ByteBuffer(bytes: hex("ff ff 0a 01 61"))
        buffer.moveReaderIndex(forwardBy: 2)
        #expect(try PutRequest(decoding: buffer) == PutRequest(key: b("a")))
        let slice = ByteBuffer(bytes: hex("0a 01 61 18 05 ff")).getSlice(at: 0, length: 5)!
        #expect(try RangeRequest(decoding: slice) == RangeRequest(key: b("a"), limit: 5))
    }

    @Test func encodingAppendsToExistingBytes() {
        var buffer = ByteBuffer(bytes: [0xEE])
        LeaseGrantRequest(ttl: 100).encode(into: &buffer)
        #expect(Array(buffer.readableBytesView) == hex("ee 08 64"))
    }
}

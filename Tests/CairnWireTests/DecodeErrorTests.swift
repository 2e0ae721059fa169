import CairnWire
import Testing

/// Malformed input gives a typed error naming the message and field, never a crash.
@Suite struct DecodeErrorTests {
    private func error<M: WireMessage>(_ type: M.Type, _ hexBytes: String) -> WireError? {
        do {
            _ = try M(decoding: hex(hexBytes))
            return nil
        } catch {
            return error
        }
    }

    @Test func truncatedInput() {
        #expect(
            error(RangeRequest.self, "18")
                == WireError(.truncated, message: "etcdserverpb.RangeRequest", field: "limit")
        )
        #expect(
            error(RangeRequest.self, "18 80")
                == WireError(.truncated, message: "etcdserverpb.RangeRequest", field: "limit")
        )
        #expect(error(RangeRequest.self, "80") == WireError(.truncated, message: "etcdserverpb.RangeRequest"))
        #expect(error(RangeRequest.self, "79 01 02")?.kind == .truncated)
        #expect(error(RangeRequest.self, "7d 01")?.kind == .truncated)
    }

    @Test func lengthPastTheEnd() {
        #expect(
            error(PutRequest.self, "0a 05 61 62")
                == WireError(.lengthPastEnd, message: "etcdserverpb.PutRequest", field: "key")
        )
        #expect(
            error(PutRequest.self, "0a ff ff ff ff ff ff ff ff 7f")
                == WireError(.lengthPastEnd, message: "etcdserverpb.PutRequest", field: "key")
        )
        #expect(error(PutRequest.self, "7a 05 00")?.kind == .lengthPastEnd)
        let nested = error(RangeResponse.self, "12 04 0a 05 61 62")
        #expect(nested == WireError(.lengthPastEnd, message: "mvccpb.KeyValue", field: "key"))
    }

    @Test func varintOverTenBytes() {
        #expect(
            error(RangeRequest.self, "18 ff ff ff ff ff ff ff ff ff ff 01")
                == WireError(.varintTooLong, message: "etcdserverpb.RangeRequest", field: "limit")
        )
    }

    @Test func invalidKeys() {
        #expect(error(RangeRequest.self, "00 01")?.kind == .invalidFieldNumber)
        #expect(error(RangeRequest.self, "0e")?.kind == .invalidWireType(6))
        #expect(error(RangeRequest.self, "0f")?.kind == .invalidWireType(7))
        #expect(error(RangeRequest.self, "80 80 80 80 80 01")?.kind == .invalidFieldNumber)
        #expect(error(RangeRequest.self, "7c")?.kind == .unbalancedGroup)
        #expect(error(RangeRequest.self, "7b 08 01")?.kind == .unbalancedGroup)
        #expect(error(RangeRequest.self, "7b 84 01")?.kind == .unbalancedGroup)
    }

    @Test func wrongWireTypeForKnownField() {
        #expect(
            error(RangeRequest.self, "0d 00 00 00 00")
                == WireError(.wrongWireType(5), message: "etcdserverpb.RangeRequest", field: "key")
        )
        #expect(
            error(RangeRequest.self, "1a 00")
                == WireError(.wrongWireType(2), message: "etcdserverpb.RangeRequest", field: "limit")
        )
        #expect(
            error(RangeResponse.self, "08 01")
                == WireError(.wrongWireType(0), message: "etcdserverpb.RangeResponse", field: "header")
        )
        #expect(error(WatchCreateRequest.self, "29 00 00 00 00 00 00 00 00")?.kind == .wrongWireType(1))
        #expect(error(Compare.self, "32 00")?.field == "mod_revision")
    }

    @Test func invalidUTF8InStringField() {
        let expected = WireError(.invalidUTF8, message: "etcdserverpb.WatchResponse", field: "cancel_reason")
        #expect(error(WatchResponse.self, "32 01 ff") == expected)
        #expect(error(WatchResponse.self, "32 02 c0 80") == expected)
        #expect(error(WatchResponse.self, "32 03 ed a0 80") == expected)
        #expect(error(WatchResponse.self, "32 02 e2 82") == expected)
        #expect(error(WatchResponse.self, "32 04 f4 90 80 80") == expected)
        #expect(error(Member.self, "1a 01 80")?.field == "peerURLs")
        #expect(error(WatchResponse.self, "32 04 f0 9f aa a8") == nil)
        #expect(error(PutRequest.self, "0a 01 ff") == nil)
    }

    @Test func nestingDepthIsCapped() {
        func nestedTxn(_ depth: Int) -> TxnRequest {
            var txn = TxnRequest()
            for _ in 0..<depth {
                txn = TxnRequest(success: [RequestOp(request: .txn(txn))])
            }
            return txn
        }
        #expect((try? TxnRequest(decoding: nestedTxn(49).encodedBytes())) == nestedTxn(49))
        #expect(throws: WireError.self) { try TxnRequest(decoding: nestedTxn(51).encodedBytes()) }
        let deepGroups = [UInt8](repeating: 0x7B, count: 200) + [UInt8](repeating: 0x7C, count: 200)
        #expect(throws: WireError.self) { try RangeRequest(decoding: deepGroups) }
        let shallowGroups = [UInt8](repeating: 0x7B, count: 20) + [UInt8](repeating: 0x7C, count: 20)
        #expect((try? RangeRequest(decoding: shallowGroups)) == RangeRequest())
    }

    @Test func errorsDescribeTheirLocation() {
        let error = WireError(.invalidUTF8, message: "etcdserverpb.WatchResponse", field: "cancel_reason")
        #expect(error.description == "etcdserverpb.WatchResponse.cancel_reason: string is not valid UTF-8")
    }
}

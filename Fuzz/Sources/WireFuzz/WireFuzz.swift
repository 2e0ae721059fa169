import CairnWire
import NIOCore

/// Decodes `bytes` as `M`; whatever decodes must survive encode-then-decode unchanged.
func checkDecoder<M: WireMessage>(_ type: M.Type, _ bytes: ByteBuffer) {
    guard let value = try? M(decoding: bytes) else { return }
    let encoded = value.encodedBytes()
    guard let again = try? M(decoding: encoded) else {
        fatalError("\(M.self): re-encoding of a decoded message does not decode")
    }
    precondition(again == value, "\(M.self): decode(encode(value)) differs from value")
    precondition(again.encodedBytes() == encoded, "\(M.self): encoding is not stable")
}

/// Every decoder in CairnWire, indexed by the first input byte.
let decoders: [@Sendable (ByteBuffer) -> Void] = [
    { checkDecoder(ResponseHeader.self, $0) },
    { checkDecoder(KeyValue.self, $0) },
    { checkDecoder(Event.self, $0) },
    { checkDecoder(RangeRequest.self, $0) },
    { checkDecoder(RangeResponse.self, $0) },
    { checkDecoder(PutRequest.self, $0) },
    { checkDecoder(PutResponse.self, $0) },
    { checkDecoder(DeleteRangeRequest.self, $0) },
    { checkDecoder(DeleteRangeResponse.self, $0) },
    { checkDecoder(RequestOp.self, $0) },
    { checkDecoder(ResponseOp.self, $0) },
    { checkDecoder(Compare.self, $0) },
    { checkDecoder(TxnRequest.self, $0) },
    { checkDecoder(TxnResponse.self, $0) },
    { checkDecoder(CompactionRequest.self, $0) },
    { checkDecoder(CompactionResponse.self, $0) },
    { checkDecoder(WatchRequest.self, $0) },
    { checkDecoder(WatchCreateRequest.self, $0) },
    { checkDecoder(WatchCancelRequest.self, $0) },
    { checkDecoder(WatchProgressRequest.self, $0) },
    { checkDecoder(WatchResponse.self, $0) },
    { checkDecoder(LeaseGrantRequest.self, $0) },
    { checkDecoder(LeaseGrantResponse.self, $0) },
    { checkDecoder(LeaseRevokeRequest.self, $0) },
    { checkDecoder(LeaseRevokeResponse.self, $0) },
    { checkDecoder(LeaseKeepAliveRequest.self, $0) },
    { checkDecoder(LeaseKeepAliveResponse.self, $0) },
    { checkDecoder(LeaseTimeToLiveRequest.self, $0) },
    { checkDecoder(LeaseTimeToLiveResponse.self, $0) },
    { checkDecoder(LeaseLeasesRequest.self, $0) },
    { checkDecoder(LeaseStatus.self, $0) },
    { checkDecoder(LeaseLeasesResponse.self, $0) },
    { checkDecoder(Member.self, $0) },
    { checkDecoder(MemberListRequest.self, $0) },
    { checkDecoder(MemberListResponse.self, $0) },
    { checkDecoder(AlarmRequest.self, $0) },
    { checkDecoder(AlarmMember.self, $0) },
    { checkDecoder(AlarmResponse.self, $0) },
    { checkDecoder(StatusRequest.self, $0) },
    { checkDecoder(StatusResponse.self, $0) },
    { checkDecoder(DefragmentRequest.self, $0) },
    { checkDecoder(DefragmentResponse.self, $0) },
    { checkDecoder(HashRequest.self, $0) },
    { checkDecoder(HashResponse.self, $0) },
    { checkDecoder(HashKVRequest.self, $0) },
    { checkDecoder(HashKVResponse.self, $0) },
    { checkDecoder(SnapshotRequest.self, $0) },
    { checkDecoder(SnapshotResponse.self, $0) },
    { checkDecoder(MoveLeaderRequest.self, $0) },
    { checkDecoder(MoveLeaderResponse.self, $0) },
    { checkDecoder(HealthCheckRequest.self, $0) },
    { checkDecoder(HealthCheckResponse.self, $0) },
    { _ = GRPCTimeout.parse(String(decoding: $0.readableBytesView, as: UTF8.self)) },
    { _ = GRPCMessageCoding.percentDecode(String(decoding: $0.readableBytesView, as: UTF8.self)) },
]

/// libFuzzer entry: byte 0 picks the decoder, the rest is its input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWire(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data, count > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: count)
    let decoder = decoders[Int(input[0]) % decoders.count]
    decoder(ByteBuffer(bytes: input.dropFirst()))
    return 0
}

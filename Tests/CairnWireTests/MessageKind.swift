import CairnWire

/// What a decoder made of some input.
enum DecodeOutcome: Equatable {
    /// The input was rejected with a typed error.
    case rejected
    /// The input decoded; `stable` says whether re-encoding and decoding again gave the same value and bytes.
    case accepted(stable: Bool)
}

/// Type-erased operations on one message type, so that a test can run over every message.
struct MessageKind: Sendable, CustomStringConvertible {
    let protoName: String
    /// The encoding of a random message of this type.
    let randomEncoding: @Sendable (inout TestRandom) -> [UInt8]
    /// True when a random message survives encode then decode unchanged.
    let roundTrips: @Sendable (inout TestRandom) -> Bool
    let decode: @Sendable ([UInt8]) -> DecodeOutcome

    var description: String { protoName }

    static func of<M: RandomMessage>(_ type: M.Type, _ protoName: String) -> MessageKind {
        MessageKind(
            protoName: protoName,
            randomEncoding: { random in M.random(&random, depth: 0).encodedBytes() },
            roundTrips: { random in
                let value = M.random(&random, depth: 0)
                return (try? M(decoding: value.encodedBytes())) == value
            },
            decode: { bytes in
                guard let value = try? M(decoding: bytes) else { return .rejected }
                let again = value.encodedBytes()
                guard let second = try? M(decoding: again) else { return .accepted(stable: false) }
                return .accepted(stable: second == value && second.encodedBytes() == again)
            }
        )
    }

    static let all: [MessageKind] = [
        .of(ResponseHeader.self, "etcdserverpb.ResponseHeader"),
        .of(KeyValue.self, "mvccpb.KeyValue"),
        .of(Event.self, "mvccpb.Event"),
        .of(RangeRequest.self, "etcdserverpb.RangeRequest"),
        .of(RangeResponse.self, "etcdserverpb.RangeResponse"),
        .of(PutRequest.self, "etcdserverpb.PutRequest"),
        .of(PutResponse.self, "etcdserverpb.PutResponse"),
        .of(DeleteRangeRequest.self, "etcdserverpb.DeleteRangeRequest"),
        .of(DeleteRangeResponse.self, "etcdserverpb.DeleteRangeResponse"),
        .of(RequestOp.self, "etcdserverpb.RequestOp"),
        .of(ResponseOp.self, "etcdserverpb.ResponseOp"),
        .of(Compare.self, "etcdserverpb.Compare"),
        .of(TxnRequest.self, "etcdserverpb.TxnRequest"),
        .of(TxnResponse.self, "etcdserverpb.TxnResponse"),
        .of(CompactionRequest.self, "etcdserverpb.CompactionRequest"),
        .of(CompactionResponse.self, "etcdserverpb.CompactionResponse"),
        .of(WatchRequest.self, "etcdserverpb.WatchRequest"),
        .of(WatchCreateRequest.self, "etcdserverpb.WatchCreateRequest"),
        .of(WatchCancelRequest.self, "etcdserverpb.WatchCancelRequest"),
        .of(WatchProgressRequest.self, "etcdserverpb.WatchProgressRequest"),
        .of(WatchResponse.self, "etcdserverpb.WatchResponse"),
        .of(LeaseGrantRequest.self, "etcdserverpb.LeaseGrantRequest"),
        .of(LeaseGrantResponse.self, "etcdserverpb.LeaseGrantResponse"),
        .of(LeaseRevokeRequest.self, "etcdserverpb.LeaseRevokeRequest"),
        .of(LeaseRevokeResponse.self, "etcdserverpb.LeaseRevokeResponse"),
        .of(LeaseKeepAliveRequest.self, "etcdserverpb.LeaseKeepAliveRequest"),
        .of(LeaseKeepAliveResponse.self, "etcdserverpb.LeaseKeepAliveResponse"),
        .of(LeaseTimeToLiveRequest.self, "etcdserverpb.LeaseTimeToLiveRequest"),
        .of(LeaseTimeToLiveResponse.self, "etcdserverpb.LeaseTimeToLiveResponse"),
        .of(LeaseLeasesRequest.self, "etcdserverpb.LeaseLeasesRequest"),
        .of(LeaseStatus.self, "etcdserverpb.LeaseStatus"),
        .of(LeaseLeasesResponse.self, "etcdserverpb.LeaseLeasesResponse"),
        .of(Member.self, "etcdserverpb.Member"),
        .of(MemberListRequest.self, "etcdserverpb.MemberListRequest"),
        .of(MemberListResponse.self, "etcdserverpb.MemberListResponse"),
        .of(AlarmRequest.self, "etcdserverpb.AlarmRequest"),
        .of(AlarmMember.self, "etcdserverpb.AlarmMember"),
        .of(AlarmResponse.self, "etcdserverpb.AlarmResponse"),
        .of(StatusRequest.self, "etcdserverpb.StatusRequest"),
        .of(StatusResponse.self, "etcdserverpb.StatusResponse"),
        .of(DefragmentRequest.self, "etcdserverpb.DefragmentRequest"),
        .of(DefragmentResponse.self, "etcdserverpb.DefragmentResponse"),
        .of(HashRequest.self, "etcdserverpb.HashRequest"),
        .of(HashResponse.self, "etcdserverpb.HashResponse"),
        .of(HashKVRequest.self, "etcdserverpb.HashKVRequest"),
        .of(HashKVResponse.self, "etcdserverpb.HashKVResponse"),
        .of(SnapshotRequest.self, "etcdserverpb.SnapshotRequest"),
        .of(SnapshotResponse.self, "etcdserverpb.SnapshotResponse"),
        .of(MoveLeaderRequest.self, "etcdserverpb.MoveLeaderRequest"),
        .of(MoveLeaderResponse.self, "etcdserverpb.MoveLeaderResponse"),
        .of(HealthCheckRequest.self, "grpc.health.v1.HealthCheckRequest"),
        .of(HealthCheckResponse.self, "grpc.health.v1.HealthCheckResponse"),
    ]
}

import CairnWire

/// Golden vectors for the Watch, Lease, Maintenance, Cluster and Health messages.
enum GoldenVectorsServices {
    static let header = ResponseHeader(
        clusterID: 14_841_639_068_965_178_418, memberID: 10_276_657_743_932_975_437, revision: 7, raftTerm: 2)
    static let headerText =
        "header { cluster_id: 14841639068965178418 member_id: 10276657743932975437 revision: 7 raft_term: 2 }"

    static let sets: [GoldenSet] = [
        GoldenSet(
            "etcdserverpb.WatchRequest",
            [
                (WatchRequest(), ""),
                (
                    WatchRequest(
                        requestUnion: .createRequest(WatchCreateRequest(key: b("w"), rangeEnd: b("x"), prevKv: true))),
                    #"create_request { key: "w" range_end: "x" prev_kv: true }"#
                ),
                (WatchRequest(requestUnion: .createRequest(WatchCreateRequest())), "create_request { }"),
                (WatchRequest(requestUnion: .cancelRequest(WatchCancelRequest(watchID: 0))), "cancel_request { }"),
                (WatchRequest(requestUnion: .progressRequest(WatchProgressRequest())), "progress_request { }"),
            ]
        ),
        GoldenSet(
            "etcdserverpb.WatchCreateRequest",
            [
                (WatchCreateRequest(), ""),
                (
                    WatchCreateRequest(
                        key: b("a"),
                        rangeEnd: [0],
                        startRevision: 20,
                        progressNotify: true,
                        filters: [.noPut, .noDelete, .init(rawValue: 5), .init(rawValue: -1)],
                        prevKv: true,
                        watchID: -1,
                        fragment: true
                    ),
                    #"""
                    key: "a" range_end: "\000" start_revision: 20 progress_notify: true
                    filters: NOPUT filters: NODELETE filters: 5 filters: -1 prev_kv: true watch_id: -1 fragment: true
                    """#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.WatchCancelRequest",
            [(WatchCancelRequest(), ""), (WatchCancelRequest(watchID: 12), "watch_id: 12")]
        ),
        GoldenSet("etcdserverpb.WatchProgressRequest", [(WatchProgressRequest(), "")]),
        GoldenSet(
            "etcdserverpb.WatchResponse",
            [
                (WatchResponse(), ""),
                (
                    WatchResponse(header: ResponseHeader(revision: 4), created: true),
                    "header { revision: 4 } created: true"
                ),
                (WatchResponse(watchID: -1), "watch_id: -1"),
                (
                    WatchResponse(
                        header: header,
                        watchID: 3,
                        canceled: true,
                        compactRevision: 5,
                        cancelReason: "mvcc: watcher range is empty ✓",
                        fragment: true,
                        events: [
                            Event(
                                kv: KeyValue(key: b("a"), createRevision: 5, modRevision: 5, version: 1, value: b("1"))),
                            Event(
                                type: .delete, kv: KeyValue(key: b("a"), modRevision: 6), prevKv: KeyValue(key: b("a"))),
                        ]
                    ),
                    #"""
                    \#(headerText) watch_id: 3 canceled: true compact_revision: 5
                    cancel_reason: "mvcc: watcher range is empty \342\234\223" fragment: true
                    events { kv { key: "a" create_revision: 5 mod_revision: 5 version: 1 value: "1" } }
                    events { type: DELETE kv { key: "a" mod_revision: 6 } prev_kv { key: "a" } }
                    """#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.LeaseGrantRequest",
            [(LeaseGrantRequest(), ""), (LeaseGrantRequest(ttl: 100, id: -7587), "TTL: 100 ID: -7587")]
        ),
        GoldenSet(
            "etcdserverpb.LeaseGrantResponse",
            [
                (LeaseGrantResponse(), ""),
                (
                    LeaseGrantResponse(header: ResponseHeader(revision: 1), id: 7587, ttl: 60, error: "x"),
                    #"header { revision: 1 } ID: 7587 TTL: 60 error: "x""#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.LeaseRevokeRequest",
            [(LeaseRevokeRequest(), ""), (LeaseRevokeRequest(id: .max), "ID: 9223372036854775807")]),
        GoldenSet(
            "etcdserverpb.LeaseRevokeResponse",
            [(LeaseRevokeResponse(), ""), (LeaseRevokeResponse(header: header), headerText)]),
        GoldenSet(
            "etcdserverpb.LeaseKeepAliveRequest",
            [(LeaseKeepAliveRequest(), ""), (LeaseKeepAliveRequest(id: 0x1234), "ID: 4660")]),
        GoldenSet(
            "etcdserverpb.LeaseKeepAliveResponse",
            [
                (LeaseKeepAliveResponse(), ""),
                (LeaseKeepAliveResponse(header: header, id: 1, ttl: 0), "\(headerText) ID: 1"),
            ]
        ),
        GoldenSet(
            "etcdserverpb.LeaseTimeToLiveRequest",
            [(LeaseTimeToLiveRequest(), ""), (LeaseTimeToLiveRequest(id: 5, keys: true), "ID: 5 keys: true")]
        ),
        GoldenSet(
            "etcdserverpb.LeaseTimeToLiveResponse",
            [
                (LeaseTimeToLiveResponse(), ""),
                (LeaseTimeToLiveResponse(id: 5, ttl: -1), "ID: 5 TTL: -1"),
                (
                    LeaseTimeToLiveResponse(
                        header: header, id: 5, ttl: 9, grantedTTL: 10, keys: [b("a"), [], [0, 255]]),
                    #"\#(headerText) ID: 5 TTL: 9 grantedTTL: 10 keys: "a" keys: "" keys: "\000\377""#
                ),
            ]
        ),
        GoldenSet("etcdserverpb.LeaseLeasesRequest", [(LeaseLeasesRequest(), "")]),
        GoldenSet("etcdserverpb.LeaseStatus", [(LeaseStatus(), ""), (LeaseStatus(id: -2), "ID: -2")]),
        GoldenSet(
            "etcdserverpb.LeaseLeasesResponse",
            [
                (LeaseLeasesResponse(), ""),
                (
                    LeaseLeasesResponse(header: header, leases: [LeaseStatus(id: 1), LeaseStatus()]),
                    "\(headerText) leases { ID: 1 } leases { }"
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.Member",
            [
                (Member(), ""),
                (
                    Member(
                        id: .max,
                        name: "default",
                        peerURLs: ["http://127.0.0.1:2380"],
                        clientURLs: ["http://127.0.0.1:2379", ""],
                        isLearner: true
                    ),
                    #"""
                    ID: 18446744073709551615 name: "default" peerURLs: "http://127.0.0.1:2380"
                    clientURLs: "http://127.0.0.1:2379" clientURLs: "" isLearner: true
                    """#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.MemberListRequest",
            [(MemberListRequest(), ""), (MemberListRequest(linearizable: true), "linearizable: true")]),
        GoldenSet(
            "etcdserverpb.MemberListResponse",
            [
                (MemberListResponse(), ""),
                (
                    MemberListResponse(header: header, members: [Member(id: 1, name: "a"), Member()]),
                    #"\#(headerText) members { ID: 1 name: "a" } members { }"#
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.AlarmRequest",
            [
                (AlarmRequest(), ""),
                (
                    AlarmRequest(action: .deactivate, memberID: 1 << 63, alarm: .nospace),
                    "action: DEACTIVATE memberID: 9223372036854775808 alarm: NOSPACE"
                ),
                (AlarmRequest(action: .activate, alarm: .corrupt), "action: ACTIVATE alarm: CORRUPT"),
            ]
        ),
        GoldenSet(
            "etcdserverpb.AlarmMember",
            [(AlarmMember(), ""), (AlarmMember(memberID: 3, alarm: .corrupt), "memberID: 3 alarm: CORRUPT")]
        ),
        GoldenSet(
            "etcdserverpb.AlarmResponse",
            [
                (AlarmResponse(), ""),
                (
                    AlarmResponse(header: header, alarms: [AlarmMember(memberID: 1, alarm: .nospace), AlarmMember()]),
                    "\(headerText) alarms { memberID: 1 alarm: NOSPACE } alarms { }"
                ),
            ]
        ),
        GoldenSet("etcdserverpb.StatusRequest", [(StatusRequest(), "")]),
        GoldenSet(
            "etcdserverpb.StatusResponse",
            [
                (StatusResponse(), ""),
                (
                    StatusResponse(
                        header: header,
                        version: "3.4.23",
                        dbSize: 20480,
                        leader: 10_276_657_743_932_975_437,
                        raftIndex: 9,
                        raftTerm: 2,
                        raftAppliedIndex: 9,
                        errors: ["etcdserver: no leader", "b"],
                        dbSizeInUse: 16384,
                        isLearner: true
                    ),
                    #"""
                    \#(headerText) version: "3.4.23" dbSize: 20480 leader: 10276657743932975437 raftIndex: 9
                    raftTerm: 2 raftAppliedIndex: 9 errors: "etcdserver: no leader" errors: "b" dbSizeInUse: 16384
                    isLearner: true
                    """#
                ),
            ]
        ),
        GoldenSet("etcdserverpb.DefragmentRequest", [(DefragmentRequest(), "")]),
        GoldenSet(
            "etcdserverpb.DefragmentResponse",
            [(DefragmentResponse(), ""), (DefragmentResponse(header: header), headerText)]),
        GoldenSet("etcdserverpb.HashRequest", [(HashRequest(), "")]),
        GoldenSet(
            "etcdserverpb.HashResponse",
            [(HashResponse(), ""), (HashResponse(header: header, hash: .max), "\(headerText) hash: 4294967295")]
        ),
        GoldenSet("etcdserverpb.HashKVRequest", [(HashKVRequest(), ""), (HashKVRequest(revision: 3), "revision: 3")]),
        GoldenSet(
            "etcdserverpb.HashKVResponse",
            [
                (HashKVResponse(), ""),
                (
                    HashKVResponse(header: header, hash: 1, compactRevision: -1),
                    "\(headerText) hash: 1 compact_revision: -1"
                ),
            ]
        ),
        GoldenSet("etcdserverpb.SnapshotRequest", [(SnapshotRequest(), "")]),
        GoldenSet(
            "etcdserverpb.SnapshotResponse",
            [
                (SnapshotResponse(), ""),
                (
                    SnapshotResponse(header: header, remainingBytes: .max, blob: GoldenVectorsKV.large),
                    "\(headerText) remaining_bytes: 18446744073709551615 blob: \(textBytes(GoldenVectorsKV.large))"
                ),
            ]
        ),
        GoldenSet(
            "etcdserverpb.MoveLeaderRequest",
            [(MoveLeaderRequest(), ""), (MoveLeaderRequest(targetID: 9), "targetID: 9")]),
        GoldenSet(
            "etcdserverpb.MoveLeaderResponse",
            [(MoveLeaderResponse(), ""), (MoveLeaderResponse(header: header), headerText)]),
        GoldenSet(
            "grpc.health.v1.HealthCheckRequest",
            [
                (HealthCheckRequest(), ""),
                (HealthCheckRequest(service: "etcdserverpb.KV"), #"service: "etcdserverpb.KV""#),
            ]
        ),
        GoldenSet(
            "grpc.health.v1.HealthCheckResponse",
            [
                (HealthCheckResponse(), ""),
                (HealthCheckResponse(status: .serving), "status: SERVING"),
                (HealthCheckResponse(status: .serviceUnknown), "status: SERVICE_UNKNOWN"),
                (HealthCheckResponse(status: .init(rawValue: 77)), "status: 77"),
            ]
        ),
    ]
}

import CairnWire

/// Messages the tests can generate at random, covering defaults, extremes, unknown enum
/// numbers, oneof members holding zero, repeated and nested fields.
protocol RandomMessage: WireMessage {
    /// `depth` bounds recursion through nested transactions.
    static func random(_ random: inout TestRandom, depth: Int) -> Self
}

extension TestRandom {
    mutating func optional<M: RandomMessage>(_ type: M.Type, depth: Int) -> M? {
        chance(50) ? M.random(&self, depth: depth + 1) : nil
    }

    mutating func list<M: RandomMessage>(_ type: M.Type, depth: Int, max: Int = 4) -> [M] {
        (0..<count(max: max)).map { _ in M.random(&self, depth: depth + 1) }
    }

    mutating func header() -> ResponseHeader? {
        optional(ResponseHeader.self, depth: 0)
    }
}

extension ResponseHeader: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(clusterID: r.uint64(), memberID: r.uint64(), revision: r.int64(), raftTerm: r.uint64())
    }
}

extension KeyValue: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            key: r.bytes(),
            createRevision: r.int64(),
            modRevision: r.int64(),
            version: r.int64(),
            value: r.bytes(),
            lease: r.int64()
        )
    }
}

extension Event: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            type: .init(rawValue: r.enumRaw(known: 2)),
            kv: r.optional(KeyValue.self, depth: depth),
            prevKv: r.optional(KeyValue.self, depth: depth)
        )
    }
}

extension RangeRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            key: r.bytes(),
            rangeEnd: r.bytes(),
            limit: r.int64(),
            revision: r.int64(),
            sortOrder: .init(rawValue: r.enumRaw(known: 3)),
            sortTarget: .init(rawValue: r.enumRaw(known: 5)),
            serializable: r.bool(),
            keysOnly: r.bool(),
            countOnly: r.bool(),
            minModRevision: r.int64(),
            maxModRevision: r.int64(),
            minCreateRevision: r.int64(),
            maxCreateRevision: r.int64()
        )
    }
}

extension RangeResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), kvs: r.list(KeyValue.self, depth: depth), more: r.bool(), count: r.int64())
    }
}

extension PutRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            key: r.bytes(),
            value: r.bytes(),
            lease: r.int64(),
            prevKv: r.bool(),
            ignoreValue: r.bool(),
            ignoreLease: r.bool()
        )
    }
}

extension PutResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), prevKv: r.optional(KeyValue.self, depth: depth))
    }
}

extension DeleteRangeRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(key: r.bytes(), rangeEnd: r.bytes(), prevKv: r.bool())
    }
}

extension DeleteRangeResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), deleted: r.int64(), prevKvs: r.list(KeyValue.self, depth: depth))
    }
}

extension RequestOp: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        switch Int.random(in: 0..<(depth < 3 ? 5 : 4), using: &r) {
        case 0: return .init()
        case 1: return .init(request: .range(.random(&r, depth: depth + 1)))
        case 2: return .init(request: .put(.random(&r, depth: depth + 1)))
        case 3: return .init(request: .deleteRange(.random(&r, depth: depth + 1)))
        default: return .init(request: .txn(.random(&r, depth: depth + 1)))
        }
    }
}

extension ResponseOp: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        switch Int.random(in: 0..<(depth < 3 ? 5 : 4), using: &r) {
        case 0: return .init()
        case 1: return .init(response: .range(.random(&r, depth: depth + 1)))
        case 2: return .init(response: .put(.random(&r, depth: depth + 1)))
        case 3: return .init(response: .deleteRange(.random(&r, depth: depth + 1)))
        default: return .init(response: .txn(.random(&r, depth: depth + 1)))
        }
    }
}

extension Compare: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        let union: TargetUnion?
        switch Int.random(in: 0..<6, using: &r) {
        case 0: union = nil
        case 1: union = .version(r.int64())
        case 2: union = .createRevision(r.int64())
        case 3: union = .modRevision(r.int64())
        case 4: union = .value(r.bytes())
        default: union = .lease(r.int64())
        }
        return .init(
            result: .init(rawValue: r.enumRaw(known: 4)),
            target: .init(rawValue: r.enumRaw(known: 5)),
            key: r.bytes(),
            targetUnion: union,
            rangeEnd: r.bytes()
        )
    }
}

extension TxnRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            compare: r.list(Compare.self, depth: depth, max: 3),
            success: r.list(RequestOp.self, depth: depth, max: 3),
            failure: r.list(RequestOp.self, depth: depth, max: 3)
        )
    }
}

extension TxnResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), succeeded: r.bool(), responses: r.list(ResponseOp.self, depth: depth, max: 3))
    }
}

extension CompactionRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(revision: r.int64(), physical: r.bool())
    }
}

extension CompactionResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header())
    }
}

extension WatchRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        switch Int.random(in: 0..<4, using: &r) {
        case 0: return .init()
        case 1: return .init(requestUnion: .createRequest(.random(&r, depth: depth + 1)))
        case 2: return .init(requestUnion: .cancelRequest(.random(&r, depth: depth + 1)))
        default: return .init(requestUnion: .progressRequest(.init()))
        }
    }
}

extension WatchCreateRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            key: r.bytes(),
            rangeEnd: r.bytes(),
            startRevision: r.int64(),
            progressNotify: r.bool(),
            filters: (0..<r.count(max: 3)).map { _ in .init(rawValue: r.enumRaw(known: 2)) },
            prevKv: r.bool(),
            watchID: r.int64(),
            fragment: r.bool()
        )
    }
}

extension WatchCancelRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(watchID: r.int64())
    }
}

extension WatchProgressRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init()
    }
}

extension WatchResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            header: r.header(),
            watchID: r.int64(),
            created: r.bool(),
            canceled: r.bool(),
            compactRevision: r.int64(),
            cancelReason: r.string(),
            fragment: r.bool(),
            events: r.list(Event.self, depth: depth)
        )
    }
}

extension LeaseGrantRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(ttl: r.int64(), id: r.int64())
    }
}

extension LeaseGrantResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), id: r.int64(), ttl: r.int64(), error: r.string())
    }
}

extension LeaseRevokeRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(id: r.int64())
    }
}

extension LeaseRevokeResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header())
    }
}

extension LeaseKeepAliveRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(id: r.int64())
    }
}

extension LeaseKeepAliveResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), id: r.int64(), ttl: r.int64())
    }
}

extension LeaseTimeToLiveRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(id: r.int64(), keys: r.bool())
    }
}

extension LeaseTimeToLiveResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            header: r.header(),
            id: r.int64(),
            ttl: r.int64(),
            grantedTTL: r.int64(),
            keys: (0..<r.count(max: 4)).map { _ in r.bytes() }
        )
    }
}

extension LeaseLeasesRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init()
    }
}

extension LeaseStatus: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(id: r.int64())
    }
}

extension LeaseLeasesResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), leases: r.list(LeaseStatus.self, depth: depth))
    }
}

extension Member: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            id: r.uint64(),
            name: r.string(),
            peerURLs: (0..<r.count(max: 3)).map { _ in r.string() },
            clientURLs: (0..<r.count(max: 3)).map { _ in r.string() },
            isLearner: r.bool()
        )
    }
}

extension MemberListRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(linearizable: r.bool())
    }
}

extension MemberListResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), members: r.list(Member.self, depth: depth))
    }
}

extension AlarmRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            action: .init(rawValue: r.enumRaw(known: 3)),
            memberID: r.uint64(),
            alarm: .init(rawValue: r.enumRaw(known: 3))
        )
    }
}

extension AlarmMember: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(memberID: r.uint64(), alarm: .init(rawValue: r.enumRaw(known: 3)))
    }
}

extension AlarmResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), alarms: r.list(AlarmMember.self, depth: depth))
    }
}

extension StatusRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init()
    }
}

extension StatusResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(
            header: r.header(),
            version: r.string(),
            dbSize: r.int64(),
            leader: r.uint64(),
            raftIndex: r.uint64(),
            raftTerm: r.uint64(),
            raftAppliedIndex: r.uint64(),
            errors: (0..<r.count(max: 3)).map { _ in r.string() },
            dbSizeInUse: r.int64(),
            isLearner: r.bool()
        )
    }
}

extension DefragmentRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init()
    }
}

extension DefragmentResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header())
    }
}

extension HashRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init()
    }
}

extension HashResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), hash: r.uint32())
    }
}

extension HashKVRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(revision: r.int64())
    }
}

extension HashKVResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), hash: r.uint32(), compactRevision: r.int64())
    }
}

extension SnapshotRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init()
    }
}

extension SnapshotResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header(), remainingBytes: r.uint64(), blob: r.bytes())
    }
}

extension MoveLeaderRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(targetID: r.uint64())
    }
}

extension MoveLeaderResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(header: r.header())
    }
}

extension HealthCheckRequest: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(service: r.string())
    }
}

extension HealthCheckResponse: RandomMessage {
    static func random(_ r: inout TestRandom, depth: Int) -> Self {
        .init(status: .init(rawValue: r.enumRaw(known: 4)))
    }
}

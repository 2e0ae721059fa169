import CairnWire

/// JSON forms of the etcd messages, with the Go field names and `omitempty` rules etcdctl's
/// `-w json` prints (gogo-protobuf structs marshalled by `encoding/json`).
package enum WireJSON {
    package static func header(_ header: ResponseHeader) -> GoJSON {
        var object = GoJSONObject()
        object.omitEmpty("cluster_id", header.clusterID)
        object.omitEmpty("member_id", header.memberID)
        object.omitEmpty("revision", header.revision)
        object.omitEmpty("raft_term", header.raftTerm)
        return object.json
    }

    /// The header fields flattened into the enclosing object, as clientv3's lease responses
    /// embed `*pb.ResponseHeader`.
    package static func flattenHeader(_ header: ResponseHeader?, into object: inout GoJSONObject) {
        guard let header else { return }
        object.omitEmpty("cluster_id", header.clusterID)
        object.omitEmpty("member_id", header.memberID)
        object.omitEmpty("revision", header.revision)
        object.omitEmpty("raft_term", header.raftTerm)
    }

    package static func keyValue(_ kv: KeyValue) -> GoJSON {
        var object = GoJSONObject()
        object.omitEmpty("key", bytes: kv.key)
        object.omitEmpty("create_revision", kv.createRevision)
        object.omitEmpty("mod_revision", kv.modRevision)
        object.omitEmpty("version", kv.version)
        object.omitEmpty("value", bytes: kv.value)
        object.omitEmpty("lease", kv.lease)
        return object.json
    }

    package static func range(_ response: RangeResponse) -> GoJSON {
        var object = GoJSONObject()
        object.omitNil("header", response.header.map(header))
        object.omitEmpty("kvs", response.kvs.map(keyValue))
        object.omitEmpty("more", response.more)
        object.omitEmpty("count", response.count)
        return object.json
    }

    package static func put(_ response: PutResponse) -> GoJSON {
        var object = GoJSONObject()
        object.omitNil("header", response.header.map(header))
        object.omitNil("prev_kv", response.prevKv.map(keyValue))
        return object.json
    }

    package static func deleteRange(_ response: DeleteRangeResponse) -> GoJSON {
        var object = GoJSONObject()
        object.omitNil("header", response.header.map(header))
        object.omitEmpty("deleted", response.deleted)
        object.omitEmpty("prev_kvs", response.prevKvs.map(keyValue))
        return object.json
    }

    package static func txn(_ response: TxnResponse) -> GoJSON {
        var object = GoJSONObject()
        object.omitNil("header", response.header.map(header))
        object.omitEmpty("succeeded", response.succeeded)
        object.omitEmpty("responses", response.responses.map(responseOp))
        return object.json
    }

    private static func responseOp(_ op: ResponseOp) -> GoJSON {
        let inner: GoJSON
        switch op.response {
        case .range(let range): inner = .object([("ResponseRange", WireJSON.range(range))])
        case .put(let put): inner = .object([("ResponsePut", WireJSON.put(put))])
        case .deleteRange(let delete): inner = .object([("ResponseDeleteRange", deleteRange(delete))])
        case .txn(let txn): inner = .object([("ResponseTxn", WireJSON.txn(txn))])
        case nil: inner = .null
        }
        return .object([("Response", inner)])
    }

    package static func event(_ event: Event) -> GoJSON {
        var object = GoJSONObject()
        object.omitEmpty("type", Int64(event.type.rawValue))
        object.omitNil("kv", event.kv.map(keyValue))
        object.omitNil("prev_kv", event.prevKv.map(keyValue))
        return object.json
    }

    /// clientv3's `WatchResponse` struct: exported Go field names, nothing omitted (its event slice
    /// is never nil, so no events print as `[]`).
    package static func watch(_ response: WatchResponse) -> GoJSON {
        .object([
            ("Header", header(response.header ?? ResponseHeader())),
            ("Events", .array(response.events.map(event))),
            ("CompactRevision", .int(response.compactRevision)),
            ("Canceled", .bool(response.canceled)),
            ("Created", .bool(response.created)),
        ])
    }

    package static func leaseGrant(_ response: LeaseGrantResponse) -> GoJSON {
        var object = GoJSONObject()
        flattenHeader(response.header, into: &object)
        object.always("ID", .int(response.id))
        object.always("TTL", .int(response.ttl))
        object.always("Error", .string(response.error))
        return object.json
    }

    package static func leaseRevoke(_ response: LeaseRevokeResponse) -> GoJSON {
        var object = GoJSONObject()
        object.omitNil("header", response.header.map(header))
        return object.json
    }

    package static func leaseKeepAlive(_ response: LeaseKeepAliveResponse) -> GoJSON {
        var object = GoJSONObject()
        flattenHeader(response.header, into: &object)
        object.always("ID", .int(response.id))
        object.always("TTL", .int(response.ttl))
        return object.json
    }

    package static func leaseTimeToLive(_ response: LeaseTimeToLiveResponse) -> GoJSON {
        var object = GoJSONObject()
        flattenHeader(response.header, into: &object)
        object.always("id", .int(response.id))
        object.always("ttl", .int(response.ttl))
        object.always("granted-ttl", .int(response.grantedTTL))
        object.always("keys", response.keys.isEmpty ? .null : .array(response.keys.map(GoJSON.bytes)))
        return object.json
    }

    package static func leaseLeases(_ response: LeaseLeasesResponse) -> GoJSON {
        var object = GoJSONObject()
        flattenHeader(response.header, into: &object)
        object.always("leases", .array(response.leases.map { .object([("id", .int($0.id))]) }))
        return object.json
    }

    package static func member(_ member: Member) -> GoJSON {
        var object = GoJSONObject()
        object.omitEmpty("ID", member.id)
        object.omitEmpty("name", member.name)
        object.omitEmpty("peerURLs", member.peerURLs.map(GoJSON.string))
        object.omitEmpty("clientURLs", member.clientURLs.map(GoJSON.string))
        object.omitEmpty("isLearner", member.isLearner)
        return object.json
    }

    package static func memberList(_ response: MemberListResponse) -> GoJSON {
        var object = GoJSONObject()
        object.omitNil("header", response.header.map(header))
        object.omitEmpty("members", response.members.map(member))
        return object.json
    }

    package static func status(_ response: StatusResponse) -> GoJSON {
        var object = GoJSONObject()
        object.omitNil("header", response.header.map(header))
        object.omitEmpty("version", response.version)
        object.omitEmpty("dbSize", response.dbSize)
        object.omitEmpty("leader", response.leader)
        object.omitEmpty("raftIndex", response.raftIndex)
        object.omitEmpty("raftTerm", response.raftTerm)
        object.omitEmpty("raftAppliedIndex", response.raftAppliedIndex)
        object.omitEmpty("errors", response.errors.map(GoJSON.string))
        object.omitEmpty("dbSizeInUse", response.dbSizeInUse)
        object.omitEmpty("isLearner", response.isLearner)
        return object.json
    }

    package static func endpointStatuses(_ reports: [EndpointStatusReport]) -> GoJSON {
        .array(reports.map { .object([("Endpoint", .string($0.endpoint)), ("Status", status($0.status))]) })
    }

    package static func endpointHealths(_ reports: [EndpointHealthReport]) -> GoJSON {
        .array(
            reports.map { report in
                var object = GoJSONObject()
                object.always("endpoint", .string(report.endpoint))
                object.always("health", .bool(report.healthy))
                object.always("took", .string(report.took))
                object.omitEmpty("error", report.error)
                return object.json
            })
    }

    package static func alarm(_ response: AlarmResponse) -> GoJSON {
        var object = GoJSONObject()
        object.omitNil("header", response.header.map(header))
        let alarms = response.alarms.map { member -> GoJSON in
            var item = GoJSONObject()
            item.omitEmpty("memberID", member.memberID)
            item.omitEmpty("alarm", Int64(member.alarm.rawValue))
            return item.json
        }
        object.omitEmpty("alarms", alarms)
        return object.json
    }
}

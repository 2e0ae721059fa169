import CairnWire

/// etcdctl's `-w fields` format: one `"Name" : value` line per field, strings and bytes quoted
/// with Go's `%q`.
package enum FieldsText {
    package static func header(_ header: ResponseHeader?) -> String {
        let header = header ?? ResponseHeader()
        return "\"ClusterID\" : \(header.clusterID)\n\"MemberID\" : \(header.memberID)\n"
            + "\"Revision\" : \(header.revision)\n\"RaftTerm\" : \(header.raftTerm)\n"
    }

    package static func keyValue(_ kv: KeyValue, prefix: String = "") -> String {
        "\"\(prefix)Key\" : \(GoQuote.quote(kv.key))\n"
            + "\"\(prefix)CreateRevision\" : \(kv.createRevision)\n"
            + "\"\(prefix)ModRevision\" : \(kv.modRevision)\n"
            + "\"\(prefix)Version\" : \(kv.version)\n"
            + "\"\(prefix)Value\" : \(GoQuote.quote(kv.value))\n"
            + "\"\(prefix)Lease\" : \(kv.lease)\n"
    }

    package static func range(_ response: RangeResponse) -> String {
        header(response.header) + response.kvs.map { keyValue($0) }.joined()
            + "\"More\" : \(response.more)\n\"Count\" : \(response.count)\n"
    }

    package static func put(_ response: PutResponse) -> String {
        header(response.header) + (response.prevKv.map { keyValue($0, prefix: "Prev") } ?? "")
    }

    package static func deleteRange(_ response: DeleteRangeResponse) -> String {
        header(response.header) + "\"Deleted\" : \(response.deleted)\n"
            + response.prevKvs.map { keyValue($0, prefix: "Prev") }.joined()
    }

    package static func txn(_ response: TxnResponse) -> String {
        var text = header(response.header) + "\"Succeeded\" : \(response.succeeded)\n"
        for op in response.responses {
            switch op.response {
            case .range(let inner): text += range(inner)
            case .put(let inner): text += put(inner)
            case .deleteRange(let inner): text += deleteRange(inner)
            case .txn, nil: text += "\"Unknown\" : \(GoQuote.quote("\(op)"))\n"
            }
        }
        return text
    }

    package static func watch(_ response: WatchResponse) -> String {
        var text = header(response.header)
        for event in response.events {
            text += "\"Type\" : \(eventTypeName(event.type))\n"
            if let prev = event.prevKv { text += keyValue(prev, prefix: "Prev") }
            text += keyValue(event.kv ?? KeyValue())
        }
        return text
    }

    package static func idTTL(_ responseHeader: ResponseHeader?, id: Int64, ttl: Int64) -> String {
        header(responseHeader) + "\"ID\" : \(id)\n\"TTL\" : \(ttl)\n"
    }

    package static func leaseTimeToLive(_ response: LeaseTimeToLiveResponse) -> String {
        idTTL(response.header, id: response.id, ttl: response.ttl) + "\"GrantedTTL\" : \(response.grantedTTL)\n"
            + response.keys.map { "\"Key\" : \(GoQuote.quote($0))\n" }.joined()
    }

    package static func memberList(_ response: MemberListResponse) -> String {
        var text = header(response.header)
        for member in response.members {
            text += "\"ID\" : \(member.id)\n\"Name\" : \(GoQuote.quote(member.name))\n"
            text += member.peerURLs.map { "\"PeerURL\" : \(GoQuote.quote($0))\n" }.joined()
            text += member.clientURLs.map { "\"ClientURL\" : \(GoQuote.quote($0))\n" }.joined()
            text += "\"IsLearner\" : \(member.isLearner)\n\n"
        }
        return text
    }

    package static func endpointStatus(_ reports: [EndpointStatusReport]) -> String {
        reports.map { report in
            let status = report.status
            return header(status.header) + "\"Version\" : \(GoQuote.quote(status.version))\n"
                + "\"DBSize\" : \(status.dbSize)\n\"Leader\" : \(status.leader)\n"
                + "\"IsLearner\" : \(status.isLearner)\n\"RaftIndex\" : \(status.raftIndex)\n"
                + "\"RaftTerm\" : \(status.raftTerm)\n\"RaftAppliedIndex\" : \(status.raftAppliedIndex)\n"
                + "\"Errors\" : [\(status.errors.joined(separator: " "))]\n"
                + "\"Endpoint\" : \(GoQuote.quote(report.endpoint))\n\n"
        }.joined()
    }

    /// The Go `String()` of `mvccpb.Event_EventType`.
    package static func eventTypeName(_ type: Event.EventType) -> String {
        switch type {
        case .put: return "PUT"
        case .delete: return "DELETE"
        default: return String(type.rawValue)
        }
    }

    /// The Go `String()` of `etcdserverpb.AlarmType`.
    package static func alarmName(_ type: AlarmType) -> String {
        switch type {
        case .none: return "NONE"
        case .nospace: return "NOSPACE"
        case .corrupt: return "CORRUPT"
        default: return String(type.rawValue)
        }
    }
}

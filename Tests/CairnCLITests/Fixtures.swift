import CairnWire

/// Responses matching the etcd 3.4.23 state the expected texts in these tests were captured from
/// (etcdctl 3.4.23 against a single-member etcd).
enum Fixtures {
    static let clusterID: UInt64 = 14_841_639_068_965_178_418
    static let memberID: UInt64 = 10_276_657_743_932_975_437

    static func header(revision: Int64, term: UInt64 = 2) -> ResponseHeader {
        var header = ResponseHeader()
        header.clusterID = clusterID
        header.memberID = memberID
        header.revision = revision
        header.raftTerm = term
        return header
    }

    static func kv(_ key: String, _ value: String, create: Int64, mod: Int64, version: Int64, lease: Int64 = 0)
        -> KeyValue
    {
        var kv = KeyValue()
        kv.key = Array(key.utf8)
        kv.value = Array(value.utf8)
        kv.createRevision = create
        kv.modRevision = mod
        kv.version = version
        kv.lease = lease
        return kv
    }

    static var fooRange: RangeResponse {
        var response = RangeResponse()
        response.header = header(revision: 3)
        response.kvs = [kv("foo", "bar", create: 2, mod: 2, version: 1)]
        response.count = 1
        return response
    }

    static var member: Member {
        var member = Member()
        member.id = memberID
        member.name = "default"
        member.peerURLs = ["http://localhost:2380"]
        member.clientURLs = ["http://127.0.0.1:23790"]
        return member
    }

    static var memberList: MemberListResponse {
        var response = MemberListResponse()
        response.header = header(revision: 0)
        response.members = [member]
        return response
    }

    static var status: StatusResponse {
        var status = StatusResponse()
        status.header = header(revision: 3)
        status.version = "3.4.23"
        status.dbSize = 20480
        status.leader = memberID
        status.raftIndex = 6
        status.raftTerm = 2
        status.raftAppliedIndex = 6
        status.dbSizeInUse = 16384
        return status
    }
}

import CairnWire

extension EtcdClient {
    /// The configured endpoint strings, in order.
    public var endpointNames: [String] { endpoints }

    /// The status of one endpoint (by its position in `endpoints`), or of the current one.
    public func status(endpoint: Int? = nil) async throws(EtcdClientError) -> StatusResponse {
        try await unary("/etcdserverpb.Maintenance/Status", StatusRequest(), idempotent: true, endpoint: endpoint)
    }

    /// The alarms raised in the cluster.
    public func alarms() async throws(EtcdClientError) -> AlarmResponse {
        var request = AlarmRequest()
        request.action = .get
        return try await unary("/etcdserverpb.Maintenance/Alarm", request, idempotent: true)
    }

    /// Clears an alarm; with `alarm` `.none` and `memberID` 0, clears every raised alarm (each one
    /// is deactivated in turn, as etcd's Go client does). Returns the alarms that were cleared.
    public func disarmAlarm(memberID: UInt64 = 0, alarm: AlarmType = .none) async throws(EtcdClientError)
        -> AlarmResponse
    {
        var targets = [AlarmMember]()
        var header: ResponseHeader?
        if memberID == 0 && alarm == .none {
            let raised = try await alarms()
            targets = raised.alarms
            header = raised.header
        } else {
            var member = AlarmMember()
            member.memberID = memberID
            member.alarm = alarm
            targets = [member]
        }
        var result = AlarmResponse()
        result.header = header
        for target in targets {
            var request = AlarmRequest()
            request.action = .deactivate
            request.memberID = target.memberID
            request.alarm = target.alarm
            let response: AlarmResponse = try await unary(
                "/etcdserverpb.Maintenance/Alarm", request, idempotent: false)
            result.header = response.header
            result.alarms += response.alarms
        }
        return result
    }

    /// Defragments one endpoint's storage (by its position in `endpoints`), or the current one's.
    @discardableResult
    public func defragment(endpoint: Int? = nil) async throws(EtcdClientError) -> DefragmentResponse {
        try await unary(
            "/etcdserverpb.Maintenance/Defragment", DefragmentRequest(), idempotent: false, endpoint: endpoint)
    }

    /// The cluster's members.
    public func memberList() async throws(EtcdClientError) -> MemberListResponse {
        try await unary("/etcdserverpb.Cluster/MemberList", MemberListRequest(), idempotent: true)
    }
}

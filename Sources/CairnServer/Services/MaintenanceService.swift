import CairnStore
import CairnWire

/// `etcdserverpb.Maintenance` for a single node: Status, Alarm (with the real NOSPACE alarm), Defragment, Hash and
/// HashKV. Snapshot and MoveLeader are not served (UNIMPLEMENTED).
package struct MaintenanceService: Sendable {
    package static let name = "etcdserverpb.Maintenance"

    let store: any KeyValueBackend
    let headers: ResponseHeaders
    let alarms: AlarmRegistry
    let version: String

    package init(store: any KeyValueBackend, headers: ResponseHeaders, alarms: AlarmRegistry, version: String) {
        self.store = store
        self.headers = headers
        self.alarms = alarms
        self.version = version
    }

    package func register(on routes: inout InstrumentedRoutes) {
        routes.unary(Self.name, "Status", status)
        routes.unary(Self.name, "Alarm", alarm)
        routes.unary(Self.name, "Defragment", defragment)
        routes.unary(Self.name, "Hash", hash)
        routes.unary(Self.name, "HashKV", hashKV)
    }

    /// This member is always the leader; the raft index follows the revision (it grows with every write).
    package func status(_ request: StatusRequest) async throws -> StatusResponse {
        let revision = store.currentRevision
        let header = headers.header(revision: revision)
        let size = max(store.storageBytes, 1)
        return StatusResponse(
            header: header,
            version: version,
            dbSize: size,
            leader: header.memberID,
            raftIndex: UInt64(revision),
            raftTerm: header.raftTerm,
            raftAppliedIndex: UInt64(revision),
            errors: alarms.alarms.map { "memberID:\(header.memberID) alarm:\(AlarmRegistry.name(of: $0)) " },
            dbSizeInUse: size
        )
    }

    /// GET lists the active alarms; ACTIVATE raises one; DEACTIVATE (`etcdctl alarm disarm`) clears it. The
    /// response lists the alarms the request touched, as etcd's does.
    package func alarm(_ request: AlarmRequest) async throws -> AlarmResponse {
        let memberID = headers.identity.memberID
        var response = AlarmResponse(header: headers.header(revision: store.currentRevision))
        switch request.action {
        case .activate where request.alarm != .none:
            alarms.activate(request.alarm)
            response.alarms = [AlarmMember(memberID: memberID, alarm: request.alarm)]
        case .deactivate:
            if alarms.deactivate(request.alarm) {
                response.alarms = [AlarmMember(memberID: memberID, alarm: request.alarm)]
            }
        case .get:
            response.alarms = alarms.alarms.map { AlarmMember(memberID: memberID, alarm: $0) }
        default:
            break
        }
        return response
    }

    /// The log and snapshots already drop compacted history on their own, so there is nothing to rewrite.
    package func defragment(_ request: DefragmentRequest) async throws -> DefragmentResponse {
        DefragmentResponse(header: headers.header(revision: store.currentRevision))
    }

    package func hash(_ request: HashRequest) async throws -> HashResponse {
        let revision = store.currentRevision
        return HashResponse(header: headers.header(revision: revision), hash: try StateHasher(store: store).fullHash())
    }

    /// The key-value digest at `revision` (0 = current), with the compact revision it starts from.
    package func hashKV(_ request: HashKVRequest) async throws -> HashKVResponse {
        let revision = store.currentRevision
        return HashKVResponse(
            header: headers.header(revision: revision),
            hash: try StateHasher(store: store).keyValueHash(at: request.revision),
            compactRevision: store.compactRevision
        )
    }
}

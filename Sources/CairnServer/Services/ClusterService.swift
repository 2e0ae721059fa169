import CairnStore
import CairnWire

/// `etcdserverpb.Cluster`: MemberList reports this member, or every live process of a group sharing the store;
/// the membership-changing methods are not served (UNIMPLEMENTED) since members join by sharing the storage.
package struct ClusterService: Sendable {
    package static let name = "etcdserverpb.Cluster"

    let headers: ResponseHeaders
    /// Asked for the group's members; nil or a store without a group reports this member alone.
    let store: (any KeyValueBackend)?

    package init(headers: ResponseHeaders, store: (any KeyValueBackend)? = nil) {
        self.headers = headers
        self.store = store
    }

    package func register(on routes: inout InstrumentedRoutes) {
        routes.unary(Self.name, "MemberList", memberList)
    }

    /// The header carries no revision, as etcd 3.4 sends it.
    package func memberList(_ request: MemberListRequest) async throws -> MemberListResponse {
        if let group = try await store?.groupMembers() {
            return MemberListResponse(
                header: headers.headerWithoutRevision(),
                members: group.map {
                    Member(id: $0.id, name: $0.name, peerURLs: $0.peerURLs, clientURLs: $0.clientURLs)
                }
            )
        }
        let identity = headers.identity
        return MemberListResponse(
            header: headers.headerWithoutRevision(),
            members: [
                Member(
                    id: identity.memberID, name: identity.name, peerURLs: identity.peerURLs,
                    clientURLs: identity.clientURLs)
            ]
        )
    }
}

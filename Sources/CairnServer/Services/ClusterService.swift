import CairnWire

/// `etcdserverpb.Cluster`: MemberList reports this one member; the membership-changing methods are not served
/// (UNIMPLEMENTED) since a single node cannot grow.
package struct ClusterService: Sendable {
    package static let name = "etcdserverpb.Cluster"

    let headers: ResponseHeaders

    package init(headers: ResponseHeaders) {
        self.headers = headers
    }

    package func register(on routes: inout InstrumentedRoutes) {
        routes.unary(Self.name, "MemberList", memberList)
    }

    /// The header carries no revision, as etcd 3.4 sends it.
    package func memberList(_ request: MemberListRequest) async throws -> MemberListResponse {
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

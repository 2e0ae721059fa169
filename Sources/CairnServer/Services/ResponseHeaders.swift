import CairnWire

/// Fills response headers as etcd does: cluster_id, member_id and raft_term on every top-level header,
/// with the revision the store reported (or the current one).
package struct ResponseHeaders: Sendable {
    package let identity: MemberIdentity

    package init(identity: MemberIdentity) {
        self.identity = identity
    }

    /// A complete header at `revision`.
    package func header(revision: Int64) -> ResponseHeader {
        ResponseHeader(
            clusterID: identity.clusterID, memberID: identity.memberID, revision: revision, raftTerm: identity.raftTerm)
    }

    /// The store's revision-only header made complete (a missing one becomes revision 0).
    package func complete(_ partial: ResponseHeader?) -> ResponseHeader {
        header(revision: partial?.revision ?? 0)
    }

    /// A header without a revision, as etcd 3.4 sends on MemberList.
    package func headerWithoutRevision() -> ResponseHeader {
        header(revision: 0)
    }
}

import CairnStore

/// Who this single-member cluster is: the ids and URLs every response header and MemberList report.
///
/// The ids are derived from the member's name and advertised URLs (etcd derives them from its peer URLs and
/// cluster token), so they are stable across restarts of the same configuration and never zero.
package struct MemberIdentity: Sendable, Equatable {
    package var name: String
    package var memberID: UInt64
    package var clusterID: UInt64
    package var peerURLs: [String]
    package var clientURLs: [String]
    /// The raft term a single node reports: etcd is at 2 after its first election.
    package var raftTerm: UInt64 = 2

    /// etcd's default `--initial-advertise-peer-urls`, reported since Cairn has no peer port.
    package static let defaultPeerURL = "http://localhost:2380"

    package init(name: String, clientURLs: [String], peerURLs: [String] = [Self.defaultPeerURL]) {
        self.name = name
        self.clientURLs = clientURLs
        self.peerURLs = peerURLs
        memberID = Self.nonZeroHash(["member", name] + peerURLs + clientURLs)
        clusterID = Self.nonZeroHash(["cluster", name, String(memberID)])
    }

    /// 64-bit FNV-1a over the parts (each followed by a 0 byte so that part boundaries matter), never 0.
    static func nonZeroHash(_ parts: [String]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 + [0] {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return hash == 0 ? 1 : hash
    }
}

extension MemberIdentity {
    /// This member as a group sharing one storage lists it in MemberList.
    package var groupMember: GroupMember {
        GroupMember(id: memberID, name: name, peerURLs: peerURLs, clientURLs: clientURLs)
    }
}

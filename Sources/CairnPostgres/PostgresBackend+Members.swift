import CairnStore
import Logging
import PostgresNIO

extension PostgresBackend {
    /// The members whose last heartbeat is younger than `memberTimeout`, by id.
    package func groupMembers() async throws -> [GroupMember]? {
        do {
            var members: [GroupMember] = []
            let rows = try await leader.query(
                """
                SELECT id, name, peer_urls, client_urls FROM cairn_members
                WHERE heartbeat_at > clock_timestamp() - \(Self.milliseconds(configuration.memberTimeout)) * interval '1 millisecond'
                ORDER BY id
                """
            )
            for try await (id, name, peers, clients) in rows.decode((Int64, String, [String], [String]).self) {
                members.append(
                    GroupMember(id: UInt64(bitPattern: id), name: name, peerURLs: peers, clientURLs: clients))
            }
            return members
        } catch {
            throw Self.unavailable(error)
        }
    }

    /// Registers this process, or renews its registration, with the revision its view has applied;
    /// also clears members that stopped heartbeating long ago.
    func heartbeat() async throws {
        let applied = currentRevision
        try await leader.query(
            """
            WITH renewed AS (
                INSERT INTO cairn_members (id, name, peer_urls, client_urls, applied_revision, heartbeat_at)
                VALUES (\(Int64(bitPattern: member.id)), \(member.name), \(member.peerURLs), \(member.clientURLs),
                \(applied), clock_timestamp())
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, peer_urls = excluded.peer_urls,
                client_urls = excluded.client_urls, applied_revision = excluded.applied_revision,
                heartbeat_at = excluded.heartbeat_at
            )
            DELETE FROM cairn_members WHERE heartbeat_at < clock_timestamp() - interval '1 hour'
            """
        )
    }

    /// Renews the membership every `heartbeatInterval` until the backend closes. Each renewal also tells
    /// `/health` whether the database answers, so an idle process notices an outage within an interval.
    func heartbeatLoop() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: configuration.heartbeatInterval)
            } catch {
                return
            }
            do {
                try await heartbeat()
                noteDatabase(nil)
            } catch {
                if Task.isCancelled { return }
                noteDatabase(error)
                logger.warning("renewing the membership failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    /// Leaves the group at a clean close, so MemberList drops this process at once.
    func leave() async {
        let id = Int64(bitPattern: member.id)
        do {
            try await leader.query("DELETE FROM cairn_members WHERE id = \(id)")
        } catch {
            logger.warning("leaving the group failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}

import Foundation

/// The state a write leaves a key in, if it takes effect.
enum KeyState: Equatable, Sendable {
    case absent
    case present(value: String, lease: Int64)
}

/// One write attempted on one key: what it would leave behind, and the revision the server acknowledged
/// (nil when the client saw no success, e.g. because the server was killed mid-request).
struct WriteAttempt: Sendable {
    var state: KeyState
    var acknowledgedRevision: Int64?
}

/// Every write a load generator attempted, per key in the order attempted, plus the leases it was granted.
///
/// Each key is written by one writer only, sequentially, so the rules are simple: the key must end in the state
/// of its last acknowledged write (at exactly the acknowledged revision), or in the state of a later
/// unacknowledged write that may have reached the log before the crash.
struct WriteLedger: Sendable {
    private(set) var attempts: [String: [WriteAttempt]] = [:]
    private(set) var acknowledgedLeases: [Int64] = []

    var acknowledgedCount: Int {
        attempts.values.reduce(0) { $0 + $1.filter { $0.acknowledgedRevision != nil }.count }
            + acknowledgedLeases.count
    }

    var highestAcknowledgedRevision: Int64 {
        attempts.values.flatMap { $0.compactMap(\.acknowledgedRevision) }.max() ?? 0
    }

    mutating func record(_ key: String, _ state: KeyState, revision: Int64?) {
        attempts[key, default: []].append(WriteAttempt(state: state, acknowledgedRevision: revision))
    }

    mutating func recordLease(_ id: Int64) {
        acknowledgedLeases.append(id)
    }

    mutating func merge(_ other: WriteLedger) {
        attempts.merge(other.attempts) { $0 + $1 }
        acknowledgedLeases += other.acknowledgedLeases
    }

    /// Compares the ledger with what the server holds and describes every acknowledged write it lost.
    func violations(in dump: StoreDump) -> [String] {
        var problems: [String] = []
        if dump.revision < highestAcknowledgedRevision {
            problems.append("store revision \(dump.revision) < acknowledged revision \(highestAcknowledgedRevision)")
        }
        for (key, keyAttempts) in attempts {
            let lastAcknowledged = keyAttempts.lastIndex { $0.acknowledgedRevision != nil }
            let actual = dump.keys[key]
            let actualState: KeyState = actual.map { .present(value: $0.value, lease: $0.lease) } ?? .absent
            let candidates = keyAttempts[(lastAcknowledged ?? 0)...]
            let allowed = candidates.map(\.state) + (lastAcknowledged == nil ? [.absent] : [])
            if !allowed.contains(actualState) {
                problems.append("\(key): found \(actualState), expected one of \(allowed)")
                continue
            }
            if let index = lastAcknowledged, keyAttempts[index].state == actualState,
                case .present = actualState, let revision = keyAttempts[index].acknowledgedRevision,
                actual?.modRevision != revision,
                !keyAttempts[(index + 1)...].contains(where: { $0.state == actualState })
            {
                problems.append("\(key): mod_revision \(actual?.modRevision ?? 0), acknowledged at \(revision)")
            }
        }
        return problems
    }
}

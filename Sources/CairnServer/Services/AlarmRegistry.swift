import CairnWire
import NIOConcurrencyHelpers

/// The active alarms of this member (etcd keeps them per member; a single node has one member).
///
/// NOSPACE is raised by ``SpaceQuota`` when the data directory outgrows `--quota-backend-bytes` and stays until
/// an operator disarms it (`etcdctl alarm disarm`), as in etcd.
package final class AlarmRegistry: Sendable {
    private let active = NIOLockedValueBox<Set<AlarmType>>([])

    package init() {}

    package var alarms: [AlarmType] {
        active.withLockedValue { $0 }.sorted { $0.rawValue < $1.rawValue }
    }

    package func contains(_ alarm: AlarmType) -> Bool {
        active.withLockedValue { $0.contains(alarm) }
    }

    /// Raises `alarm`; returns whether it was newly raised.
    @discardableResult
    package func activate(_ alarm: AlarmType) -> Bool {
        active.withLockedValue { $0.insert(alarm).inserted }
    }

    /// Clears `alarm`; returns whether it was active.
    @discardableResult
    package func deactivate(_ alarm: AlarmType) -> Bool {
        active.withLockedValue { $0.remove(alarm) != nil }
    }

    /// The alarm names etcd prints (`NOSPACE`, `CORRUPT`).
    package static func name(of alarm: AlarmType) -> String {
        switch alarm {
        case .nospace: return "NOSPACE"
        case .corrupt: return "CORRUPT"
        default: return "NONE"
        }
    }
}

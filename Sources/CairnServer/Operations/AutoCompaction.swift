/// The automatic compaction policy from `--auto-compaction-mode` and `--auto-compaction-retention`.
package enum AutoCompaction: Sendable, Equatable {
    /// Retention `0`: the server never compacts by itself (etcd's default).
    case off
    /// Keep roughly this much history: compact to the revision current `retention` ago.
    case periodic(retention: Duration)
    /// Keep this many revisions behind the current one.
    case revision(retention: Int64)

    /// The `--auto-compaction-mode` values etcd accepts.
    package enum Mode: String, Sendable, CaseIterable {
        case periodic
        case revision
    }

    /// Interprets a retention text under a mode, as etcd does: in periodic mode a Go duration (`1h`, `30m`) or a
    /// plain number of hours; in revision mode a revision count. Returns nil when the text is invalid.
    package static func parse(mode: Mode, retention: String) -> AutoCompaction? {
        switch mode {
        case .periodic:
            let duration: Duration
            if let hours = Int64(retention) {
                guard hours >= 0, hours <= Int64.max / 3600 else { return nil }
                duration = .seconds(hours * 3600)
            } else if let parsed = GoDuration.parse(retention) {
                duration = parsed
            } else {
                return nil
            }
            return duration == .zero ? .off : .periodic(retention: duration)
        case .revision:
            guard let count = Int64(retention), count >= 0 else { return nil }
            return count == 0 ? .off : .revision(retention: count)
        }
    }
}

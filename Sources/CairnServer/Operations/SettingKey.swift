/// One configurable server setting, named exactly as etcd names its flag.
///
/// The same name is the YAML key of the configuration file, and upper-snake-cased it is the suffix of the
/// `ETCD_…` / `CAIRN_…` environment variables, so existing etcd deployment files keep working.
package enum SettingKey: String, CaseIterable, Sendable {
    case name
    case dataDir = "data-dir"
    case backend
    case listenClientURLs = "listen-client-urls"
    case advertiseClientURLs = "advertise-client-urls"
    case listenMetricsURLs = "listen-metrics-urls"
    case maxRequestBytes = "max-request-bytes"
    case maxTxnOps = "max-txn-ops"
    case maxConcurrentStreams = "max-concurrent-streams"
    case maxConnections = "max-connections"
    case maxWatchersPerStream = "max-watchers-per-stream"
    case quotaBackendBytes = "quota-backend-bytes"
    case autoCompactionMode = "auto-compaction-mode"
    case autoCompactionRetention = "auto-compaction-retention"
    case snapshotCount = "snapshot-count"
    case logLevel = "log-level"
    case logFormat = "log-format"
    case unsafeNoFsync = "unsafe-no-fsync"
    case watchProgressNotifyInterval = "watch-progress-notify-interval"
    case configFile = "config-file"

    /// etcd 3.4/3.5 spell the progress interval with an `experimental-` prefix; both names are accepted.
    package static let experimentalWatchProgressNotifyInterval = "experimental-watch-progress-notify-interval"

    /// etcd flags that only make sense for a cluster, a Go runtime or zap: accepted from every source so that
    /// existing etcd scripts and config files start `cairnd` unchanged, and logged as ignored.
    package static let ignoredForCompatibility: Set<String> = [
        "listen-peer-urls", "initial-advertise-peer-urls", "initial-cluster", "initial-cluster-token",
        "initial-cluster-state", "heartbeat-interval", "election-timeout", "enable-pprof", "metrics", "logger",
        "log-outputs",
    ]

    /// The start-up notice for an ignored compatibility setting.
    package static func ignoredNotice(_ source: String) -> String {
        "ignoring \(source): accepted for etcd compatibility, not used by a single-member cairnd"
    }

    /// Looks a setting up by flag name or YAML key, including the `experimental-` alias.
    package init?(name: String) {
        if name == Self.experimentalWatchProgressNotifyInterval {
            self = .watchProgressNotifyInterval
        } else {
            self.init(rawValue: name)
        }
    }

    /// `--data-dir` → `DATA_DIR`, the part after `ETCD_` or `CAIRN_`.
    package static func environmentSuffix(of name: String) -> String {
        String(name.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    /// How the setting appears in messages: `--data-dir`.
    package var flag: String { "--" + rawValue }
}

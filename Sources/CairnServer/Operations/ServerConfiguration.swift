/// Everything `cairnd` is told at start-up, with etcd's names, meanings and defaults.
///
/// Built by ``ConfigurationResolver`` from command-line flags, `ETCD_*`/`CAIRN_*` environment variables and the
/// YAML `--config-file`, in that order of precedence, over the defaults below.
package struct ServerConfiguration: Sendable, Equatable {
    /// etcd's `--quota-backend-bytes` default, used when the flag is 0: 2 GiB.
    package static let defaultQuotaBackendBytes: Int64 = 2 * 1024 * 1024 * 1024
    package static let defaultClientURL = ClientURL(scheme: "http", host: "localhost", port: 2379)

    /// `--name`: this member's human-readable name, reported by MemberList and Status.
    package var name = "default"
    /// `--data-dir`: where the WAL and snapshots live; defaults to `<name>.cairn`.
    package var dataDir = "default.cairn"
    /// `--backend`: `nil` keeps the keys in the embedded store under `dataDir`; a
    /// `postgres://user[:password]@host[:port]/database` URL keeps them in that PostgreSQL database, which
    /// several cairnd may share.
    package var backend: String?
    /// `--listen-client-urls`: where gRPC and the HTTP/1.1 endpoints are served.
    package var listenClientURLs = [Self.defaultClientURL]
    /// `--advertise-client-urls`: the URLs MemberList tells clients to use. When unset but
    /// `--listen-client-urls` is set, the listen URLs are advertised.
    package var advertiseClientURLs = [Self.defaultClientURL]
    /// `--listen-metrics-urls`: extra HTTP/1.1-only listeners for `/metrics` and `/health`.
    package var listenMetricsURLs: [ClientURL] = []
    /// `--max-request-bytes`: the largest request a client may send (etcd: 1.5 MiB).
    package var maxRequestBytes = 1_572_864
    /// `--max-txn-ops`: the most operations one Txn may hold.
    package var maxTxnOps = 128
    /// `--max-concurrent-streams`: HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS advertised to each client connection.
    package var maxConcurrentStreams = UInt32.max
    /// `--max-connections`: client connections open at once (0 on the command line: no limit, `Int.max`).
    package var maxConnections = Int.max
    /// `--max-watchers-per-stream`: watchers one Watch stream may hold (0 on the command line: no limit).
    package var maxWatchersPerStream = Int.max
    /// `--quota-backend-bytes` after applying etcd's "0 means 2 GiB": the size above which NOSPACE is raised.
    package var quotaBackendBytes = Self.defaultQuotaBackendBytes
    /// `--auto-compaction-mode` with `--auto-compaction-retention`.
    package var autoCompaction = AutoCompaction.off
    /// `--snapshot-count`: committed entries between two snapshots.
    package var snapshotCount: UInt64 = 10_000
    /// `--log-level`.
    package var logLevel = ServerLogLevel.info
    /// `--log-format`.
    package var logFormat = LogFormat.json
    /// `--unsafe-no-fsync`: skip fsync (data may be lost on a crash; for tests).
    package var unsafeNoFsync = false
    /// `--watch-progress-notify-interval` (etcd: `--experimental-watch-progress-notify-interval`).
    package var watchProgressNotifyInterval = Duration.seconds(600)
    /// `--config-file`, when one was given.
    package var configFile: String?

    package init() {}
}

/// `--log-level` values, with etcd's (zap's) names.
package enum ServerLogLevel: String, Sendable, CaseIterable {
    case debug, info, warn, error, panic, fatal
}

/// `--log-format` values: zap's JSON lines (etcd's default) or tab-separated console lines.
package enum LogFormat: String, Sendable, CaseIterable {
    case json, console
}

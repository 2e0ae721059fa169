import ArgumentParser
import Foundation

/// The `cairnd` command line: etcd's server flags with etcd's names.
///
/// Every option is optional text here so that ``ConfigurationResolver`` can tell "not given" from "given" and
/// fall back to `ETCD_*`/`CAIRN_*` variables and the YAML `--config-file`; parsing and validation happen there.
package struct CairndCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "cairnd",
        abstract: "An etcd-v3-compatible key-value server.",
        discussion: """
            Every flag can also be set with an ETCD_<FLAG> or CAIRN_<FLAG> environment variable \
            (e.g. ETCD_DATA_DIR) or in the YAML --config-file under the flag's name. \
            Flags win over the environment, which wins over the config file.
            """,
        version: "cairnd \(CairnVersion.cairn) (etcd \(CairnVersion.etcdServer) compatible)"
    )

    @Option(name: .customLong("name"), help: "Human-readable name for this member. (default: default)")
    var name: String?

    @Option(name: .customLong("data-dir"), help: "Path to the data directory. (default: <name>.cairn)")
    var dataDir: String?

    @Option(
        name: .customLong("backend"),
        help: "Where the keys live: embedded (in --data-dir) or postgres://user@host:port/database. (default: embedded)"
    )
    var backend: String?

    @Option(
        name: .customLong("listen-client-urls"),
        help: "Comma-separated URLs to listen on for client traffic. (default: http://localhost:2379)"
    )
    var listenClientURLs: String?

    @Option(
        name: .customLong("advertise-client-urls"),
        help: "Comma-separated client URLs to advertise to clients. (default: the listen client URLs)"
    )
    var advertiseClientURLs: String?

    @Option(
        name: .customLong("listen-metrics-urls"),
        help: "Comma-separated extra URLs serving /metrics and /health over HTTP/1.1."
    )
    var listenMetricsURLs: String?

    @Option(name: .customLong("max-request-bytes"), help: "Maximum client request size in bytes. (default: 1572864)")
    var maxRequestBytes: String?

    @Option(name: .customLong("max-txn-ops"), help: "Maximum number of operations in one transaction. (default: 128)")
    var maxTxnOps: String?

    @Option(
        name: .customLong("max-concurrent-streams"),
        help: "Maximum concurrent HTTP/2 streams per client connection. (default: 4294967295)"
    )
    var maxConcurrentStreams: String?

    @Option(
        name: .customLong("max-connections"),
        help: "Maximum open client connections; more are closed on accept. 0 means no limit. (default: 0)"
    )
    var maxConnections: String?

    @Option(
        name: .customLong("max-watchers-per-stream"),
        help: "Maximum watchers on one Watch stream; more creates are refused. 0 means no limit. (default: 0)"
    )
    var maxWatchersPerStream: String?

    @Option(
        name: .customLong("quota-backend-bytes"),
        help: "Raise the NOSPACE alarm when the database exceeds this size; 0 means 2 GiB. (default: 0)"
    )
    var quotaBackendBytes: String?

    @Option(name: .customLong("auto-compaction-mode"), help: "periodic or revision. (default: periodic)")
    var autoCompactionMode: String?

    @Option(
        name: .customLong("auto-compaction-retention"),
        help: "History to keep: hours or a duration (1h, 5m) in periodic mode, revisions in revision mode; 0 is off."
    )
    var autoCompactionRetention: String?

    @Option(name: .customLong("snapshot-count"), help: "Committed entries between snapshots. (default: 10000)")
    var snapshotCount: String?

    @Option(name: .customLong("log-level"), help: "debug, info, warn, error, panic or fatal. (default: info)")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "json or console. (default: json)")
    var logFormat: String?

    @Flag(name: .customLong("unsafe-no-fsync"), help: "Disable fsync; data may be lost on a crash.")
    var unsafeNoFsync = false

    @Option(
        name: [
            .customLong("watch-progress-notify-interval"), .customLong("experimental-watch-progress-notify-interval"),
        ],
        help: "Interval of progress notifications to watchers that asked for them. (default: 10m)"
    )
    var watchProgressNotifyInterval: String?

    @Option(name: .customLong("config-file"), help: "Path to a YAML file with settings under etcd's flag names.")
    var configFile: String?

    @OptionGroup var compatibility: EtcdCompatibilityOptions

    package init() {}

    /// The settings given on the command line, as text keyed by setting.
    package func flagValues() -> [SettingKey: String] {
        let given: [(SettingKey, String?)] = [
            (.name, name), (.dataDir, dataDir), (.backend, backend), (.listenClientURLs, listenClientURLs),
            (.advertiseClientURLs, advertiseClientURLs), (.listenMetricsURLs, listenMetricsURLs),
            (.maxRequestBytes, maxRequestBytes), (.maxTxnOps, maxTxnOps),
            (.maxConcurrentStreams, maxConcurrentStreams), (.maxConnections, maxConnections),
            (.maxWatchersPerStream, maxWatchersPerStream),
            (.quotaBackendBytes, quotaBackendBytes),
            (.autoCompactionMode, autoCompactionMode), (.autoCompactionRetention, autoCompactionRetention),
            (.snapshotCount, snapshotCount), (.logLevel, logLevel), (.logFormat, logFormat),
            (.unsafeNoFsync, unsafeNoFsync ? "true" : nil),
            (.watchProgressNotifyInterval, watchProgressNotifyInterval), (.configFile, configFile),
        ]
        var values: [SettingKey: String] = [:]
        for case (let key, let value?) in given { values[key] = value }
        return values
    }

    /// Layers these flags over the environment and the config file (see ``ConfigurationResolver``).
    package func resolveConfiguration(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        readFile: (String) throws -> String = ConfigurationResolver.readTextFile
    ) throws(ConfigurationError) -> ConfigurationResolution {
        try ConfigurationResolver.resolve(
            flags: flagValues(),
            ignoredFlags: compatibility.given(),
            environment: environment,
            readFile: readFile
        )
    }
}

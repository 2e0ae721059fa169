import Logging

/// The lines `cairnd` logs before serving, so an operator can confirm the effective configuration.
package struct StartupLog {
    /// etcd's warning for plain-HTTP client listeners that other machines can reach.
    package static let insecureWarning = "serving client traffic insecurely; this is strongly discouraged!"

    package struct Entry {
        package var level: Logger.Level
        package var message: String
        package var metadata: Logger.Metadata
    }

    package var entries: [Entry] = []

    package init(configuration: ServerConfiguration, notices: [String]) {
        let urls: ([ClientURL]) -> Logger.Metadata.Value = { .array($0.map { .string($0.description) }) }
        let (compactionMode, compactionRetention) = Self.describe(configuration.autoCompaction)
        entries.append(
            Entry(
                level: .info,
                message: "starting a cairn server",
                metadata: [
                    "cairn-version": .string(CairnVersion.cairn),
                    "etcd-version": .string(CairnVersion.etcdServer),
                    "name": .string(configuration.name),
                    "data-dir": .string(configuration.dataDir),
                    "listen-client-urls": urls(configuration.listenClientURLs),
                    "advertise-client-urls": urls(configuration.advertiseClientURLs),
                    "listen-metrics-urls": urls(configuration.listenMetricsURLs),
                    "quota-backend-bytes": .stringConvertible(configuration.quotaBackendBytes),
                    "max-request-bytes": .stringConvertible(configuration.maxRequestBytes),
                    "max-txn-ops": .stringConvertible(configuration.maxTxnOps),
                    "max-concurrent-streams": .stringConvertible(configuration.maxConcurrentStreams),
                    "max-connections": .stringConvertible(
                        configuration.maxConnections == Int.max ? 0 : configuration.maxConnections),
                    "max-watchers-per-stream": .stringConvertible(
                        configuration.maxWatchersPerStream == Int.max ? 0 : configuration.maxWatchersPerStream),
                    "snapshot-count": .stringConvertible(configuration.snapshotCount),
                    "auto-compaction-mode": .string(compactionMode),
                    "auto-compaction-retention": .string(compactionRetention),
                    "watch-progress-notify-interval": .string(
                        GoDuration.format(configuration.watchProgressNotifyInterval)),
                    "unsafe-no-fsync": .stringConvertible(configuration.unsafeNoFsync),
                    "log-level": .string(configuration.logLevel.rawValue),
                    "config-file": .string(configuration.configFile ?? ""),
                ]
            )
        )
        for notice in notices {
            entries.append(Entry(level: .warning, message: notice, metadata: [:]))
        }
        for url in configuration.listenClientURLs + configuration.listenMetricsURLs
        where !url.isTLS && !url.isLoopback {
            entries.append(
                Entry(level: .warning, message: Self.insecureWarning, metadata: ["address": .string("\(url)")]))
        }
    }

    package func write(to logger: Logger) {
        for entry in entries {
            logger.log(level: entry.level, "\(entry.message)", metadata: entry.metadata)
        }
    }

    /// The mode and retention as etcd logs them (`periodic`/`1h0m0s`, `revision`/`1000`, `periodic`/`0s`).
    private static func describe(_ policy: AutoCompaction) -> (String, String) {
        switch policy {
        case .off: ("periodic", "0s")
        case .periodic(let retention): ("periodic", GoDuration.format(retention))
        case .revision(let retention): ("revision", "\(retention)")
        }
    }
}

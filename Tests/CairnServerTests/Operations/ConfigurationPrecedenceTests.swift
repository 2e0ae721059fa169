import Testing

@testable import CairnServer

@Suite struct ConfigurationPrecedenceTests {
    private struct MissingFile: Error {}

    private func resolve(
        flags: [SettingKey: String] = [:],
        environment: [String: String] = [:],
        files: [String: String] = [:]
    ) throws -> ConfigurationResolution {
        try ConfigurationResolver.resolve(flags: flags, environment: environment) { path in
            guard let text = files[path] else { throw MissingFile() }
            return text
        }
    }

    @Test func defaultsMatchEtcd() throws {
        let configuration = try resolve().configuration
        #expect(configuration.name == "default")
        #expect(configuration.dataDir == "default.cairn")
        #expect(configuration.listenClientURLs.map(\.description) == ["http://localhost:2379"])
        #expect(configuration.advertiseClientURLs.map(\.description) == ["http://localhost:2379"])
        #expect(configuration.listenMetricsURLs.isEmpty)
        #expect(configuration.maxRequestBytes == 1_572_864)
        #expect(configuration.maxTxnOps == 128)
        #expect(configuration.maxConcurrentStreams == UInt32.max)
        #expect(configuration.maxConnections == Int.max)
        #expect(configuration.maxWatchersPerStream == Int.max)
        #expect(configuration.quotaBackendBytes == 2_147_483_648)
        #expect(configuration.autoCompaction == .off)
        #expect(configuration.snapshotCount == 10_000)
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .json)
        #expect(configuration.unsafeNoFsync == false)
        #expect(configuration.watchProgressNotifyInterval == .seconds(600))
        #expect(configuration.configFile == nil)
    }

    @Test func flagsBeatEnvironmentWhichBeatsConfigFileWhichBeatsDefaults() throws {
        let yaml = """
            name: from-file
            max-txn-ops: 10
            max-request-bytes: 1000
            snapshot-count: 7
            """
        let configuration = try resolve(
            flags: [.name: "from-flag", .configFile: "/etc/cairn.yaml"],
            environment: ["ETCD_NAME": "from-env", "ETCD_MAX_TXN_OPS": "20", "ETCD_MAX_REQUEST_BYTES": "2000"],
            files: ["/etc/cairn.yaml": yaml]
        ).configuration
        #expect(configuration.name == "from-flag")
        #expect(configuration.maxTxnOps == 20)
        #expect(configuration.maxRequestBytes == 2000)
        #expect(configuration.snapshotCount == 7)
        #expect(configuration.maxConcurrentStreams == UInt32.max)
        #expect(configuration.dataDir == "from-flag.cairn")
        #expect(configuration.configFile == "/etc/cairn.yaml")
    }

    @Test func cairnPrefixBeatsEtcdPrefix() throws {
        let configuration = try resolve(environment: ["ETCD_DATA_DIR": "/etcd", "CAIRN_DATA_DIR": "/cairn"])
            .configuration
        #expect(configuration.dataDir == "/cairn")
    }

    @Test func configFileCanBeNamedInTheEnvironment() throws {
        let configuration = try resolve(
            environment: ["ETCD_CONFIG_FILE": "/c.yaml"],
            files: ["/c.yaml": "log-level: debug\nlog-format: console\nunsafe-no-fsync: true\n"]
        ).configuration
        #expect(configuration.logLevel == .debug)
        #expect(configuration.logFormat == .console)
        #expect(configuration.unsafeNoFsync)
    }

    @Test func urlListsFromCommasAndYAMLSequences() throws {
        let yaml = """
            listen-client-urls:
              - http://127.0.0.1:2379
              - http://[::1]:2381
            advertise-client-urls: http://a:1, http://b:2
            """
        let configuration = try resolve(flags: [.configFile: "/c"], files: ["/c": yaml]).configuration
        #expect(configuration.listenClientURLs.map(\.description) == ["http://127.0.0.1:2379", "http://[::1]:2381"])
        #expect(configuration.advertiseClientURLs.map(\.description) == ["http://a:1", "http://b:2"])
    }

    @Test func advertiseDefaultsToExplicitListenURLs() throws {
        let configuration = try resolve(flags: [.listenClientURLs: "http://127.0.0.1:23790"]).configuration
        #expect(configuration.advertiseClientURLs.map(\.description) == ["http://127.0.0.1:23790"])
    }

    @Test func quotaZeroMeansTwoGibibytes() throws {
        #expect(try resolve(flags: [.quotaBackendBytes: "0"]).configuration.quotaBackendBytes == 2_147_483_648)
        #expect(try resolve(flags: [.quotaBackendBytes: "1024"]).configuration.quotaBackendBytes == 1024)
    }

    @Test func experimentalProgressIntervalNamesAreAccepted() throws {
        let fromEnvironment = try resolve(environment: ["ETCD_EXPERIMENTAL_WATCH_PROGRESS_NOTIFY_INTERVAL": "5s"])
        #expect(fromEnvironment.configuration.watchProgressNotifyInterval == .seconds(5))
        let fromFile = try resolve(
            flags: [.configFile: "/c"],
            files: ["/c": "experimental-watch-progress-notify-interval: 2000000000\n"]
        )
        #expect(fromFile.configuration.watchProgressNotifyInterval == .seconds(2))
    }

    @Test func autoCompactionModes() throws {
        let hours = try resolve(flags: [.autoCompactionRetention: "1"]).configuration
        #expect(hours.autoCompaction == .periodic(retention: .seconds(3600)))
        let minutes = try resolve(flags: [.autoCompactionRetention: "5m"]).configuration
        #expect(minutes.autoCompaction == .periodic(retention: .seconds(300)))
        let revisions = try resolve(
            flags: [.autoCompactionMode: "revision", .autoCompactionRetention: "1000"]
        ).configuration
        #expect(revisions.autoCompaction == .revision(retention: 1000))
        let off = try resolve(flags: [.autoCompactionMode: "revision", .autoCompactionRetention: "0"]).configuration
        #expect(off.autoCompaction == .off)
    }

    @Test func noticesNameShadowedAndUnknownSettings() throws {
        let resolution = try resolve(
            flags: [.name: "n", .configFile: "/c"],
            environment: ["ETCD_NAME": "e", "ETCD_NO_SUCH_FLAG": "1", "ETCDCTL_API": "3"],
            files: ["/c": "no-such-key: 1\n"]
        )
        #expect(
            resolution.notices.sorted() == [
                "ignoring unknown key \"no-such-key\" in config file /c",
                "recognized environment variable ETCD_NAME, but unused: shadowed by corresponding flag",
                "unrecognized environment variable ETCD_NO_SUCH_FLAG",
            ]
        )
    }

    @Test func clusterFlagsAreAcceptedAndReportedAsIgnored() throws {
        let command = try CairndCommand.parse([
            "--initial-cluster", "default=http://localhost:2380", "--enable-pprof", "--listen-peer-urls",
            "http://localhost:2380",
        ])
        let resolution = try command.resolveConfiguration(
            environment: ["ETCD_INITIAL_CLUSTER_STATE": "new", "CAIRN_CONFIG_FILE": "/c"],
            readFile: { _ in "initial-cluster-token: t\nname: n\n" }
        )
        #expect(resolution.configuration.name == "n")
        let suffix = ": accepted for etcd compatibility, not used by a single-member cairnd"
        #expect(
            resolution.notices == [
                "ignoring --listen-peer-urls" + suffix, "ignoring --initial-cluster" + suffix,
                "ignoring --enable-pprof" + suffix, "ignoring environment variable ETCD_INITIAL_CLUSTER_STATE" + suffix,
                "ignoring \"initial-cluster-token\" in config file /c" + suffix,
            ]
        )
    }

    @Test func commandLineOptionsUseEtcdFlagNames() throws {
        let command = try CairndCommand.parse([
            "--name", "m1", "--data-dir=/var/lib/cairn", "--listen-client-urls", "http://0.0.0.0:2379",
            "--max-txn-ops", "64", "--unsafe-no-fsync", "--experimental-watch-progress-notify-interval", "1m",
            "--log-format", "console",
        ])
        let configuration = try command.resolveConfiguration(environment: ["ETCD_MAX_TXN_OPS": "32"]).configuration
        #expect(configuration.name == "m1")
        #expect(configuration.dataDir == "/var/lib/cairn")
        #expect(configuration.listenClientURLs.map(\.description) == ["http://0.0.0.0:2379"])
        #expect(configuration.maxTxnOps == 64)
        #expect(configuration.unsafeNoFsync)
        #expect(configuration.watchProgressNotifyInterval == .seconds(60))
        #expect(configuration.logFormat == .console)
    }
}

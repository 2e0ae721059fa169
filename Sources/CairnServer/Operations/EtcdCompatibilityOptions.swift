import ArgumentParser

/// etcd flags `cairnd` accepts so that etcd command lines start it unchanged, but does not use: clustering,
/// Raft timing, pprof and zap output settings (``SettingKey/ignoredForCompatibility``). Each one given is
/// logged at start-up as ignored.
package struct EtcdCompatibilityOptions: ParsableArguments {
    @Option(name: .customLong("listen-peer-urls"), help: .hidden) var listenPeerURLs: String?
    @Option(name: .customLong("initial-advertise-peer-urls"), help: .hidden) var initialAdvertisePeerURLs: String?
    @Option(name: .customLong("initial-cluster"), help: .hidden) var initialCluster: String?
    @Option(name: .customLong("initial-cluster-token"), help: .hidden) var initialClusterToken: String?
    @Option(name: .customLong("initial-cluster-state"), help: .hidden) var initialClusterState: String?
    @Option(name: .customLong("heartbeat-interval"), help: .hidden) var heartbeatInterval: String?
    @Option(name: .customLong("election-timeout"), help: .hidden) var electionTimeout: String?
    @Flag(name: .customLong("enable-pprof"), help: .hidden) var enablePprof = false
    @Option(name: .customLong("metrics"), help: .hidden) var metrics: String?
    @Option(name: .customLong("logger"), help: .hidden) var logger: String?
    @Option(name: .customLong("log-outputs"), help: .hidden) var logOutputs: String?

    package init() {}

    /// The flag names (without dashes) that were given.
    package func given() -> [String] {
        let values: [(String, Bool)] = [
            ("listen-peer-urls", listenPeerURLs != nil),
            ("initial-advertise-peer-urls", initialAdvertisePeerURLs != nil),
            ("initial-cluster", initialCluster != nil), ("initial-cluster-token", initialClusterToken != nil),
            ("initial-cluster-state", initialClusterState != nil), ("heartbeat-interval", heartbeatInterval != nil),
            ("election-timeout", electionTimeout != nil), ("enable-pprof", enablePprof), ("metrics", metrics != nil),
            ("logger", logger != nil), ("log-outputs", logOutputs != nil),
        ]
        return values.filter(\.1).map(\.0)
    }
}

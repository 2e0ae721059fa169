import CairnStore

/// Limits of the Watch service.
package struct WatchServiceConfiguration: Sendable {
    /// etcd's `--max-request-bytes` (1.5 MiB by default). A response of a `fragment` watcher is
    /// split when it exceeds this plus `fragmentOverheadBytes`; each fragment stays below this.
    package var maxRequestBytes: Int
    /// The gRPC allowance etcd adds to `maxRequestBytes` (512 KiB).
    package var fragmentOverheadBytes: Int
    /// The hub's queue, batch and progress-notification settings.
    package var hub: WatchHubConfiguration

    package init(
        maxRequestBytes: Int = 1_572_864,
        fragmentOverheadBytes: Int = 512 * 1024,
        hub: WatchHubConfiguration = WatchHubConfiguration()
    ) {
        self.maxRequestBytes = maxRequestBytes
        self.fragmentOverheadBytes = fragmentOverheadBytes
        self.hub = hub
    }
}

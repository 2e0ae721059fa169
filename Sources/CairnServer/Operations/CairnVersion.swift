/// Version strings the server reports.
///
/// Clients gate features on the etcd server version (Kubernetes checks it before using progress requests), so
/// `/version` and Maintenance.Status report an etcd 3.5 version alongside Cairn's own.
package enum CairnVersion {
    /// Cairn's own release.
    package static let cairn = "0.1.0"
    /// The etcd server version Cairn is compatible with, reported as `etcdserver` and in Status.
    package static let etcdServer = "3.5.17"
    /// The etcd cluster version (major.minor.0), reported as `etcdcluster`.
    package static let etcdCluster = "3.5.0"
}

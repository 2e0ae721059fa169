/// Failures of the embedded store itself (as opposed to etcd request errors, which are `EtcdError`).
package enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A snapshot or log record could not be decoded.
    case corruptState(String)
    /// The store was closed.
    case closed
    /// Writing the log failed earlier; the store accepts no more writes until it is reopened.
    case failed(String)

    package var description: String {
        switch self {
        case .corruptState(let reason): return "the store's saved state is damaged: \(reason)"
        case .closed: return "the store is closed"
        case .failed(let cause): return "the store stopped accepting writes after a log failure: \(cause)"
        }
    }
}

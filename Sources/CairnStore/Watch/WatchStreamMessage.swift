import CairnWire

/// One response a watch stream has to send, in the order the hub produced it.
///
/// The hub knows nothing of response headers; `revision` is the store revision the header
/// must carry.
package enum WatchStreamMessage: Hashable, Sendable {
    /// A watcher was registered.
    case created(watchID: Int64, revision: Int64)
    /// A create request was refused; etcd answers with watch id -1, created and canceled.
    case createRejected(reason: String, revision: Int64)
    /// Events of one watcher: one revision when live, up to a batch of revisions when catching up.
    case events(watchID: Int64, revision: Int64, events: [Event])
    /// The watcher needed history that was compacted away; it has been removed.
    case compacted(watchID: Int64, compactRevision: Int64, revision: Int64)
    /// The watcher was cancelled on request, or could not read its history (`reason`).
    case canceled(watchID: Int64, reason: String, revision: Int64)
    /// Progress: every event up to `revision` has been sent for `watchID` (-1: the whole stream).
    case progress(watchID: Int64, revision: Int64)

    /// How many events this message holds.
    var eventCount: Int {
        if case .events(_, _, let events) = self {
            return events.count
        }
        return 0
    }
}

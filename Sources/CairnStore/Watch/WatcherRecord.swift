/// One registered watcher, known to the hub by a handle unique over the hub's lifetime.
struct WatcherRecord {
    let streamID: Int
    let watchID: Int64
    let range: WatchKeyRange
    let options: WatchOptions
    /// The first revision not delivered yet. For a synced watcher it only matters when it lies
    /// in the future (a start revision above the current one); otherwise the watcher is
    /// implicitly at `publishedRevision + 1`.
    var nextRevision: Int64
    /// Synced watchers receive live commits through the index; the others catch up from history.
    var synced: Bool
    /// Whether events were queued since the last periodic progress tick.
    var sentSinceTick = false
}

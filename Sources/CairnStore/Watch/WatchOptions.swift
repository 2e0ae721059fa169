/// What one watcher asks for besides its key range.
package struct WatchOptions: Hashable, Sendable {
    /// First revision to deliver; 0 means "after the current revision".
    package var startRevision: Int64
    /// Attach the previous key-value to events.
    package var prevKv: Bool
    /// Drop PUT events (etcd filter NOPUT).
    package var noPut: Bool
    /// Drop DELETE events (etcd filter NODELETE).
    package var noDelete: Bool
    /// Send periodic progress notifications while nothing happens.
    package var progressNotify: Bool
    /// The client accepts a large response split into fragments (the hub only records it).
    package var fragment: Bool

    package init(
        startRevision: Int64 = 0,
        prevKv: Bool = false,
        noPut: Bool = false,
        noDelete: Bool = false,
        progressNotify: Bool = false,
        fragment: Bool = false
    ) {
        self.startRevision = startRevision
        self.prevKv = prevKv
        self.noPut = noPut
        self.noDelete = noDelete
        self.progressNotify = progressNotify
        self.fragment = fragment
    }
}

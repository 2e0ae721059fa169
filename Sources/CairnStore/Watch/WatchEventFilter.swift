import CairnWire

extension WatchOptions {
    /// The events this watcher receives out of `events`: filters applied, and `prevKv` kept
    /// only when asked for and never on a create (etcd has no previous value there).
    func deliverable(_ events: [Event]) -> [Event] {
        var kept: [Event] = []
        kept.reserveCapacity(events.count)
        for var event in events {
            if event.type == .put ? noPut : (event.type == .delete && noDelete) {
                continue
            }
            if event.prevKv != nil {
                let isCreate = event.type == .put && event.kv.map { $0.createRevision == $0.modRevision } == true
                if !prevKv || isCreate {
                    event.prevKv = nil
                }
            }
            kept.append(event)
        }
        return kept
    }
}

extension Event {
    /// The revision that produced this event.
    var revision: Int64 { kv?.modRevision ?? 0 }
}

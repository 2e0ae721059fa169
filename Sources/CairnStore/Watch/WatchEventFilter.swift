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

/// Memoises `deliverable` for watchers that share a range and an event list: watchers with the
/// same filters and prev_kv choice get the same (shared, copy-on-write) array.
struct DeliverableCache {
    private var results: [[Event]?] = Array(repeating: nil, count: 8)
    let events: [Event]

    init(_ events: [Event]) {
        self.events = events
    }

    mutating func deliverable(for options: WatchOptions) -> [Event] {
        let slot = (options.prevKv ? 1 : 0) | (options.noPut ? 2 : 0) | (options.noDelete ? 4 : 0)
        if let cached = results[slot] {
            return cached
        }
        let computed = options.deliverable(events)
        results[slot] = computed
        return computed
    }
}

extension Event {
    /// The revision that produced this event.
    var revision: Int64 { kv?.modRevision ?? 0 }
}

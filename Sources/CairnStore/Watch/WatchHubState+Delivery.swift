import CairnWire

extension WatchHubState {
    /// Hands one committed revision's events to every synced watcher whose range matches.
    /// A watcher whose stream queue is full is parked: it leaves the index and will read this
    /// revision and the later ones from history once its sender has room again.
    mutating func publish(revision: Int64, events: [Event]) {
        guard revision > publishedRevision else { return }
        publishedRevision = revision
        var matched: [WatchKeyRange: (events: [Event], handles: Set<Int>)] = [:]
        var order: [WatchKeyRange] = []
        for event in events {
            guard let key = event.kv?.key else { continue }
            index.forEachMatch(key) { range, handles in
                if matched[range] == nil {
                    order.append(range)
                    matched[range] = ([], handles)
                }
                matched[range]!.events.append(event)
            }
        }
        for range in order {
            let (rangeEvents, handles) = matched[range]!
            var cache = DeliverableCache(rangeEvents)
            for handle in handles {
                deliver(revision: revision, to: handle, from: &cache)
            }
        }
    }

    /// Queues one live revision for a synced watcher, or parks the watcher when its stream's
    /// queue is full.
    mutating func deliver(revision: Int64, to handle: Int, from cache: inout DeliverableCache) {
        guard var watcher = watchers[handle], watcher.synced, revision >= watcher.nextRevision else { return }
        let delivered = cache.deliverable(for: watcher.options)
        guard !delivered.isEmpty, let queued = streams[watcher.streamID]?.queue.count else { return }
        if queued >= configuration.streamQueueCapacity {
            watcher.synced = false
            watcher.nextRevision = revision
            watchers[handle] = watcher
            index.remove(handle, range: watcher.range)
            slowWatcherCount += 1
            streams[watcher.streamID]?.catchingUp.append(handle)
            return
        }
        watcher.sentSinceTick = true
        watchers[handle] = watcher
        enqueue(.events(watchID: watcher.watchID, revision: revision, events: delivered), on: watcher.streamID)
    }

    /// Moves the published revision forward without events; only for a hub with no watchers.
    mutating func skip(through revision: Int64) {
        precondition(watchers.isEmpty)
        publishedRevision = max(publishedRevision, revision)
    }

    /// Periodic progress: each synced `progress_notify` watcher that got no events since the
    /// previous tick is told the published revision.
    mutating func tickProgress() {
        for handle in progressWatchers {
            guard var watcher = watchers[handle], watcher.synced else { continue }
            if watcher.sentSinceTick {
                watcher.sentSinceTick = false
                watchers[handle] = watcher
                continue
            }
            guard let queued = streams[watcher.streamID]?.queue.count, queued < configuration.streamQueueCapacity
            else { continue }
            enqueue(.progress(watchID: watcher.watchID, revision: publishedRevision), on: watcher.streamID)
        }
    }
}

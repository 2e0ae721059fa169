import CairnWire

extension WatchHubState {
    /// The sender's next step: catch unsynced watchers up once the queue is at most half full
    /// (so one history read can serve many watchers parked together without overfilling it),
    /// else send the oldest queued response, else wait.
    mutating func nextStep(streamID: Int) -> WatchStreamStep {
        guard let queued = streams[streamID]?.queue.count else { return .closed }
        let room = configuration.streamQueueCapacity - queued
        if queued <= configuration.streamQueueCapacity / 2, let first = streams[streamID]!.catchingUp.first,
            let watcher = watchers[first]
        {
            if watcher.nextRevision > publishedRevision {
                markSynced(first)
                return nextStep(streamID: streamID)
            }
            var handles = [first]
            for handle in streams[streamID]!.catchingUp.dropFirst() where handles.count < room {
                if let other = watchers[handle], other.nextRevision == watcher.nextRevision,
                    other.range == watcher.range
                {
                    handles.append(handle)
                }
            }
            let batchEnd = watcher.nextRevision + Int64(configuration.catchUpBatchRevisions) - 1
            return .catchUp(
                WatchCatchUpTicket(
                    streamID: streamID,
                    handles: handles,
                    range: watcher.range,
                    from: watcher.nextRevision,
                    through: min(publishedRevision, batchEnd)
                )
            )
        }
        if let message = popQueued(streamID: streamID) {
            return .send(message)
        }
        return .wait
    }

    /// Takes the stream's first queued response, waking a request reader that waited for room once
    /// there is room.
    mutating func popQueued(streamID: Int) -> WatchStreamMessage? {
        guard let queued = streams[streamID]?.queue.count, let message = streams[streamID]?.queue.popFirst() else {
            return nil
        }
        pendingEventCount -= message.eventCount
        if queued <= configuration.streamQueueCapacity, let waiter = streams[streamID]?.roomWaiter {
            streams[streamID]?.roomWaiter = nil
            wakeups.append(waiter)
        }
        return message
    }

    /// Installs the request reader's continuation while the stream's queue is full.
    mutating func installRoomWaiter(streamID: Int, _ waiter: CheckedContinuation<Void, Never>) -> Bool {
        guard let queued = streams[streamID]?.queue.count, queued >= configuration.streamQueueCapacity else {
            return false
        }
        streams[streamID]?.roomWaiter = waiter
        return true
    }

    /// Installs the sender's continuation unless there is something to do already.
    mutating func installWaiter(streamID: Int, _ waiter: CheckedContinuation<Void, Never>) -> Bool {
        guard streams[streamID]?.queue.count == 0, streams[streamID]?.catchingUp.isEmpty == true else {
            return false
        }
        streams[streamID]?.waiter = waiter
        return true
    }

    /// Applies a history read: queues each watcher's events and moves it on, or removes the
    /// watchers with a compacted (or failed) response. Watchers cancelled or changed meanwhile
    /// are left alone.
    mutating func finishCatchUp(
        _ ticket: WatchCatchUpTicket,
        result: Result<[Event], any Error>,
        compactRevision: Int64
    ) {
        let current = ticket.handles.filter { handle in
            watchers[handle].map { !$0.synced && $0.nextRevision == ticket.from } ?? false
        }
        guard !current.isEmpty else { return }
        switch result {
        case .failure(let error):
            for handle in current {
                let watchID = watchers[handle]!.watchID
                removeWatcher(handle)
                if let etcdError = error as? EtcdError, etcdError == .compacted {
                    enqueue(
                        .compacted(watchID: watchID, compactRevision: compactRevision, revision: publishedRevision),
                        on: ticket.streamID
                    )
                } else {
                    enqueue(
                        .canceled(watchID: watchID, reason: String(describing: error), revision: publishedRevision),
                        on: ticket.streamID
                    )
                }
            }
        case .success(let history):
            var cache = DeliverableCache(history.filter { $0.revision >= ticket.from && $0.revision <= ticket.through })
            var behind: [Int] = []
            var anyCaughtUp = false
            for handle in current {
                var watcher = watchers[handle]!
                let delivered = cache.deliverable(for: watcher.options)
                if !delivered.isEmpty {
                    watcher.sentSinceTick = true
                    enqueue(
                        .events(watchID: watcher.watchID, revision: publishedRevision, events: delivered),
                        on: ticket.streamID
                    )
                }
                watcher.nextRevision = ticket.through + 1
                if watcher.nextRevision > publishedRevision {
                    watcher.synced = true
                    index.insert(handle, range: watcher.range)
                    slowWatcherCount -= 1
                    anyCaughtUp = true
                } else {
                    behind.append(handle)
                }
                watchers[handle] = watcher
            }
            let moved = Set(current)
            streams[ticket.streamID]?.catchingUp.removeAll { moved.contains($0) }
            streams[ticket.streamID]?.catchingUp.append(contentsOf: behind)
            if anyCaughtUp {
                answerDeferredProgress(ticket.streamID)
            }
        }
    }
}

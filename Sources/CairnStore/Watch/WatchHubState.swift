import CairnWire

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

/// The watchers and the response queue of one Watch stream.
struct StreamRecord {
    /// Watch id on the stream → watcher handle.
    var watchers: [Int64: Int] = [:]
    var nextAutoID: Int64 = 0
    var queue = WatchMessageQueue()
    /// Unsynced watchers of this stream in round-robin order.
    var catchingUp: [Int] = []
    /// A progress request waits until every watcher of the stream has caught up.
    var progressDeferred = false
    /// The sender waiting for something to send.
    var waiter: CheckedContinuation<Void, Never>?
    /// The request reader waiting for the queue to drain below its capacity.
    var roomWaiter: CheckedContinuation<Void, Never>?
}

/// What a stream's sender does next.
enum WatchStreamStep {
    case send(WatchStreamMessage)
    case catchUp(WatchCatchUpTicket)
    case wait
    case closed
}

/// A history read the sender performs outside the hub's lock for unsynced watchers of one
/// stream that share a range and a next revision (typically parked together).
struct WatchCatchUpTicket {
    let streamID: Int
    let handles: [Int]
    let range: WatchKeyRange
    let from: Int64
    let through: Int64
}

/// Everything the hub guards with its lock. Every method runs with the lock held; senders to
/// wake are collected in `wakeups` and resumed by the caller after unlocking.
struct WatchHubState {
    let configuration: WatchHubConfiguration
    /// The newest revision handed to `publish`; every synced watcher has been given its events
    /// up to here.
    private(set) var publishedRevision: Int64
    private var streams: [Int: StreamRecord] = [:]
    private var watchers: [Int: WatcherRecord] = [:]
    private var index = WatcherIndex()
    private var progressWatchers: Set<Int> = []
    private var nextHandle = 0
    private var nextStreamID = 0
    private var slowWatcherCount = 0
    private var pendingEventCount = 0
    private var wakeups: [CheckedContinuation<Void, Never>] = []

    init(configuration: WatchHubConfiguration, publishedRevision: Int64) {
        self.configuration = configuration
        self.publishedRevision = publishedRevision
    }

    var statistics: WatchHubStatistics {
        WatchHubStatistics(
            watchers: watchers.count,
            slowWatchers: slowWatcherCount,
            pendingEvents: pendingEventCount,
            streams: streams.count
        )
    }

    mutating func takeWakeups() -> [CheckedContinuation<Void, Never>] {
        defer { wakeups = [] }
        return wakeups
    }

    // MARK: Streams

    mutating func openStream() -> Int {
        nextStreamID += 1
        streams[nextStreamID] = StreamRecord()
        return nextStreamID
    }

    mutating func closeStream(_ streamID: Int) {
        guard let stream = streams[streamID] else { return }
        for handle in stream.watchers.values {
            removeWatcher(handle)
        }
        pendingEventCount -= streams[streamID]?.queue.eventCount ?? 0
        if let waiter = streams[streamID]?.waiter {
            wakeups.append(waiter)
        }
        if let waiter = streams[streamID]?.roomWaiter {
            wakeups.append(waiter)
        }
        streams[streamID] = nil
    }

    /// Registers a watcher and queues its created response, or queues the rejection.
    mutating func create(
        streamID: Int,
        requestedID: Int64,
        range: WatchKeyRange,
        options: WatchOptions,
        currentRevision: Int64
    ) {
        guard var stream = streams[streamID] else { return }
        if range.isEmpty {
            enqueue(.createRejected(reason: "mvcc: watcher range is empty", revision: currentRevision), on: streamID)
            return
        }
        let watchID: Int64
        if requestedID == 0 {
            while stream.watchers[stream.nextAutoID] != nil {
                stream.nextAutoID += 1
            }
            watchID = stream.nextAutoID
            stream.nextAutoID += 1
        } else if stream.watchers[requestedID] != nil {
            enqueue(
                .createRejected(
                    reason: "mvcc: duplicate watch ID provided on the WatchStream",
                    revision: currentRevision
                ),
                on: streamID
            )
            return
        } else {
            watchID = requestedID
        }
        nextHandle += 1
        let handle = nextHandle
        stream.watchers[watchID] = handle
        streams[streamID] = stream
        enqueue(.created(watchID: watchID, revision: currentRevision), on: streamID)

        let start = options.startRevision == 0 ? currentRevision + 1 : options.startRevision
        let synced = start > publishedRevision
        watchers[handle] = WatcherRecord(
            streamID: streamID,
            watchID: watchID,
            range: range,
            options: options,
            nextRevision: start,
            synced: synced
        )
        if options.progressNotify {
            progressWatchers.insert(handle)
        }
        if synced {
            index.insert(handle, range: range)
        } else {
            slowWatcherCount += 1
            streams[streamID]?.catchingUp.append(handle)
            wake(streamID)
        }
    }

    mutating func cancel(streamID: Int, watchID: Int64, currentRevision: Int64) {
        guard let handle = streams[streamID]?.watchers[watchID] else { return }
        removeWatcher(handle)
        enqueue(.canceled(watchID: watchID, reason: "", revision: currentRevision), on: streamID)
    }

    func options(streamID: Int, watchID: Int64) -> WatchOptions? {
        streams[streamID]?.watchers[watchID].flatMap { watchers[$0]?.options }
    }

    /// Answers a stream's progress request now if all its watchers are synced, else once they are.
    mutating func requestProgress(streamID: Int) {
        guard let stream = streams[streamID], !stream.watchers.isEmpty else { return }
        if stream.catchingUp.isEmpty {
            enqueue(.progress(watchID: -1, revision: publishedRevision), on: streamID)
        } else {
            streams[streamID]?.progressDeferred = true
        }
    }

    // MARK: Live delivery

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
    private mutating func deliver(revision: Int64, to handle: Int, from cache: inout DeliverableCache) {
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
            guard let stream = streams[watcher.streamID],
                stream.queue.count < configuration.streamQueueCapacity
            else { continue }
            enqueue(.progress(watchID: watcher.watchID, revision: publishedRevision), on: watcher.streamID)
        }
    }

    // MARK: Sending and catching up

    /// The sender's next step: catch unsynced watchers up once the queue is at most half full
    /// (so one history read can serve many watchers parked together without overfilling it),
    /// else send the oldest queued response, else wait.
    mutating func nextStep(streamID: Int) -> WatchStreamStep {
        guard let stream = streams[streamID] else { return .closed }
        let room = configuration.streamQueueCapacity - stream.queue.count
        if stream.queue.count <= configuration.streamQueueCapacity / 2, let first = stream.catchingUp.first,
            let watcher = watchers[first]
        {
            if watcher.nextRevision > publishedRevision {
                markSynced(first)
                return nextStep(streamID: streamID)
            }
            var handles = [first]
            for handle in stream.catchingUp.dropFirst() where handles.count < room {
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
        if let message = streams[streamID]?.queue.popFirst() {
            pendingEventCount -= message.eventCount
            if room >= 0, let waiter = streams[streamID]?.roomWaiter {
                streams[streamID]?.roomWaiter = nil
                wakeups.append(waiter)
            }
            return .send(message)
        }
        return .wait
    }

    /// Installs the request reader's continuation while the stream's queue is full.
    mutating func installRoomWaiter(streamID: Int, _ waiter: CheckedContinuation<Void, Never>) -> Bool {
        guard let stream = streams[streamID], stream.queue.count >= configuration.streamQueueCapacity else {
            return false
        }
        streams[streamID]?.roomWaiter = waiter
        return true
    }

    /// Installs the sender's continuation unless there is something to do already.
    mutating func installWaiter(streamID: Int, _ waiter: CheckedContinuation<Void, Never>) -> Bool {
        guard let stream = streams[streamID], stream.queue.count == 0, stream.catchingUp.isEmpty else {
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

    // MARK: Helpers

    private mutating func markSynced(_ handle: Int) {
        guard var watcher = watchers[handle], !watcher.synced else { return }
        watcher.synced = true
        watchers[handle] = watcher
        index.insert(handle, range: watcher.range)
        slowWatcherCount -= 1
        streams[watcher.streamID]?.catchingUp.removeAll { $0 == handle }
        answerDeferredProgress(watcher.streamID)
    }

    private mutating func removeWatcher(_ handle: Int) {
        guard let watcher = watchers.removeValue(forKey: handle) else { return }
        progressWatchers.remove(handle)
        streams[watcher.streamID]?.watchers[watcher.watchID] = nil
        if watcher.synced {
            index.remove(handle, range: watcher.range)
        } else {
            slowWatcherCount -= 1
            streams[watcher.streamID]?.catchingUp.removeAll { $0 == handle }
            answerDeferredProgress(watcher.streamID)
        }
    }

    private mutating func answerDeferredProgress(_ streamID: Int) {
        guard let stream = streams[streamID], stream.progressDeferred, stream.catchingUp.isEmpty else { return }
        streams[streamID]?.progressDeferred = false
        if !stream.watchers.isEmpty {
            enqueue(.progress(watchID: -1, revision: publishedRevision), on: streamID)
        }
    }

    private mutating func enqueue(_ message: WatchStreamMessage, on streamID: Int) {
        guard streams[streamID] != nil else { return }
        streams[streamID]!.queue.append(message)
        pendingEventCount += message.eventCount
        wake(streamID)
    }

    private mutating func wake(_ streamID: Int) {
        if let waiter = streams[streamID]?.waiter {
            streams[streamID]?.waiter = nil
            wakeups.append(waiter)
        }
    }
}

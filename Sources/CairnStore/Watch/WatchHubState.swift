import CairnWire

/// Everything the hub guards with its lock. Every method runs with the lock held; senders to
/// wake are collected in `wakeups` and resumed by the caller after unlocking.
struct WatchHubState {
    let configuration: WatchHubConfiguration
    /// The newest revision handed to `publish`; every synced watcher has been given its events
    /// up to here.
    var publishedRevision: Int64
    var streams: [Int: WatchStreamRecord] = [:]
    var watchers: [Int: WatcherRecord] = [:]
    var index = WatcherIndex()
    var progressWatchers: Set<Int> = []
    var nextHandle = 0
    var nextStreamID = 0
    var slowWatcherCount = 0
    var pendingEventCount = 0
    var wakeups: [CheckedContinuation<Void, Never>] = []

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

    mutating func openStream() -> Int {
        nextStreamID += 1
        streams[nextStreamID] = WatchStreamRecord()
        return nextStreamID
    }

    /// Removes the stream with its watchers and queue, and wakes whoever waits on it.
    mutating func closeStream(_ streamID: Int) {
        guard let stream = streams.removeValue(forKey: streamID) else { return }
        for handle in stream.watchers.values {
            guard let watcher = watchers.removeValue(forKey: handle) else { continue }
            progressWatchers.remove(handle)
            if watcher.synced {
                index.remove(handle, range: watcher.range)
            } else {
                slowWatcherCount -= 1
            }
        }
        pendingEventCount -= stream.queue.eventCount
        wakeups += [stream.waiter, stream.roomWaiter].compactMap { $0 }
    }

    /// Registers a watcher and queues its created response, or queues the rejection.
    mutating func create(
        streamID: Int,
        requestedID: Int64,
        range: WatchKeyRange,
        options: WatchOptions,
        currentRevision: Int64
    ) {
        guard streams[streamID] != nil else { return }
        if range.isEmpty {
            enqueue(.createRejected(reason: "mvcc: watcher range is empty", revision: currentRevision), on: streamID)
            return
        }
        if streams[streamID]!.watchers.count >= configuration.maxWatchersPerStream {
            let reason = "cairn: too many watchers on this stream (limit \(configuration.maxWatchersPerStream))"
            enqueue(.createRejected(reason: reason, revision: currentRevision), on: streamID)
            return
        }
        let watchID: Int64
        if requestedID == 0 {
            watchID = streams[streamID]!.takeAutoID()
        } else if streams[streamID]!.watchers[requestedID] != nil {
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
        streams[streamID]!.watchers[watchID] = handle
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
        guard streams[streamID]?.watchers.isEmpty == false else { return }
        if streams[streamID]!.catchingUp.isEmpty {
            enqueue(.progress(watchID: -1, revision: publishedRevision), on: streamID)
        } else {
            streams[streamID]?.progressDeferred = true
        }
    }

    // MARK: Shared steps

    mutating func markSynced(_ handle: Int) {
        guard var watcher = watchers[handle], !watcher.synced else { return }
        watcher.synced = true
        watchers[handle] = watcher
        index.insert(handle, range: watcher.range)
        slowWatcherCount -= 1
        streams[watcher.streamID]?.catchingUp.removeAll { $0 == handle }
        answerDeferredProgress(watcher.streamID)
    }

    mutating func removeWatcher(_ handle: Int) {
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

    mutating func answerDeferredProgress(_ streamID: Int) {
        guard streams[streamID]?.progressDeferred == true, streams[streamID]!.catchingUp.isEmpty else { return }
        streams[streamID]!.progressDeferred = false
        if !streams[streamID]!.watchers.isEmpty {
            enqueue(.progress(watchID: -1, revision: publishedRevision), on: streamID)
        }
    }

    mutating func enqueue(_ message: WatchStreamMessage, on streamID: Int) {
        guard streams[streamID] != nil else { return }
        streams[streamID]!.queue.append(message)
        pendingEventCount += message.eventCount
        wake(streamID)
    }

    mutating func wake(_ streamID: Int) {
        if let waiter = streams[streamID]?.waiter {
            streams[streamID]?.waiter = nil
            wakeups.append(waiter)
        }
    }
}

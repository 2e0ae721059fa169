import CairnWire

/// The hub's side of one Watch RPC: registers and cancels watchers and yields the responses to
/// send, in order. One task sends (calls `next`); any task may create, cancel or close.
package final class WatchStream: Sendable {
    let hub: WatchHub
    let id: Int

    init(hub: WatchHub, id: Int) {
        self.hub = hub
        self.id = id
    }

    deinit {
        hub.locked { $0.closeStream(id) }
    }

    /// Registers a watcher (`watchID` 0 = the next free id of this stream) and queues its
    /// created response, or queues the in-band rejection for an empty range or a duplicate id.
    package func create(watchID: Int64, range: WatchKeyRange, options: WatchOptions) {
        let current = hub.source.currentRevision
        hub.locked {
            $0.create(streamID: id, requestedID: watchID, range: range, options: options, currentRevision: current)
        }
    }

    /// Removes a watcher and queues its canceled response; an unknown id gets no response.
    package func cancel(watchID: Int64) {
        let current = hub.source.currentRevision
        hub.locked { $0.cancel(streamID: id, watchID: watchID, currentRevision: current) }
    }

    /// Queues a stream-wide progress notification (watch id -1) once every watcher of the
    /// stream has caught up; nothing when the stream has no watchers.
    package func requestProgress() {
        hub.locked { $0.requestProgress(streamID: id) }
    }

    /// Waits while the stream's queue is full, so a client that sends requests without reading
    /// the responses cannot make the server queue without bound.
    package func waitForRoom() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            if !hub.locked({ $0.installRoomWaiter(streamID: id, waiter) }) {
                waiter.resume()
            }
        }
    }

    /// The options watcher `watchID` of this stream was created with, while it exists.
    package func options(of watchID: Int64) -> WatchOptions? {
        hub.locked { $0.options(streamID: id, watchID: watchID) }
    }

    /// Removes every watcher of the stream and ends `next`.
    package func close() {
        hub.locked { $0.closeStream(id) }
    }

    /// The next response to send, waiting for one; nil once the stream is closed. Catch-up
    /// history reads run here, on the sender's task, so they happen only as fast as it sends.
    /// Cancelling the calling task closes the stream.
    package func next() async -> WatchStreamMessage? {
        await withTaskCancellationHandler {
            await nextMessage()
        } onCancel: {
            close()
        }
    }

    /// The next responses to send: waits for the first as `next()` does, then takes up to
    /// `limit - 1` more that are already queued, so that the sender writes them together. Empty
    /// once the stream is closed.
    package func nextBatch(limit: Int) async -> [WatchStreamMessage] {
        guard let first = await next() else { return [] }
        return hub.locked { state in
            var batch = [first]
            while batch.count < limit, let message = state.popQueued(streamID: id) {
                batch.append(message)
            }
            return batch
        }
    }

    private func nextMessage() async -> WatchStreamMessage? {
        while true {
            switch hub.locked({ $0.nextStep(streamID: id) }) {
            case .send(let message):
                return message
            case .closed:
                return nil
            case .catchUp(let ticket):
                catchUp(ticket)
            case .wait:
                await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                    if !hub.locked({ $0.installWaiter(streamID: id, waiter) }) {
                        waiter.resume()
                    }
                }
            }
        }
    }

    private func catchUp(_ ticket: WatchCatchUpTicket) {
        let source = hub.source
        let result = Result { () throws -> [Event] in
            try source.events(
                from: ticket.from,
                key: ticket.range.key,
                rangeEnd: ticket.range.storeRangeEnd,
                limitRevisions: Int(ticket.through - ticket.from + 1)
            )
        }
        let compactRevision = source.compactRevision
        hub.locked { $0.finishCatchUp(ticket, result: result, compactRevision: compactRevision) }
    }
}

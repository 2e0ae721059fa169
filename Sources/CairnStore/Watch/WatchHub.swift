import CairnWire
import Synchronization

/// Delivers committed revisions to watchers: each matching event reaches each watcher once, in
/// revision order, however far behind the watcher's client is.
///
/// Watchers live on streams (one per Watch RPC). A watcher is either *synced* — it gets live
/// commits through `publish` — or *catching up*: it started in the past, or it was parked when
/// its stream's bounded queue was full. A catching-up watcher reads history in batches, driven
/// by its stream's sender only while that sender has room, so a client that stops reading holds
/// at most one queue's worth of responses in memory. When the history it needs has been
/// compacted meanwhile, the watcher ends with a compacted response, as in etcd.
package final class WatchHub: Sendable {
    let source: any WatchHistorySource
    let state: Mutex<WatchHubState>
    /// The commit feed and progress ticker `attached(to:configuration:)` set up; ended on deinit.
    private let feeds = Mutex<(subscription: SubscriptionToken?, ticker: Task<Void, Never>?)>((nil, nil))

    /// A hub whose live feed starts after the source's current revision; the owner then calls
    /// `publish` for every later commit.
    package init(source: any WatchHistorySource, configuration: WatchHubConfiguration = WatchHubConfiguration()) {
        self.source = source
        self.state = Mutex(WatchHubState(configuration: configuration, publishedRevision: source.currentRevision))
    }

    deinit {
        let (subscription, ticker) = feeds.withLock { $0 }
        subscription?.cancel()
        ticker?.cancel()
    }

    /// A hub fed by `backend`'s commits that also sends the periodic progress notifications
    /// every `configuration.progressNotifyInterval`. It stops both when released.
    package static func attached(
        to backend: any KeyValueBackend,
        configuration: WatchHubConfiguration = WatchHubConfiguration()
    ) -> WatchHub {
        let hub = WatchHub(source: backend, configuration: configuration)
        let subscription = backend.subscribeCommits { [weak hub] committed in
            hub?.publish(revision: committed.revision, events: committed.events)
        }
        // Commits made between the hub's creation and the subscription were never published;
        // no watcher exists yet, so moving past them loses nothing.
        let current = backend.currentRevision
        hub.locked { $0.skip(through: current) }
        let interval = configuration.progressNotifyInterval
        let ticker = Task { [weak hub] in
            while (try? await Task.sleep(for: interval)) != nil {
                guard let hub else { return }
                hub.notifyProgress()
            }
        }
        hub.feeds.withLock { $0 = (subscription, ticker) }
        return hub
    }

    /// Hands the events of one committed revision to the watchers. Revisions must arrive in
    /// increasing order; one at or below the last published revision is ignored.
    package func publish(revision: Int64, events: [Event]) {
        locked { $0.publish(revision: revision, events: events) }
    }

    /// Opens a stream, the unit that owns watchers and orders their responses.
    package func openStream() -> WatchStream {
        WatchStream(hub: self, id: locked { $0.openStream() })
    }

    /// Sends a progress notification to each caught-up `progress_notify` watcher that received
    /// nothing since the previous call. The owner calls it every progress interval.
    package func notifyProgress() {
        locked { $0.tickProgress() }
    }

    package var statistics: WatchHubStatistics {
        state.withLock { $0.statistics }
    }

    /// Runs `body` under the lock, then resumes the senders it woke.
    func locked<Result: Sendable>(_ body: (inout WatchHubState) -> Result) -> Result {
        let (result, wakeups) = state.withLock { state in
            let result = body(&state)
            return (result, state.takeWakeups())
        }
        for waiter in wakeups {
            waiter.resume()
        }
        return result
    }
}

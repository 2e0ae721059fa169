import CairnStore
import CairnWire

func keyRange(_ key: String, _ end: String = "") -> WatchKeyRange {
    WatchKeyRange(key: Array(key.utf8), rangeEnd: Array(end.utf8))
}

/// The range etcd clients send for a prefix.
func prefixRange(_ prefix: String) -> WatchKeyRange {
    var end = Array(prefix.utf8)
    while end.last == 0xff {
        end.removeLast()
    }
    if end.isEmpty {
        return WatchKeyRange(key: Array(prefix.utf8), rangeEnd: [0])
    }
    end[end.count - 1] += 1
    return WatchKeyRange(key: Array(prefix.utf8), rangeEnd: end)
}

extension WatchStream {
    /// The next `count` messages.
    func take(_ count: Int) async -> [WatchStreamMessage] {
        var messages: [WatchStreamMessage] = []
        for _ in 0..<count {
            guard let message = await next() else { break }
            messages.append(message)
        }
        return messages
    }

    /// Reads messages until one of watcher `watchID` ends it (compacted or canceled) or `events`
    /// events were read, returning the events in order and the final message if any.
    func collect(_ watchID: Int64, events wanted: Int) async -> (events: [Event], end: WatchStreamMessage?) {
        var events: [Event] = []
        while events.count < wanted, let message = await next() {
            switch message {
            case .events(let id, _, let batch) where id == watchID:
                events += batch
            case .compacted(let id, _, _) where id == watchID, .canceled(let id, _, _) where id == watchID:
                return (events, message)
            default:
                continue
            }
        }
        return (events, nil)
    }
}

extension Event {
    /// "PUT key=value@rev" or "DELETE key@rev", for readable comparisons.
    var summary: String {
        let key = String(decoding: kv?.key ?? [], as: UTF8.self)
        let revision = kv?.modRevision ?? 0
        if type == .delete {
            return "DELETE \(key)@\(revision)"
        }
        return "PUT \(key)=\(String(decoding: kv?.value ?? [], as: UTF8.self))@\(revision)"
    }
}

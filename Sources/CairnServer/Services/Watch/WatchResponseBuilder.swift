import CairnStore
import CairnWire

/// Turns the hub's stream messages into etcd's WatchResponse shapes (spec §6), splitting a large
/// response of a watcher that allows fragments.
struct WatchResponseBuilder: Sendable {
    let header: @Sendable (Int64) -> ResponseHeader
    let configuration: WatchServiceConfiguration

    /// The responses for `message`; `allowsFragments` is asked only for a large event response.
    func responses(for message: WatchStreamMessage, allowsFragments: (Int64) -> Bool) -> [WatchResponse] {
        switch message {
        case .created(let watchID, let revision):
            return [WatchResponse(header: header(revision), watchID: watchID, created: true)]
        case .createRejected(let reason, let revision):
            return [
                WatchResponse(
                    header: header(revision), watchID: -1, created: true, canceled: true, cancelReason: reason)
            ]
        case .events(let watchID, let revision, let events):
            let response = WatchResponse(header: header(revision), watchID: watchID, events: events)
            guard events.count >= 2, mayExceed(events), allowsFragments(watchID) else { return [response] }
            return fragments(of: response)
        case .compacted(let watchID, let compactRevision, let revision):
            return [
                WatchResponse(
                    header: header(revision),
                    watchID: watchID,
                    canceled: true,
                    compactRevision: compactRevision
                )
            ]
        case .canceled(let watchID, let reason, let revision):
            return [WatchResponse(header: header(revision), watchID: watchID, canceled: true, cancelReason: reason)]
        case .progress(let watchID, let revision):
            return [WatchResponse(header: header(revision), watchID: watchID)]
        }
    }

    private var splitThreshold: Int { configuration.maxRequestBytes + configuration.fragmentOverheadBytes }

    /// A cheap upper bound of the encoded size: false means the response is surely small.
    private func mayExceed(_ events: [Event]) -> Bool {
        var bound = 64
        for event in events {
            bound += 160 + (event.kv.map { $0.key.count + $0.value.count } ?? 0)
            bound += event.prevKv.map { $0.key.count + $0.value.count } ?? 0
        }
        return bound > splitThreshold
    }

    /// etcd's splitting: nothing to do below the threshold; otherwise fragments that each add
    /// events while they stay under `maxRequestBytes` (at least one event each), all flagged
    /// `fragment` except the last.
    private func fragments(of response: WatchResponse) -> [WatchResponse] {
        var empty = response
        empty.events = []
        let baseSize = empty.encodedBytes().count
        let eventSizes = response.events.map { Self.fieldSize($0.encodedBytes().count) }
        guard baseSize + eventSizes.reduce(0, +) > splitThreshold else { return [response] }

        var pieces: [WatchResponse] = []
        var current = empty
        var currentSize = baseSize
        for (event, size) in zip(response.events, eventSizes) {
            if !current.events.isEmpty, currentSize + size >= configuration.maxRequestBytes {
                current.fragment = true
                pieces.append(current)
                current = empty
                currentSize = baseSize
            }
            current.events.append(event)
            currentSize += size
        }
        pieces.append(current)
        return pieces
    }

    /// Bytes a length-delimited field of `length` bytes takes as field 11 (a one-byte tag).
    private static func fieldSize(_ length: Int) -> Int {
        var varintBytes = 1
        var rest = length >> 7
        while rest > 0 {
            varintBytes += 1
            rest >>= 7
        }
        return 1 + varintBytes + length
    }
}

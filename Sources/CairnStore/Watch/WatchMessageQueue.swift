/// The first-in first-out queue of responses waiting for one stream's sender.
struct WatchMessageQueue {
    private var items: [WatchStreamMessage] = []
    private var head = 0
    /// Events held by the queued messages.
    private(set) var eventCount = 0

    var count: Int { items.count - head }

    mutating func append(_ message: WatchStreamMessage) {
        items.append(message)
        eventCount += message.eventCount
    }

    mutating func popFirst() -> WatchStreamMessage? {
        guard head < items.count else { return nil }
        let message = items[head]
        head += 1
        eventCount -= message.eventCount
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 256, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return message
    }
}

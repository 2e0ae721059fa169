/// A binary min-heap of (deadline, lease id) pairs: the lease expiry queue. Renewing a lease pushes
/// a new pair and leaves the old one in place; the owner recognises stale pairs when they surface
/// (their deadline no longer matches the lease's), so every operation stays O(log n).
struct DeadlineHeap: Sendable {
    struct Item: Sendable {
        var deadline: UInt64
        var id: Int64
    }

    private(set) var items: [Item] = []

    var count: Int { items.count }
    var top: Item? { items.first }

    mutating func push(_ item: Item) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].deadline < items[parent].deadline else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func pop() -> Item? {
        guard !items.isEmpty else { return nil }
        let first = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            siftDown(from: 0)
        }
        return first
    }

    /// Replaces the contents with `newItems` in O(n).
    mutating func rebuild(_ newItems: [Item]) {
        items = newItems
        var index = items.count / 2
        while index > 0 {
            index -= 1
            siftDown(from: index)
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < items.count else { return }
            var smallest = left
            if left + 1 < items.count, items[left + 1].deadline < items[left].deadline { smallest = left + 1 }
            guard items[smallest].deadline < items[parent].deadline else { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// The subscribers of a backend's committed revisions (`KeyValueBackend.subscribeCommits`), in the order
/// they subscribed. Lives inside the backend's locked state.
package struct CommitObservers: Sendable {
    private var observers: [UInt64: @Sendable (CommittedRevision) -> Void] = [:]
    private var nextID: UInt64 = 0

    package init() {}

    /// Registers `body` and returns the id that removes it.
    package mutating func add(_ body: @escaping @Sendable (CommittedRevision) -> Void) -> UInt64 {
        defer { nextID += 1 }
        observers[nextID] = body
        return nextID
    }

    package mutating func remove(_ id: UInt64) {
        observers.removeValue(forKey: id)
    }

    package var isEmpty: Bool { observers.isEmpty }

    /// Every observer, the earliest subscriber first.
    package var inOrder: [@Sendable (CommittedRevision) -> Void] {
        observers.sorted { $0.key < $1.key }.map(\.value)
    }
}

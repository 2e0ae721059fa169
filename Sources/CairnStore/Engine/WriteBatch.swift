import CairnWire

/// What one revision's writes produced while they were applied: the events for watchers and the
/// mutations for the write-ahead log.
package struct WriteBatch: Sendable {
    /// The revision every change of this batch carries.
    package let revision: Int64
    private(set) var nextSubIndex: Int32 = 0
    package private(set) var events: [Event] = []
    package var mutations: [StoreMutation] = []
    /// Whether the events are needed; WAL replay skips building them.
    let recordsEvents: Bool

    package init(revision: Int64, recordsEvents: Bool = true) {
        self.revision = revision
        self.recordsEvents = recordsEvents
    }

    /// Whether any key was put or deleted, i.e. whether the batch takes a new revision.
    package private(set) var hasChanges = false

    /// Hands out the sub-index of the next change.
    mutating func takeSubIndex() -> Int32 {
        defer { nextSubIndex += 1 }
        hasChanges = true
        return nextSubIndex
    }

    mutating func record(_ event: @autoclosure () -> Event) {
        if recordsEvents { events.append(event()) }
    }
}

/// One record read back from the log: its index and the payload the store appended.
package struct WALRecord: Sendable, Equatable {
    package var index: UInt64
    package var payload: [UInt8]

    package init(index: UInt64, payload: [UInt8]) {
        self.index = index
        self.payload = payload
    }
}

/// A snapshot read back from disk: the index of the last record it covers, and its payload.
package struct WALSnapshot: Sendable, Equatable {
    package var index: UInt64
    package var payload: SnapshotPayload

    package init(index: UInt64, payload: SnapshotPayload) {
        self.index = index
        self.payload = payload
    }

    package init(index: UInt64, payload: [UInt8]) {
        self.init(index: index, payload: SnapshotPayload(payload))
    }
}

/// The bytes of a snapshot's payload, lent to a decoder in place: read back from disk they are the
/// snapshot file mapped into memory, never copied into an array.
package final class SnapshotPayload: Sendable, Equatable {
    private enum Storage {
        case mapped(MappedFile, offset: Int)
        case array([UInt8])
    }

    private let storage: Storage

    /// A payload held in an array (for tests and for callers that have one).
    package init(_ bytes: [UInt8]) {
        storage = .array(bytes)
    }

    /// The part of a mapped snapshot file after its header.
    init(mapped file: MappedFile, offset: Int) {
        storage = .mapped(file, offset: offset)
    }

    package var count: Int {
        withUnsafeBytes(\.count)
    }

    /// Lends the payload's bytes to `body`; they stay valid only during the call.
    package func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .mapped(let file, let offset):
            return try withExtendedLifetime(file) { try body(UnsafeRawBufferPointer(rebasing: file.bytes[offset...])) }
        case .array(let bytes):
            return try bytes.withUnsafeBytes(body)
        }
    }

    /// A copy of the payload.
    package var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    package static func == (lhs: SnapshotPayload, rhs: SnapshotPayload) -> Bool {
        lhs.withUnsafeBytes { left in rhs.withUnsafeBytes { right in left.elementsEqual(right) } }
    }
}

/// What `WriteAheadLog.open` found: the newest valid snapshot and every record after it, in order.
package struct WALRecovery: Sendable {
    package var snapshot: WALSnapshot?
    package var records: [WALRecord]
}

/// What `WriteAheadLog.repair` did, if it found damage.
package struct WALRepairReport: Sendable, Equatable {
    /// The segment that was truncated (or deleted when truncated to nothing).
    package var file: String
    /// The byte offset it was cut at.
    package var offset: Int
    /// Why that point was damaged.
    package var reason: String
    /// Later segments that were deleted.
    package var removedFiles: [String]
}

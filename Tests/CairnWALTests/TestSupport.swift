import Foundation

@testable import CairnWAL

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "cairn-wal-" + UUID().uuidString + "/data"
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: FileNames.directory(of: path))
    }

    func file(_ name: String) -> String {
        path + "/" + name
    }

    /// Segment file paths, oldest first.
    var segments: [String] {
        names.filter { $0.hasSuffix(".wal") }.map(file)
    }

    var snapshots: [String] {
        names.filter { $0.hasSuffix(".snap") }.map(file)
    }

    private var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

/// A payload derived from the record index, of varying length (including empty), so that any mix-up of
/// records shows up as a mismatch.
func payload(_ index: UInt64, seed: UInt64 = 0) -> [UInt8] {
    let length = Int((index &* 37 &+ seed) % 301)
    return (0..<length).map { UInt8(truncatingIfNeeded: index &* 31 &+ seed &+ UInt64($0)) }
}

/// The bytes a run of records occupies in a segment.
func encodedSize(_ indexes: ClosedRange<UInt64>, seed: UInt64 = 0) -> Int {
    indexes.reduce(0) { $0 + RecordFormat.size(payloadCount: payload($1, seed: seed).count) }
}

func fileBytes(_ path: String) -> [UInt8] {
    [UInt8](FileManager.default.contents(atPath: path) ?? Data())
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
}

/// Appends records `range` with their `payload` and waits until the last one is durable.
func appendDurably(_ log: WriteAheadLog, _ range: ClosedRange<UInt64>, seed: UInt64 = 0) async throws {
    var last: UInt64 = 0
    for index in range {
        last = log.append(payload(index, seed: seed))
        precondition(last == index, "append returned \(last), expected \(index)")
    }
    try await log.waitDurable(last)
}

func expectedRecords(_ range: ClosedRange<UInt64>, seed: UInt64 = 0) -> [WALRecord] {
    range.map { WALRecord(index: $0, payload: payload($0, seed: seed)) }
}

/// Records 1 through `last` (none when `last` is 0).
func expectedRecords(upTo last: UInt64) -> [WALRecord] {
    last == 0 ? [] : expectedRecords(1...last)
}

/// Names of the files in a data directory, etcd-style: `%016x-%016x.wal` (sequence, first index) for
/// segments and `%016x.snap` (index) for snapshots.
enum FileNames {
    static let lockFile = "LOCK"
    static let segmentSuffix = ".wal"
    static let snapshotSuffix = ".snap"
    static let temporarySuffix = ".tmp"

    static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    static func segment(sequence: UInt64, firstIndex: UInt64) -> String {
        "\(hex16(sequence))-\(hex16(firstIndex))\(segmentSuffix)"
    }

    static func snapshot(index: UInt64) -> String {
        "\(hex16(index))\(snapshotSuffix)"
    }

    /// Sequence and first index of a segment name, or nil for any other name.
    static func parseSegment(_ name: String) -> (sequence: UInt64, firstIndex: UInt64)? {
        guard name.hasSuffix(segmentSuffix) else { return nil }
        let parts = name.dropLast(segmentSuffix.count).split(separator: "-")
        guard parts.count == 2, parts[0].count == 16, parts[1].count == 16,
            let sequence = UInt64(parts[0], radix: 16), let first = UInt64(parts[1], radix: 16)
        else { return nil }
        return (sequence, first)
    }

    /// Index of a snapshot name, or nil for any other name.
    static func parseSnapshot(_ name: String) -> UInt64? {
        guard name.hasSuffix(snapshotSuffix) else { return nil }
        let stem = name.dropLast(snapshotSuffix.count)
        guard stem.count == 16 else { return nil }
        return UInt64(stem, radix: 16)
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

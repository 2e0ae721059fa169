/// The retained revisions of one key, oldest first, across all its generations (a generation
/// ends with a tombstone). Most keys hold a single version, which is stored inline so that a key
/// costs no extra allocation for its history.
enum KeyHistory: Sendable {
    case single(KeyVersion)
    /// At least two versions, ascending by (`modRevision`, `subIndex`).
    case multiple([KeyVersion])

    init(_ versions: [KeyVersion]) {
        precondition(!versions.isEmpty, "a key history holds at least one version")
        self = versions.count == 1 ? .single(versions[0]) : .multiple(versions)
    }

    var latest: KeyVersion {
        switch self {
        case .single(let version): return version
        case .multiple(let versions): return versions[versions.count - 1]
        }
    }

    /// The newest version's revision, read without copying the version.
    var latestRevision: Int64 {
        switch self {
        case .single(let version): return version.modRevision
        case .multiple(let versions): return versions[versions.count - 1].modRevision
        }
    }

    var count: Int {
        switch self {
        case .single: return 1
        case .multiple(let versions): return versions.count
        }
    }

    var versions: [KeyVersion] {
        switch self {
        case .single(let version): return [version]
        case .multiple(let versions): return versions
        }
    }

    /// The newest version written at or before `revision`, or `nil` if the key's retained
    /// history starts after it.
    func version(atOrBefore revision: Int64) -> KeyVersion? {
        switch self {
        case .single(let version):
            return version.modRevision <= revision ? version : nil
        case .multiple(let versions):
            guard let index = Self.lastIndex(in: versions, atOrBefore: revision) else { return nil }
            return versions[index]
        }
    }

    /// The live value of the key at `revision`, or `nil` if it did not exist then.
    func live(at revision: Int64) -> KeyVersion? {
        guard let version = version(atOrBefore: revision), !version.isTombstone else { return nil }
        return version
    }

    /// Whether the key exists at `revision`, decided without copying a version.
    func isLive(at revision: Int64) -> Bool {
        switch self {
        case .single(let version):
            return version.modRevision <= revision && !version.isTombstone
        case .multiple(let versions):
            guard let index = Self.lastIndex(in: versions, atOrBefore: revision) else { return false }
            return !versions[index].isTombstone
        }
    }

    /// Index of the last version with `modRevision <= revision` (binary search).
    static func lastIndex(in versions: [KeyVersion], atOrBefore revision: Int64) -> Int? {
        var low = 0
        var high = versions.count
        while low < high {
            let mid = (low + high) / 2
            if versions[mid].modRevision <= revision { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    mutating func append(_ version: KeyVersion) {
        switch self {
        case .single(let only):
            self = .multiple([only, version])
        case .multiple(var versions):
            self = .single(version)
            versions.append(version)
            self = .multiple(versions)
        }
    }

    /// Whether compacting at `revision` would change this history.
    func needsCompaction(at revision: Int64) -> Bool {
        switch self {
        case .single(let version):
            return version.isTombstone && version.modRevision < revision
        case .multiple(let versions):
            return versions[0].modRevision < revision
        }
    }

    /// The history after compacting at `revision`: versions older than the newest one at or
    /// before `revision` are dropped, and that one too if it is a tombstone written before
    /// `revision` (a tombstone written exactly at `revision` stays so that its DELETE event can
    /// still be replayed to a watcher starting there). `nil` when nothing is left.
    func compacted(at revision: Int64) -> KeyHistory? {
        let all = versions
        guard let keep = Self.lastIndex(in: all, atOrBefore: revision) else { return self }
        var first = keep
        if all[keep].isTombstone && all[keep].modRevision < revision { first += 1 }
        if first == 0 { return self }
        if first >= all.count { return nil }
        return KeyHistory(Array(all[first...]))
    }
}

import CairnWire

extension MVCCEngine {
    /// The events of `span` with `from <= revision <= through`, ordered by revision and then by
    /// their position within the revision, with `prevKv` set when the previous version is still
    /// retained. At most `limitRevisions` distinct revisions are returned (the oldest ones). Throws
    /// `compacted` when `from` lies below the compact revision (its history is gone).
    package func events(from: Int64, through: Int64, in span: KeySpan, limitRevisions: Int) throws(EtcdError)
        -> [Event]
    {
        if from < compactRevision { throw .compacted }
        guard !span.isEmpty, from <= through, limitRevisions > 0 else { return [] }
        var found: [(revision: Int64, subIndex: Int32, event: Event)] = []
        index.scan(from: span.lower, below: span.upper) { entry in
            guard entry.latestRevision >= from else { return true }
            let versions = entry.history.versions
            var position = KeyHistory.lastIndex(in: versions, atOrBefore: from - 1).map { $0 + 1 } ?? 0
            while position < versions.count && versions[position].modRevision <= through {
                let version = versions[position]
                let previous = position > 0 ? versions[position - 1] : nil
                found.append((version.modRevision, version.subIndex, version.event(key: entry.key, previous: previous)))
                position += 1
            }
            return true
        }
        found.sort { ($0.revision, $0.subIndex) < ($1.revision, $1.subIndex) }
        var revisions = 0
        var lastRevision: Int64 = 0
        var events: [Event] = []
        events.reserveCapacity(found.count)
        for item in found {
            if item.revision != lastRevision {
                revisions += 1
                if revisions > limitRevisions { break }
                lastRevision = item.revision
            }
            events.append(item.event)
        }
        return events
    }
}

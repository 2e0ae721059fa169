import CairnStore
import CairnWire

extension WatchCreateRequest {
    /// The key range with etcd's normalisation (empty key = `"\0"`, `"\0"` end = from key).
    var watchRange: WatchKeyRange {
        WatchKeyRange(key: key, rangeEnd: rangeEnd)
    }

    var watchOptions: WatchOptions {
        WatchOptions(
            startRevision: startRevision,
            prevKv: prevKv,
            noPut: filters.contains(.noPut),
            noDelete: filters.contains(.noDelete),
            progressNotify: progressNotify,
            fragment: fragment
        )
    }
}

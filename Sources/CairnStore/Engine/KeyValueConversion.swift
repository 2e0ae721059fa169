import CairnWire

extension KeyVersion {
    /// The client-visible form of this version of `key`.
    func keyValue(key: [UInt8]) -> KeyValue {
        KeyValue(
            key: key,
            createRevision: createRevision,
            modRevision: modRevision,
            version: version,
            value: value,
            lease: lease
        )
    }

    /// The watch event this version stands for: a PUT with the full KeyValue, or a DELETE whose
    /// KeyValue holds only the key and the deletion revision.
    func event(key: [UInt8], previous: KeyVersion?) -> Event {
        let prevKv = previous.flatMap { $0.isTombstone ? nil : $0.keyValue(key: key) }
        if isTombstone {
            return Event(type: .delete, kv: KeyValue(key: key, modRevision: modRevision), prevKv: prevKv)
        }
        return Event(type: .put, kv: keyValue(key: key), prevKv: version == 1 ? nil : prevKv)
    }
}

extension ResponseHeader {
    /// A header carrying only a revision: the store leaves the cluster fields to the server.
    package static func revision(_ revision: Int64) -> ResponseHeader {
        ResponseHeader(revision: revision)
    }
}

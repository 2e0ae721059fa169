/// Per-stream objects of one connection by stream id, remembering the latest lookup.
///
/// Events come in runs for one stream (nghttp2 calls back once per header field of a block, then for the
/// frame, its data and the response going out), so most lookups are answered without hashing the id.
///
/// Its members are inlinable so that other modules (the gRPC layer) get code specialized for their `Value`.
package struct StreamTable<Value: AnyObject> {
    @usableFromInline var values: [Int32: Value] = [:]
    /// The latest value looked up or inserted, and its id (0, the connection, is never a stream's).
    @usableFromInline var recentID: Int32 = 0
    @usableFromInline var recent: Value?

    /// An empty table.
    @inlinable package init() {}

    /// The value of stream `id`, if any.
    @inlinable package subscript(id: Int32) -> Value? {
        mutating get {
            if id == recentID { return recent }
            guard let value = values[id] else { return nil }
            (recentID, recent) = (id, value)
            return value
        }
    }

    /// How many streams have a value.
    @inlinable package var count: Int { values.count }

    @inlinable package mutating func insert(_ value: Value, id: Int32) {
        values[id] = value
        (recentID, recent) = (id, value)
    }

    /// Removes and returns the value of stream `id`.
    @inlinable package mutating func remove(_ id: Int32) -> Value? {
        if id == recentID { (recentID, recent) = (0, nil) }
        return values.removeValue(forKey: id)
    }

    /// Removes every value and returns them in stream-id order.
    @inlinable package mutating func removeAll() -> [(id: Int32, value: Value)] {
        let all = values.sorted { $0.key < $1.key }.map { (id: $0.key, value: $0.value) }
        self = StreamTable()
        return all
    }
}

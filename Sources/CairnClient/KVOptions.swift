import CairnWire

/// Options of `EtcdClient.get`: every field of etcd's `RangeRequest` besides the key.
public struct GetOptions: Sendable, Hashable {
    /// End of the range, exclusive. Empty means the single key; `EtcdKeys.fromKeyEnd` means every
    /// key from the given one on.
    public var rangeEnd: [UInt8] = []
    /// Most keys returned; 0 means no limit.
    public var limit: Int64 = 0
    /// Read the store as of this revision; 0 means the latest.
    public var revision: Int64 = 0
    public var sortOrder: RangeRequest.SortOrder = .none
    public var sortTarget: RangeRequest.SortTarget = .key
    /// Answer from the local member without a consensus round (etcd's `--consistency=s`).
    public var serializable = false
    public var keysOnly = false
    public var countOnly = false
    public var minModRevision: Int64 = 0
    public var maxModRevision: Int64 = 0
    public var minCreateRevision: Int64 = 0
    public var maxCreateRevision: Int64 = 0

    public init() {}

    /// Every key that starts with the key passed to `get`.
    public static func prefix(of key: [UInt8]) -> GetOptions {
        var options = GetOptions()
        options.rangeEnd = key.isEmpty ? EtcdKeys.fromKeyEnd : EtcdKeys.prefixEnd(key)
        return options
    }

    /// The range request these options describe for `key`.
    public func request(key: [UInt8]) -> RangeRequest {
        var request = RangeRequest()
        request.key = key
        request.rangeEnd = rangeEnd
        request.limit = limit
        request.revision = revision
        request.sortOrder = sortOrder
        request.sortTarget = sortTarget
        request.serializable = serializable
        request.keysOnly = keysOnly
        request.countOnly = countOnly
        request.minModRevision = minModRevision
        request.maxModRevision = maxModRevision
        request.minCreateRevision = minCreateRevision
        request.maxCreateRevision = maxCreateRevision
        return request
    }
}

/// Options of `EtcdClient.put`.
public struct PutOptions: Sendable, Hashable {
    /// Attach the key to this lease (0: none).
    public var lease: Int64 = 0
    /// Return the key-value pair as it was before the put.
    public var prevKv = false
    /// Keep the current value (the put's value must be empty).
    public var ignoreValue = false
    /// Keep the current lease (the put's lease must be 0).
    public var ignoreLease = false

    public init(lease: Int64 = 0, prevKv: Bool = false, ignoreValue: Bool = false, ignoreLease: Bool = false) {
        self.lease = lease
        self.prevKv = prevKv
        self.ignoreValue = ignoreValue
        self.ignoreLease = ignoreLease
    }

    /// The put request for `key` and `value`.
    public func request(key: [UInt8], value: [UInt8]) -> PutRequest {
        var request = PutRequest()
        request.key = key
        request.value = value
        request.lease = lease
        request.prevKv = prevKv
        request.ignoreValue = ignoreValue
        request.ignoreLease = ignoreLease
        return request
    }
}

/// Options of `EtcdClient.delete`.
public struct DeleteOptions: Sendable, Hashable {
    /// End of the range, exclusive, as in `GetOptions.rangeEnd`.
    public var rangeEnd: [UInt8] = []
    /// Return the deleted key-value pairs.
    public var prevKv = false

    public init(rangeEnd: [UInt8] = [], prevKv: Bool = false) {
        self.rangeEnd = rangeEnd
        self.prevKv = prevKv
    }

    /// Every key that starts with the key passed to `delete`.
    public static func prefix(of key: [UInt8]) -> DeleteOptions {
        DeleteOptions(rangeEnd: key.isEmpty ? EtcdKeys.fromKeyEnd : EtcdKeys.prefixEnd(key))
    }

    /// The delete request for `key`.
    public func request(key: [UInt8]) -> DeleteRangeRequest {
        var request = DeleteRangeRequest()
        request.key = key
        request.rangeEnd = rangeEnd
        request.prevKv = prevKv
        return request
    }
}

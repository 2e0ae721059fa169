import CairnWire

/// Options of `EtcdClient.watch`.
public struct WatchOptions: Sendable, Hashable {
    /// End of the watched range, exclusive, as in `GetOptions.rangeEnd`.
    public var rangeEnd: [UInt8] = []
    /// First revision to deliver; 0 means "from now".
    public var startRevision: Int64 = 0
    /// Include each event's previous key-value pair.
    public var prevKv = false
    /// Ask for periodic progress notifications (responses without events).
    public var progressNotify = false
    /// Event kinds the server should leave out.
    public var filters: [WatchCreateRequest.FilterType] = []

    public init(rangeEnd: [UInt8] = [], startRevision: Int64 = 0, prevKv: Bool = false) {
        self.rangeEnd = rangeEnd
        self.startRevision = startRevision
        self.prevKv = prevKv
    }

    /// Every key that starts with the watched key.
    public static func prefix(of key: [UInt8]) -> WatchOptions {
        WatchOptions(rangeEnd: key.isEmpty ? EtcdKeys.fromKeyEnd : EtcdKeys.prefixEnd(key))
    }

    func createRequest(key: [UInt8], from revision: Int64) -> WatchRequest {
        var create = WatchCreateRequest()
        create.key = key
        create.rangeEnd = rangeEnd
        create.startRevision = revision
        create.prevKv = prevKv
        create.progressNotify = progressNotify
        create.filters = filters
        var request = WatchRequest()
        request.requestUnion = .createRequest(create)
        return request
    }
}

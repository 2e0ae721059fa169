import CairnWire

extension EtcdClient {
    /// Reads one key, or a range of keys when `options.rangeEnd` is set.
    public func get(_ key: [UInt8], options: GetOptions = GetOptions()) async throws(EtcdClientError) -> RangeResponse {
        try await range(options.request(key: key))
    }

    /// Reads one key (UTF-8), or a range with `options`.
    public func get(_ key: String, options: GetOptions = GetOptions()) async throws(EtcdClientError) -> RangeResponse {
        try await get(Array(key.utf8), options: options)
    }

    /// Sends a prepared range request.
    public func range(_ request: RangeRequest) async throws(EtcdClientError) -> RangeResponse {
        try await unary("/etcdserverpb.KV/Range", request, idempotent: true)
    }

    /// Writes `value` under `key`.
    @discardableResult
    public func put(_ key: [UInt8], value: [UInt8], options: PutOptions = PutOptions()) async throws(EtcdClientError)
        -> PutResponse
    {
        try await put(options.request(key: key, value: value))
    }

    /// Writes a UTF-8 `value` under a UTF-8 `key`.
    @discardableResult
    public func put(_ key: String, value: String, options: PutOptions = PutOptions()) async throws(EtcdClientError)
        -> PutResponse
    {
        try await put(Array(key.utf8), value: Array(value.utf8), options: options)
    }

    /// Sends a prepared put request.
    @discardableResult
    public func put(_ request: PutRequest) async throws(EtcdClientError) -> PutResponse {
        try await unary("/etcdserverpb.KV/Put", request, idempotent: false)
    }

    /// Deletes one key, or a range of keys when `options.rangeEnd` is set.
    @discardableResult
    public func delete(_ key: [UInt8], options: DeleteOptions = DeleteOptions()) async throws(EtcdClientError)
        -> DeleteRangeResponse
    {
        try await deleteRange(options.request(key: key))
    }

    /// Deletes a UTF-8 key, or a range with `options`.
    @discardableResult
    public func delete(_ key: String, options: DeleteOptions = DeleteOptions()) async throws(EtcdClientError)
        -> DeleteRangeResponse
    {
        try await delete(Array(key.utf8), options: options)
    }

    /// Sends a prepared delete request.
    @discardableResult
    public func deleteRange(_ request: DeleteRangeRequest) async throws(EtcdClientError) -> DeleteRangeResponse {
        try await unary("/etcdserverpb.KV/DeleteRange", request, idempotent: false)
    }

    /// Runs a transaction built with `Txn`.
    public func txn(_ txn: Txn) async throws(EtcdClientError) -> TxnResponse {
        try await self.txn(txn.request)
    }

    /// Sends a prepared transaction request.
    public func txn(_ request: TxnRequest) async throws(EtcdClientError) -> TxnResponse {
        try await unary("/etcdserverpb.KV/Txn", request, idempotent: false)
    }

    /// Discards history before `revision`; `physical` waits until the space is reclaimed.
    @discardableResult
    public func compact(revision: Int64, physical: Bool = false) async throws(EtcdClientError) -> CompactionResponse {
        var request = CompactionRequest()
        request.revision = revision
        request.physical = physical
        return try await unary("/etcdserverpb.KV/Compact", request, idempotent: false)
    }
}

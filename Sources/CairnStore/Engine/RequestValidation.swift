import CairnWire

/// The checks etcd makes before a request touches the store (spec §4.1 and §4.7), in etcd's order.
package enum RequestValidation {
    package static func check(_ request: RangeRequest) throws(EtcdError) {
        if request.key.isEmpty { throw .keyNotProvided }
    }

    package static func check(_ request: PutRequest) throws(EtcdError) {
        if request.key.isEmpty { throw .keyNotProvided }
        if request.ignoreValue && !request.value.isEmpty { throw .valueProvided }
        if request.ignoreLease && request.lease != 0 { throw .leaseProvided }
    }

    package static func check(_ request: DeleteRangeRequest) throws(EtcdError) {
        if request.key.isEmpty { throw .keyNotProvided }
    }

    /// The static txn checks: operation counts, empty keys, request shapes, then the duplicate-key
    /// rule for `success` and for `failure`.
    package static func check(_ request: TxnRequest, maxTxnOps: Int) throws(EtcdError) {
        try checkShape(request, maxTxnOps: maxTxnOps)
        _ = try writes(of: request.success)
        _ = try writes(of: request.failure)
    }

    private static func checkShape(_ request: TxnRequest, maxTxnOps: Int) throws(EtcdError) {
        let operations = max(request.compare.count, request.success.count, request.failure.count)
        if operations > maxTxnOps { throw .tooManyOperations }
        for compare in request.compare where compare.key.isEmpty { throw .keyNotProvided }
        for op in request.success { try checkOp(op, maxTxnOps: maxTxnOps - operations) }
        for op in request.failure { try checkOp(op, maxTxnOps: maxTxnOps - operations) }
    }

    private static func checkOp(_ op: RequestOp, maxTxnOps: Int) throws(EtcdError) {
        switch op.request {
        case .range(let range): try check(range)
        case .put(let put): try check(put)
        case .deleteRange(let delete): try check(delete)
        case .txn(let txn): try checkShape(txn, maxTxnOps: maxTxnOps)
        case nil: throw .keyNotFound
        }
    }

    /// The keys a branch puts and the ranges it deletes, nested txns folded in, failing on a key put
    /// twice or put inside a deleted range. Mirrors etcd: nested puts are checked against the
    /// deletes known so far, this level's puts against all of them.
    private static func writes(of ops: [RequestOp]) throws(EtcdError) -> (puts: Set<[UInt8]>, deletes: [KeySpan]) {
        var deletes: [KeySpan] = []
        for op in ops {
            if case .deleteRange(let delete) = op.request {
                deletes.append(KeySpan(key: delete.key, rangeEnd: delete.rangeEnd))
            }
        }
        func deleted(_ key: [UInt8]) -> Bool { deletes.contains { $0.contains(key) } }

        var puts: Set<[UInt8]> = []
        for op in ops {
            guard case .txn(let nested) = op.request else { continue }
            let then = try writes(of: nested.success)
            let otherwise = try writes(of: nested.failure)
            for key in then.puts {
                if puts.contains(key) || deleted(key) { throw .duplicateKey }
                puts.insert(key)
            }
            for key in otherwise.puts {
                // The same key in both branches of one nested txn is fine: only one of them runs.
                if puts.contains(key) && !then.puts.contains(key) { throw .duplicateKey }
                if deleted(key) { throw .duplicateKey }
                puts.insert(key)
            }
            deletes.append(contentsOf: then.deletes)
            deletes.append(contentsOf: otherwise.deletes)
        }
        for op in ops {
            guard case .put(let put) = op.request else { continue }
            if puts.contains(put.key) || deleted(put.key) { throw .duplicateKey }
            puts.insert(put.key)
        }
        return (puts, deletes)
    }
}

import CairnWire

extension MVCCEngine {
    /// Runs a validated txn (spec §4.7): every compare, nested ones included, is evaluated against
    /// the state before the txn; the chosen path is checked for runtime errors before anything is
    /// written; then its operations run in order, later ones seeing earlier ones, all at one
    /// revision. The caller finishes the batch.
    package mutating func txn(_ request: TxnRequest, batch: inout WriteBatch) throws(EtcdError) -> TxnResponse {
        let base = revision
        var path: [Bool] = []
        choosePath(request, at: base, into: &path)
        var cursor = 0
        try checkPath(request, path: path, cursor: &cursor, base: base)
        cursor = 0
        var response = try execute(request, path: path, cursor: &cursor, base: base, batch: &batch)
        response.header = .revision(batch.hasChanges ? batch.revision : base)
        return response
    }

    /// Appends the outcome of this txn's compares, then of every nested txn on the chosen branch,
    /// depth first.
    private func choosePath(_ request: TxnRequest, at revision: Int64, into path: inout [Bool]) {
        let succeeded = request.compare.allSatisfy { evaluate($0, at: revision) }
        path.append(succeeded)
        for op in succeeded ? request.success : request.failure {
            if case .txn(let nested) = op.request { choosePath(nested, at: revision, into: &path) }
        }
    }

    /// The runtime checks of the chosen path against the state before the txn.
    private func checkPath(_ request: TxnRequest, path: [Bool], cursor: inout Int, base: Int64) throws(EtcdError) {
        let succeeded = path[cursor]
        cursor += 1
        for op in succeeded ? request.success : request.failure {
            switch op.request {
            case .range(let range):
                try checkReadRevision(range.revision, current: base)
            case .put(let put):
                if put.ignoreValue || put.ignoreLease, index.history(for: put.key)?.live(at: base) == nil {
                    throw .keyNotFound
                }
                if put.lease != 0 && !leases.contains(put.lease) { throw .leaseNotFound }
            case .txn(let nested):
                try checkPath(nested, path: path, cursor: &cursor, base: base)
            case .deleteRange, nil:
                break
            }
        }
    }

    private mutating func execute(
        _ request: TxnRequest,
        path: [Bool],
        cursor: inout Int,
        base: Int64,
        batch: inout WriteBatch
    ) throws(EtcdError) -> TxnResponse {
        let succeeded = path[cursor]
        cursor += 1
        var responses: [ResponseOp] = []
        for op in succeeded ? request.success : request.failure {
            switch op.request {
            case .range(let range):
                let current = batch.hasChanges ? batch.revision : base
                responses.append(ResponseOp(response: .range(try self.range(range, current: current))))
            case .put(let put):
                responses.append(ResponseOp(response: .put(applyPut(put, batch: &batch))))
            case .deleteRange(let delete):
                responses.append(ResponseOp(response: .deleteRange(applyDelete(delete, base: base, batch: &batch))))
            case .txn(let nested):
                var nestedResponse = try execute(nested, path: path, cursor: &cursor, base: base, batch: &batch)
                nestedResponse.header = ResponseHeader()
                responses.append(ResponseOp(response: .txn(nestedResponse)))
            case nil:
                break
            }
        }
        return TxnResponse(succeeded: succeeded, responses: responses)
    }

    /// A standalone Put: checks that its lease exists and, for `ignore_value`/`ignore_lease`, that the
    /// key does, then applies it at the batch's revision.
    package mutating func put(_ request: PutRequest, batch: inout WriteBatch) throws(EtcdError) -> PutResponse {
        if request.lease != 0 && !leases.contains(request.lease) { throw .leaseNotFound }
        if request.ignoreValue || request.ignoreLease, latestLive(request.key) == nil { throw .keyNotFound }
        return applyPut(request, batch: &batch)
    }

    /// Applies a put whose lease and key existence were checked; the header carries the batch's
    /// revision.
    package mutating func applyPut(_ request: PutRequest, batch: inout WriteBatch) -> PutResponse {
        let existing = latestLive(request.key)
        let value = request.ignoreValue ? existing?.value ?? [] : request.value
        let lease = request.ignoreLease ? existing?.lease ?? 0 : request.lease
        let previous = applyPut(key: request.key, value: value, lease: lease, batch: &batch)
        var response = PutResponse(header: .revision(batch.revision))
        if request.prevKv { response.prevKv = previous?.keyValue(key: request.key) }
        return response
    }

    /// Applies a DeleteRange; the header carries the batch's revision once the batch has changed
    /// anything, else `base`.
    package mutating func applyDelete(_ request: DeleteRangeRequest, base: Int64, batch: inout WriteBatch)
        -> DeleteRangeResponse
    {
        let deleted = applyDelete(span: KeySpan(key: request.key, rangeEnd: request.rangeEnd), batch: &batch)
        var response = DeleteRangeResponse(
            header: .revision(batch.hasChanges ? batch.revision : base),
            deleted: Int64(deleted.count)
        )
        if request.prevKv { response.prevKvs = deleted.map { $0.version.keyValue(key: $0.key) } }
        return response
    }
}

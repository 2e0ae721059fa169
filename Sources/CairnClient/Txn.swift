import CairnWire

/// Builds an etcd transaction: if every comparison holds, the `then` operations run, otherwise the
/// `else` operations, all at one revision.
///
/// ```swift
/// let response = try await client.txn(
///     Txn()
///         .when(.modRevision("config", .equal, 0))
///         .then(.put("config", "v1"))
///         .else(.get("config")))
/// ```
public struct Txn: Sendable, Hashable {
    /// The request being built.
    public private(set) var request = TxnRequest()

    public init() {}

    /// Adds comparisons (all must hold).
    public func when(_ compares: Compare...) -> Txn {
        var copy = self
        copy.request.compare += compares
        return copy
    }

    /// Adds operations run when every comparison holds.
    public func then(_ operations: RequestOp...) -> Txn {
        var copy = self
        copy.request.success += operations
        return copy
    }

    /// Adds operations run when a comparison fails.
    public func `else`(_ operations: RequestOp...) -> Txn {
        var copy = self
        copy.request.failure += operations
        return copy
    }
}

extension Compare {
    /// Compares a key's value.
    public static func value(_ key: String, _ result: CompareResult, _ value: String) -> Compare {
        make(key, result, .value, .value(Array(value.utf8)))
    }

    /// Compares a key's version (number of writes since it was created; 0 if it does not exist).
    public static func version(_ key: String, _ result: CompareResult, _ version: Int64) -> Compare {
        make(key, result, .version, .version(version))
    }

    /// Compares the revision that created a key (0 if it does not exist).
    public static func createRevision(_ key: String, _ result: CompareResult, _ revision: Int64) -> Compare {
        make(key, result, .create, .createRevision(revision))
    }

    /// Compares the revision of a key's last write (0 if it does not exist).
    public static func modRevision(_ key: String, _ result: CompareResult, _ revision: Int64) -> Compare {
        make(key, result, .mod, .modRevision(revision))
    }

    /// Compares the lease a key is attached to.
    public static func lease(_ key: String, _ result: CompareResult, _ lease: Int64) -> Compare {
        make(key, result, .lease, .lease(lease))
    }

    private static func make(_ key: String, _ result: CompareResult, _ target: CompareTarget, _ union: TargetUnion)
        -> Compare
    {
        var compare = Compare()
        compare.key = Array(key.utf8)
        compare.result = result
        compare.target = target
        compare.targetUnion = union
        return compare
    }
}

extension RequestOp {
    /// A range operation inside a transaction.
    public static func get(_ key: String, options: GetOptions = GetOptions()) -> RequestOp {
        var op = RequestOp()
        op.request = .range(options.request(key: Array(key.utf8)))
        return op
    }

    /// A put operation inside a transaction.
    public static func put(_ key: String, _ value: String, options: PutOptions = PutOptions()) -> RequestOp {
        var op = RequestOp()
        op.request = .put(options.request(key: Array(key.utf8), value: Array(value.utf8)))
        return op
    }

    /// A delete operation inside a transaction.
    public static func delete(_ key: String, options: DeleteOptions = DeleteOptions()) -> RequestOp {
        var op = RequestOp()
        op.request = .deleteRange(options.request(key: Array(key.utf8)))
        return op
    }
}

import CairnWire

/// etcd's backend quota: a write that would take the store past `--quota-backend-bytes` raises the NOSPACE alarm,
/// and while NOSPACE is active every write that adds data (Put, a Txn with puts, LeaseGrant) fails with
/// `etcdserver: mvcc: database space exceeded`. Deletes, compaction and reads stay allowed so space can be
/// reclaimed.
package struct SpaceQuota: Sendable {
    package let quotaBytes: Int64
    package let alarms: AlarmRegistry
    /// The store's current size on disk.
    package let currentBytes: @Sendable () -> Int64

    package init(quotaBytes: Int64, alarms: AlarmRegistry, currentBytes: @escaping @Sendable () -> Int64) {
        self.quotaBytes = quotaBytes
        self.alarms = alarms
        self.currentBytes = currentBytes
    }

    /// Admits a write that adds about `cost` bytes, or raises NOSPACE and refuses it.
    package func admit(cost: Int) throws(EtcdError) {
        if alarms.contains(.nospace) { throw .databaseSpaceExceeded }
        if currentBytes() + Int64(cost) > quotaBytes {
            alarms.activate(.nospace)
            throw .databaseSpaceExceeded
        }
    }

    /// What a put adds to the store, as etcd estimates it (key, value and bookkeeping).
    package static func cost(of put: PutRequest) -> Int {
        put.key.count + put.value.count + 32
    }

    /// The sum of the put costs of both branches of a txn (nested txns included); 0 for a txn without puts.
    package static func cost(of txn: TxnRequest) -> Int {
        (txn.success + txn.failure).reduce(0) { total, operation in
            switch operation.request {
            case .put(let put): return total + cost(of: put)
            case .txn(let nested): return total + cost(of: nested)
            default: return total
            }
        }
    }

    /// A lease record's cost.
    package static let leaseCost = 32
}

import CairnStore
import CairnWire

/// `load DIR`: fills an empty data directory with the data set the way mem-load.sh fills etcd (txns
/// of 100 puts, 8 in flight, every txn fsynced) and reports the resident memory afterwards.
enum LoadCommand {
    static let batch = 100
    static let loaders = 8

    static func run(directory: String, keys: Int, noSync: Bool) async throws {
        let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory, noSync: noSync))
        let start = Measurement.wallNanoseconds()
        let batches = (keys + batch - 1) / batch
        try await withThrowingTaskGroup(of: Void.self) { group in
            for loader in 0..<loaders {
                group.addTask {
                    for number in stride(from: loader, to: batches, by: loaders) {
                        let operations = (number * batch..<min(keys, (number + 1) * batch)).map { index in
                            RequestOp(request: .put(PutRequest(key: Dataset.key(index), value: Dataset.value(index))))
                        }
                        _ = try await store.txn(TxnRequest(success: operations))
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = Double(Measurement.wallNanoseconds() - start) / 1e9
        print(
            "load keys=\(store.keyCount) value_size=\(Dataset.valueSize) seconds=\(format(seconds, 2))"
                + " fsyncs=\(store.logSyncCount) rss_mib=\(format(Measurement.statusMiB("VmRSS")))"
                + " hwm_mib=\(format(Measurement.statusMiB("VmHWM"))) loadavg=\(Measurement.loadAverage())"
        )
        try await store.close()
    }
}

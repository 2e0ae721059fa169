import CairnStore
import CairnWire

#if canImport(Glibc)
    import Glibc
#endif

/// `put DIR`: puts with fsync (group commit) from 1, 16 and 256 concurrent writers, each level for
/// a fixed time, on a store whose log really syncs (`--no-fsync`: skips the syncs, which leaves the
/// CPU path alone). Reports puts per second, fsyncs and writes per fsync (from
/// `EmbeddedStore.logSyncCount`), the mean latency and the process CPU time per put.
enum PutCommand {
    static func run(directory: String, writerCounts: [Int], seconds: Double, noSync: Bool) async throws {
        let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory, noSync: noSync))
        for writers in writerCounts {
            let syncsBefore = store.logSyncCount
            let cpuBefore = processCPUNanoseconds()
            let start = Measurement.wallNanoseconds()
            let deadline = start + UInt64(seconds * 1e9)
            let puts = try await withThrowingTaskGroup(of: Int.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        var done = 0
                        while Measurement.wallNanoseconds() < deadline {
                            let index = writer * 10_000 + done % 10_000
                            _ = try await store.put(PutRequest(key: Dataset.key(index), value: Dataset.value(done)))
                            done += 1
                        }
                        return done
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = Double(Measurement.wallNanoseconds() - start) / 1e9
            let syncs = store.logSyncCount - syncsBefore
            let cpu = Double(processCPUNanoseconds() - cpuBefore) / 1e3
            print(
                "put_fsync writers=\(writers) puts=\(puts) seconds=\(format(elapsed, 2))"
                    + " puts_per_s=\(format(Double(puts) / elapsed, 0)) fsyncs=\(syncs)"
                    + " writes_per_fsync=\(format(Double(puts) / Double(max(syncs, 1)), 2))"
                    + " mean_latency_ms=\(format(elapsed * 1000 * Double(writers) / Double(max(puts, 1)), 2))"
                    + " process_cpu_us/put=\(format(cpu / Double(max(puts, 1)), 1))"
                    + " loadavg=\(Measurement.loadAverage())"
            )
        }
        try await store.close()
    }

    /// User plus system CPU time of the whole process, in nanoseconds.
    private static func processCPUNanoseconds() -> UInt64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = UInt64(usage.ru_utime.tv_sec) * 1_000_000_000 + UInt64(usage.ru_utime.tv_usec) * 1000
        let system = UInt64(usage.ru_stime.tv_sec) * 1_000_000_000 + UInt64(usage.ru_stime.tv_usec) * 1000
        return user + system
    }
}

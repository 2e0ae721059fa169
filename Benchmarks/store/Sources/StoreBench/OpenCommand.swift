import CairnStore

/// `open DIR`: recovers a data directory (newest snapshot plus the log after it) in a fresh process
/// and reports how long that took and the resident memory afterwards.
enum OpenCommand {
    static func run(directory: String) throws -> EmbeddedStore {
        let wallStart = Measurement.wallNanoseconds()
        let cpuStart = Measurement.threadCPUNanoseconds()
        let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory))
        let cpu = Double(Measurement.threadCPUNanoseconds() - cpuStart) / 1e9
        let wall = Double(Measurement.wallNanoseconds() - wallStart) / 1e9
        print(
            "recovery keys=\(store.keyCount) revision=\(store.currentRevision) wall_s=\(format(wall, 3))"
                + " thread_cpu_s=\(format(cpu, 3)) rss_mib=\(format(Measurement.statusMiB("VmRSS")))"
                + " hwm_mib=\(format(Measurement.statusMiB("VmHWM"))) loadavg=\(Measurement.loadAverage())"
        )
        return store
    }
}

import Benchmark
import CairnStore
import CairnWire

/// Keeps the optimizer from discarding a benchmark's result.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// CPU time and operations summed over a benchmark's iterations.
final class CPUTally {
    var nanoseconds: UInt64 = 0
    var operations = 0

    var nanosecondsPerOperation: Double { operations == 0 ? 0 : Double(nanoseconds) / Double(operations) }
}

/// Point gets and 100-key ranges against a loaded store, through `EmbeddedStore.range` (request
/// validation, the lock, the index and building the response). Keys are drawn uniformly from the
/// whole data set, so most lookups miss the CPU caches, as on a server whose keys do not fit them.
/// Besides swift-benchmark's wall time per batch, each benchmark reports `cpu_ns/op`: the
/// measuring thread's CPU time per operation, which a loaded machine does not inflate.
enum ReadBenchmarks {
    static let getBatch = 1000
    static let rangeBatch = 10
    static let rangeSize = 100

    static func register(store: EmbeddedStore, keys: Int) {
        var random = SplitMix(seed: 42)
        let gets = (0..<65_536).map { _ in RangeRequest(key: Dataset.key(Int(random.next() % UInt64(keys)))) }
        let ranges = (0..<4_096).map { _ in
            let first = Int(random.next() % UInt64(max(1, keys - rangeSize)))
            return RangeRequest(key: Dataset.key(first), rangeEnd: Dataset.key(first + rangeSize))
        }
        precondition(try! store.range(gets[0]).kvs.count == 1, "the data set is not loaded")
        precondition(try! store.range(ranges[0]).kvs.count == rangeSize, "the data set is not loaded")

        measured("point get x\(getBatch)", requests: gets, batch: getBatch, store: store)
        measured("range of \(rangeSize) keys x\(rangeBatch)", requests: ranges, batch: rangeBatch, store: store)
    }

    private static func measured(_ name: String, requests: [RangeRequest], batch: Int, store: EmbeddedStore) {
        let tally = CPUTally()
        var cursor = 0
        benchmark(name) { state in
            let cpuStart = Measurement.threadCPUNanoseconds()
            try state.measure {
                for _ in 0..<batch {
                    blackHole(try! store.range(requests[cursor]))
                    cursor = (cursor + 1) % requests.count
                }
            }
            tally.nanoseconds += Measurement.threadCPUNanoseconds() - cpuStart
            tally.operations += batch
            state.counters["cpu_ns/op"] = tally.nanosecondsPerOperation.rounded()
        }
    }
}

/// A small seeded generator (SplitMix64), so that every run reads the same keys.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

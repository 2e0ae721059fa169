import ArgumentParser
import CairnClient

/// Load-generator settings shared by every `bench` command (names of etcd's benchmark tool).
package struct BenchOptions: ParsableArguments {
    @Option(help: "Number of gRPC connections") var conns = 1
    @Option(help: "Number of concurrent clients") var clients = 1
    @Option(help: "Total number of operations") var total = 10000
    @Option(help: "Run for this long (Go duration such as 30s) instead of a fixed --total")
    var duration: String?
    @Option(name: .customLong("key-size"), help: "Key size in bytes") var keySize = 8
    @Option(name: .customLong("val-size"), help: "Value size in bytes") var valueSize = 8
    @Option(name: .customLong("key-space-size"), help: "Maximum possible keys") var keySpaceSize = 1
    @Flag(name: .customLong("sequential-keys"), help: "Use sequential keys instead of random ones")
    var sequentialKeys = false
    @Flag(help: "Print the summary as JSON") var json = false

    package init() {}

    /// The key of operation `index`: a fixed-width decimal number, zero padded to `keySize` bytes.
    func key(_ index: Int, prefix: [UInt8] = []) -> [UInt8] {
        let space = max(keySpaceSize, 1)
        let number = sequentialKeys ? index % space : Int.random(in: 0..<space)
        let digits = Array(String(number).utf8)
        let width = max(keySize - prefix.count, digits.count)
        return prefix + Array(repeating: UInt8(ascii: "0"), count: width - digits.count) + digits
    }

    var value: [UInt8] { Array(repeating: UInt8(ascii: "v"), count: valueSize) }

    /// `conns` clients from the global options; worker `i` uses `clients[i % conns]`.
    func makeClients(_ context: CLIContext) throws(CLIError) -> [EtcdClient] {
        var made: [EtcdClient] = []
        for _ in 0..<max(conns, 1) { made.append(try context.makeClient()) }
        return made
    }

    /// Splits `total` operations over `clients` workers; worker `i` runs the indices `i, i+n, …`.
    func indices(worker: Int) -> StrideTo<Int> {
        stride(from: worker, to: total, by: max(clients, 1))
    }

    /// The end of a `--duration` run, or nil for a `--total` run.
    func deadline(from start: ContinuousClock.Instant) throws(CLIError) -> ContinuousClock.Instant? {
        guard let duration else { return nil }
        guard let length = GoDuration.parse(duration) else {
            throw .badArgs("invalid argument \"\(duration)\" for \"--duration\" flag")
        }
        return start + length
    }

    func report(_ summary: LatencySummary, unit: String, context: CLIContext) {
        context.console.out(json ? summary.json(unit: unit) : summary.text(unit: unit))
    }
}

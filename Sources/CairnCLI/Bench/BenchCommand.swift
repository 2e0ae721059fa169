import ArgumentParser
import CairnClient
import CairnWire

/// `bench put|range|txn|watch|lease-keepalive`: load generators reporting throughput and latency.
package struct BenchCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmark an etcd-compatible server",
        subcommands: [Put.self, Range.self, Txn.self, WatchLatency.self, LeaseKeepAlive.self])

    package init() {}

    /// Runs `operation` `total` times over `clients` workers and summarizes the latencies.
    static func measure(
        _ options: BenchOptions, context: CLIContext,
        operation: @escaping @Sendable (EtcdClient, Int) async throws -> Void
    ) async throws -> LatencySummary {
        let clients = try options.makeClients(context)
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = try options.deadline(from: start)
        let workers = max(options.clients, 1)
        let progress = BenchProgress(total: deadline == nil ? options.total : nil, console: context.console)
        let bar = Task { await progress.draw() }
        let results = await withTaskGroup(of: ([Duration], Int).self) { group in
            for worker in 0..<workers {
                let client = clients[worker % clients.count]
                group.addTask {
                    var latencies: [Duration] = []
                    var errors = 0
                    var index = worker
                    while deadline.map({ clock.now < $0 }) ?? (index < options.total) {
                        defer { index += workers }
                        let begin = clock.now
                        do {
                            try await operation(client, index)
                            latencies.append(clock.now - begin)
                        } catch {
                            errors += 1
                        }
                        progress.step()
                    }
                    return (latencies, errors)
                }
            }
            var all: ([Duration], Int) = ([], 0)
            for await result in group {
                all.0 += result.0
                all.1 += result.1
            }
            return all
        }
        let elapsed = clock.now - start
        bar.cancel()
        await bar.value
        for client in clients { await client.close() }
        return LatencySummary(
            operations: results.0.count, errors: results.1, elapsed: elapsed, latencies: results.0)
    }

    package struct Put: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(commandName: "put", abstract: "Benchmark put")
        @OptionGroup var options: BenchOptions
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let (options, value) = (self.options, self.options.value)
            let summary = try await BenchCommand.measure(options, context: context) { client, index in
                try await client.put(options.key(index), value: value)
            }
            options.report(summary, unit: "Requests", context: context)
        }
    }

    package struct Range: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "range", abstract: "Benchmark range (reads keys written by `bench put`)")
        @OptionGroup var options: BenchOptions
        @Option(help: "Linearizable(l) or Serializable(s)") var consistency = "l"
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let options = self.options
            var getOptions = GetOptions()
            getOptions.serializable = consistency == "s"
            let summary = try await BenchCommand.measure(options, context: context) { [getOptions] client, index in
                _ = try await client.get(options.key(index), options: getOptions)
            }
            options.report(summary, unit: "Requests", context: context)
        }
    }

    package struct Txn: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "txn", abstract: "Benchmark txn (a put guarded by a version compare)")
        @OptionGroup var options: BenchOptions
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let (options, value) = (self.options, self.options.value)
            let summary = try await BenchCommand.measure(options, context: context) { client, index in
                let key = options.key(index)
                var compare = Compare()
                compare.key = key
                compare.target = .version
                compare.result = .greater
                compare.targetUnion = .version(-1)
                var put = RequestOp()
                put.request = .put(PutOptions().request(key: key, value: value))
                var request = TxnRequest()
                request.compare = [compare]
                request.success = [put]
                _ = try await client.txn(request)
            }
            options.report(summary, unit: "Requests", context: context)
        }
    }
}

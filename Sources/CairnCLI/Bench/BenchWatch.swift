import ArgumentParser
import CairnClient
import CairnWire
import Synchronization

/// Send times of the puts a watch benchmark is waiting to see, keyed by key.
final class SendTimes: Sendable {
    private let times = Mutex<[[UInt8]: ContinuousClock.Instant]>([:])

    func record(_ key: [UInt8], at instant: ContinuousClock.Instant) {
        times.withLock { $0[key] = instant }
    }

    func sent(_ key: [UInt8]) -> ContinuousClock.Instant? {
        times.withLock { $0[key] }
    }
}

extension BenchCommand {
    /// `bench watch`: N watchers on one prefix; measures put → event latency and events/s.
    package struct WatchLatency: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "watch", abstract: "Benchmark watch: put-to-event latency with many watchers on one prefix")
        @OptionGroup var options: BenchOptions
        @Option(help: "Number of watchers") var watchers = 10
        @Option(help: "Prefix the watchers watch and the puts write under") var prefix = "bench-watch/"
        package init() {}

        /// What a task of the watch benchmark reports when it ends.
        enum Role: Sendable {
            case watcher([Duration])
            case writersDone
            case timedOut
        }

        /// Put → event latencies seen by one watcher, until it saw `expecting` events or was cancelled.
        static func latencies(
            of stream: AsyncThrowingStream<WatchResponse, any Error>, expecting: Int, times: SendTimes
        ) async -> [Duration] {
            var latencies: [Duration] = []
            let clock = ContinuousClock()
            do {
                for try await response in stream {
                    let now = clock.now
                    for event in response.events {
                        if let key = event.kv?.key, let sent = times.sent(key) { latencies.append(now - sent) }
                    }
                    if latencies.count >= expecting { break }
                }
            } catch {
                return latencies
            }
            return latencies
        }

        package func run() async throws {
            let context = CLIContext.current
            let options = self.options
            let clients = try options.makeClients(context)
            let prefixBytes = Array(prefix.utf8)
            let value = options.value
            let times = SendTimes()
            let clock = ContinuousClock()
            let total = options.total
            // Each watcher reports its latencies; start them and wait until every one is created.
            var streams: [AsyncThrowingStream<WatchResponse, any Error>] = []
            for index in 0..<max(watchers, 1) {
                let stream = clients[index % clients.count].watch(prefixBytes, options: .prefix(of: prefixBytes))
                var iterator = stream.makeAsyncIterator()
                _ = try await iterator.next()
                streams.append(stream)
            }
            let start = clock.now
            let summary = await withTaskGroup(of: Role.self) { group in
                for stream in streams {
                    group.addTask { .watcher(await Self.latencies(of: stream, expecting: total, times: times)) }
                }
                group.addTask {
                    await withTaskGroup(of: Void.self) { writers in
                        for worker in 0..<max(options.clients, 1) {
                            let client = clients[worker % clients.count]
                            writers.addTask {
                                for index in options.indices(worker: worker) {
                                    let key = prefixBytes + Array(String(index).utf8)
                                    times.record(key, at: clock.now)
                                    _ = try? await client.put(key, value: value)
                                }
                            }
                        }
                    }
                    return .writersDone
                }
                var latencies: [Duration] = []
                var watchersLeft = streams.count
                while let role = await group.next() {
                    switch role {
                    case .watcher(let received):
                        latencies += received
                        watchersLeft -= 1
                        if watchersLeft == 0 { group.cancelAll() }
                    case .writersDone:
                        // Events still in flight get a bounded time to arrive; missing ones count as errors.
                        group.addTask {
                            try? await Task.sleep(for: .seconds(10))
                            return .timedOut
                        }
                    case .timedOut:
                        group.cancelAll()
                    }
                }
                return LatencySummary(
                    operations: latencies.count, errors: total * streams.count - latencies.count,
                    elapsed: clock.now - start, latencies: latencies)
            }
            for client in clients { await client.close() }
            options.report(summary, unit: "Events", context: context)
        }
    }

    /// `bench lease-keepalive`: N leases renewed round-robin; measures keep-alives/s.
    package struct LeaseKeepAlive: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "lease-keepalive", abstract: "Benchmark lease keep-alives over many leases")
        @OptionGroup var options: BenchOptions
        @Option(help: "Number of leases") var leases = 100
        @Option(help: "TTL of each lease in seconds") var ttl: Int64 = 60
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let setup = try context.makeClient()
            var ids: [Int64] = []
            for _ in 0..<max(leases, 1) {
                ids.append(try await setup.grantLease(ttl: ttl).id)
            }
            let leaseIDs = ids
            let summary = try await BenchCommand.measure(options, context: context) { client, index in
                _ = try await client.keepAliveOnce(id: leaseIDs[index % leaseIDs.count])
            }
            for id in leaseIDs { _ = try? await setup.revokeLease(id: id) }
            await setup.close()
            options.report(summary, unit: "KeepAlives", context: context)
        }
    }
}

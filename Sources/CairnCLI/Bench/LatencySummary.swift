/// Throughput and latency percentiles of a benchmark run, printed as text or JSON.
package struct LatencySummary: Sendable, Equatable {
    package var operations: Int
    package var errors: Int
    package var elapsed: Duration
    /// Sorted ascending.
    package var latencies: [Duration]

    package init(operations: Int, errors: Int, elapsed: Duration, latencies: [Duration]) {
        self.operations = operations
        self.errors = errors
        self.elapsed = elapsed
        self.latencies = latencies.sorted()
    }

    package var throughput: Double {
        let seconds = Self.seconds(elapsed)
        return seconds > 0 ? Double(operations) / seconds : 0
    }

    /// The latency at or below which `percent`% of samples fall (nearest rank).
    package func percentile(_ percent: Double) -> Duration {
        guard !latencies.isEmpty else { return .zero }
        let rank = Int((percent / 100 * Double(latencies.count)).rounded(.up))
        return latencies[min(max(rank, 1), latencies.count) - 1]
    }

    package func text(unit: String) -> String {
        var lines = ["Summary:"]
        lines.append("  Total:\t\(Self.format(Self.seconds(elapsed))) secs.")
        lines.append("  \(unit)/sec:\t\(Self.format(throughput))")
        lines.append("  Operations:\t\(operations)")
        lines.append("  Errors:\t\(errors)")
        for (name, percent) in [("p50", 50.0), ("p90", 90.0), ("p99", 99.0), ("p99.9", 99.9)] {
            lines.append("  \(name):\t\(Self.format(Self.seconds(percentile(percent)) * 1000)) ms")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package func json(unit: String) -> String {
        GoJSON.object([
            ("operations", .int(Int64(operations))),
            ("errors", .int(Int64(errors))),
            ("seconds", .string(Self.format(Self.seconds(elapsed)))),
            ("\(unit.lowercased())PerSecond", .string(Self.format(throughput))),
            ("p50Ms", .string(Self.format(Self.seconds(percentile(50)) * 1000))),
            ("p90Ms", .string(Self.format(Self.seconds(percentile(90)) * 1000))),
            ("p99Ms", .string(Self.format(Self.seconds(percentile(99)) * 1000))),
            ("p999Ms", .string(Self.format(Self.seconds(percentile(99.9)) * 1000))),
        ]).rendered + "\n"
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Four decimals, as etcd's benchmark prints.
    static func format(_ value: Double) -> String {
        let scaled = (value * 10000).rounded()
        let whole = Int64(scaled) / 10000
        let fraction = abs(Int64(scaled) % 10000)
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 4 - digits.count))\(digits)"
    }
}

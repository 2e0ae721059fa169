/// Go's `time.Duration.String()`, which etcdctl prints for the time an endpoint health check took
/// (`1.084148ms`, `812.5µs`, `2.5s`, `1m30s`).
package enum GoDuration {
    package static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        return format(nanoseconds: nanoseconds)
    }

    package static func format(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let negative = nanoseconds < 0
        let magnitude = nanoseconds.magnitude
        let sign = negative ? "-" : ""
        if magnitude < 1_000 { return sign + "\(magnitude)ns" }
        if magnitude < 1_000_000 { return sign + fraction(magnitude, unit: 1_000) + "µs" }
        if magnitude < 1_000_000_000 { return sign + fraction(magnitude, unit: 1_000_000) + "ms" }
        let hours = magnitude / 3_600_000_000_000
        let minutes = magnitude / 60_000_000_000 % 60
        let rest = magnitude % 60_000_000_000
        var text = sign
        if hours > 0 { text += "\(hours)h" }
        if hours > 0 || minutes > 0 { text += "\(minutes)m" }
        return text + fraction(rest, unit: 1_000_000_000) + "s"
    }

    /// `value / unit` with the remainder as decimals, trailing zeros dropped.
    private static func fraction(_ value: UInt64, unit: UInt64) -> String {
        let whole = value / unit
        let remainder = value % unit
        guard remainder != 0 else { return "\(whole)" }
        let width = String(unit).count - 1
        var digits = String(remainder)
        digits = String(repeating: "0", count: width - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}

extension GoDuration {
    /// Parses Go's `time.ParseDuration` syntax (`5s`, `1.5s`, `300ms`, `1m30s`, `2h`).
    package static func parse(_ text: String) -> Duration? {
        let units: [(String, Double)] = [
            ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ]
        var rest = Substring(text)
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix(while: { $0.isNumber || $0 == "." })
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.sorted(by: { $0.0.count > $1.0.count }).first(where: { rest.hasPrefix($0.0) })
            else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
        }
        let nanoseconds = Int64(total.rounded())
        return .nanoseconds(negative ? -nanoseconds : nanoseconds)
    }
}

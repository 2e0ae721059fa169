/// Parses durations written the way etcd's Go flags take them (`time.ParseDuration`): a sequence of decimal
/// numbers each followed by a unit, e.g. `10m`, `1h30m`, `1.5s`, `300ms`; a bare `0` is zero.
package enum GoDuration {
    private static let nanosecondsPerUnit: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]

    /// Returns nil when the text is not a valid non-negative Go duration.
    package static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        var totalNanoseconds = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let amount = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let scale = nanosecondsPerUnit[String(unit)] else { return nil }
            rest = rest.dropFirst(unit.count)
            totalNanoseconds += amount * scale
        }
        guard totalNanoseconds < Double(Int64.max) else { return nil }
        return .nanoseconds(Int64(totalNanoseconds))
    }

    /// Formats a duration compactly, like Go's `Duration.String` for whole units: `10m0s`, `1h0m0s`, `500ms`.
    package static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if seconds == 0 {
            let nanoseconds = attoseconds / 1_000_000_000
            if nanoseconds == 0 { return "0s" }
            if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
            if nanoseconds % 1_000 == 0 { return "\(nanoseconds / 1_000)µs" }
            return "\(nanoseconds)ns"
        }
        let fraction = attoseconds / 1_000_000_000
        let secondsText = fraction == 0 ? "\(seconds % 60)" : "\(Double(seconds % 60) + Double(fraction) / 1e9)"
        if seconds < 60 { return secondsText + "s" }
        if seconds < 3600 { return "\(seconds / 60)m\(secondsText)s" }
        return "\(seconds / 3600)h\(seconds % 3600 / 60)m\(secondsText)s"
    }
}

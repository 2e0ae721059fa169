/// The `grpc-timeout` header: up to 8 ASCII digits followed by a unit (`H M S m u n`).
public enum GRPCTimeout {
    private static let maximumValue: Int64 = 99_999_999

    /// Nanoseconds per unit, finest first (the order ``format(_:)`` tries them in).
    private static let units: [(unit: UInt8, nanoseconds: Int64)] = [
        (UInt8(ascii: "n"), 1),
        (UInt8(ascii: "u"), 1_000),
        (UInt8(ascii: "m"), 1_000_000),
        (UInt8(ascii: "S"), 1_000_000_000),
        (UInt8(ascii: "M"), 60_000_000_000),
        (UInt8(ascii: "H"), 3_600_000_000_000),
    ]

    /// The timeout a header value announces, or nil when the value is malformed.
    public static func parse(_ value: String) -> Duration? {
        let bytes = Array(value.utf8)
        guard bytes.count >= 2, bytes.count <= 9, let unit = bytes.last else { return nil }
        var amount: Int64 = 0
        for digit in bytes.dropLast() {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            amount = amount * 10 + Int64(digit - UInt8(ascii: "0"))
        }
        switch unit {
        case UInt8(ascii: "H"): return .seconds(amount * 3600)
        case UInt8(ascii: "M"): return .seconds(amount * 60)
        case UInt8(ascii: "S"): return .seconds(amount)
        case UInt8(ascii: "m"): return .milliseconds(amount)
        case UInt8(ascii: "u"): return .microseconds(amount)
        case UInt8(ascii: "n"): return .nanoseconds(amount)
        default: return nil
        }
    }

    /// The header value for `duration`: the finest unit whose value fits in 8 digits, rounded up
    /// so that the peer never sees a shorter deadline. Zero or negative durations give `0n`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || (seconds == 0 && attoseconds > 0) else { return "0n" }
        let (wholeNanoseconds, overflowed) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (nanoseconds, sumOverflowed) = wholeNanoseconds.addingReportingOverflow(
            ceilingDivide(attoseconds, 1_000_000_000)
        )
        // Beyond ~292 years nanoseconds overflow; whole seconds (rounded up) are then precise enough.
        let roundedSeconds = attoseconds > 0 && seconds < .max ? seconds + 1 : seconds
        let (total, firstUnit) = overflowed || sumOverflowed ? (roundedSeconds, 3) : (nanoseconds, 0)
        for (unit, scale) in units[firstUnit...] {
            let amount = ceilingDivide(total, scale / units[firstUnit].nanoseconds)
            if amount <= maximumValue {
                return "\(amount)" + String(decoding: [unit], as: UTF8.self)
            }
        }
        return "\(maximumValue)H"
    }

    private static func ceilingDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value / divisor + (value % divisor > 0 ? 1 : 0)
    }
}

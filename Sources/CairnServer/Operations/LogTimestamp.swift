#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A wall-clock instant formatted as etcd's logs show it: RFC 3339 in UTC with milliseconds,
/// e.g. `2026-11-26T20:34:18.123Z`.
package struct LogTimestamp: Sendable, Equatable {
    package var secondsSinceEpoch: Int
    package var nanoseconds: Int

    package init(secondsSinceEpoch: Int, nanoseconds: Int) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.nanoseconds = nanoseconds
    }

    /// The current time from the system's real-time clock.
    package static func now() -> LogTimestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return LogTimestamp(secondsSinceEpoch: Int(spec.tv_sec), nanoseconds: Int(spec.tv_nsec))
    }

    package var rfc3339: String {
        var seconds = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-" + padded(parts.tm_mday, 2)
            + "T" + padded(parts.tm_hour, 2) + ":" + padded(parts.tm_min, 2) + ":" + padded(parts.tm_sec, 2)
            + "." + padded(Int32(nanoseconds / 1_000_000), 3) + "Z"
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// What the benchmark reads about its own process and the machine.
enum Measurement {
    /// CPU time consumed by the calling thread, in nanoseconds: on a machine shared with other
    /// work this is what an operation cost, while wall time also counts the waits for a core.
    static func threadCPUNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Wall-clock time from a monotonic clock, in nanoseconds.
    static func wallNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// A field of /proc/self/status in MiB (`VmRSS`, `VmHWM`).
    static func statusMiB(_ field: String) -> Double {
        guard let status = readFile("/proc/self/status") else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let kibibytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kibibytes / 1024
        }
        return 0
    }

    /// The first three fields of /proc/loadavg.
    static func loadAverage() -> String {
        guard let text = readFile("/proc/loadavg") else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let read = fread(&buffer, 1, buffer.count, file)
            if read <= 0 { break }
            result.append(contentsOf: buffer[0..<read])
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Formats `value` with `digits` decimals.
func format(_ value: Double, _ digits: Int = 1) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return "\(rounded)"
}

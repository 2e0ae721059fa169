import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where finished log lines go. Lines are written whole and one at a time, so concurrent loggers never interleave.
package final class LogSink: Sendable {
    private let lock = NIOLock()
    private let writeLine: @Sendable (String) -> Void

    /// A sink calling `writeLine` with each line (without its newline).
    package init(writeLine: @escaping @Sendable (String) -> Void) {
        self.writeLine = writeLine
    }

    /// Standard error, etcd's default log output.
    package static let standardError = LogSink { line in
        var bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                write(2, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    package func emit(_ line: String) {
        lock.withLock { writeLine(line) }
    }
}

import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A progress bar on stderr while a benchmark runs, drawn only when stderr is a terminal.
final class BenchProgress: Sendable {
    private let done = Atomic<Int>(0)
    private let total: Int?
    private let console: any Console
    private let enabled: Bool

    /// `total` is nil for `--duration` runs, which show a count instead of a bar.
    init(total: Int?, console: any Console) {
        self.total = total
        self.console = console
        self.enabled = isatty(2) == 1
    }

    func step() {
        done.add(1, ordering: .relaxed)
    }

    /// Redraws every 200 ms until cancelled, then clears the line.
    func draw() async {
        guard enabled else { return }
        while !Task.isCancelled {
            console.err("\r" + line())
            try? await Task.sleep(for: .milliseconds(200))
        }
        console.err("\r" + String(repeating: " ", count: 60) + "\r")
    }

    private func line() -> String {
        let count = done.load(ordering: .relaxed)
        guard let total, total > 0 else { return "\(count) operations" }
        let width = 40
        let filled = min(width, count * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            + "] \(count * 100 / total)%"
    }
}

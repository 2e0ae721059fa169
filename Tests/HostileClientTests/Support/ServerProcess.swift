import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Errors of the hostile-client harness, with what the test needs to diagnose them.
struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
}

/// A `cairnd` process on a fresh loopback port with a throw-away data directory.
final class ServerProcess: Sendable {
    let port: Int
    let directory: String
    let process: Process
    let logPath: String

    /// The `cairnd` beside the test bundle (the same build), or the binary named by `CAIRND`.
    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["CAIRND"] { return explicit }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while directory.path != "/" {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("cairnd").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return ".build/debug/cairnd"
    }()

    /// Starts `cairnd` with `arguments` added to the address and data-directory flags and waits until it
    /// accepts connections.
    init(_ label: String, arguments: [String] = [], dataDirectory: String? = nil, fsync: Bool = false) async throws {
        directory = NSTemporaryDirectory() + "cairn-hostile-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = try RawConnection.unusedPort()
        logPath = directory + "/cairnd.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let url = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments =
            [
                "--data-dir", dataDirectory ?? directory + "/data.cairn", "--listen-client-urls", url,
                "--advertise-client-urls", url, "--log-level", "warn",
            ] + (fsync ? [] : ["--unsafe-no-fsync"]) + arguments
        let logFile = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = logFile
        process.standardError = logFile
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while !RawConnection.accepts(port: port) {
            guard process.isRunning, ContinuousClock.now < deadline else {
                let running = process.isRunning
                let output = log()
                stop()
                throw StartFailure(exitStatus: running ? nil : process.terminationStatus, log: output)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Why `cairnd` did not start serving: its exit status (nil when it hung) and everything it logged.
    struct StartFailure: Error, CustomStringConvertible {
        var exitStatus: Int32?
        var log: String

        var description: String {
            "cairnd did not start (exit status \(exitStatus.map(String.init) ?? "none")): \(log)"
        }
    }

    /// The server's resident set size in bytes, from /proc.
    var residentBytes: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }

    /// The number of file descriptors the server has open.
    var openDescriptors: Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd").count) ?? 0
    }

    var isRunning: Bool { process.isRunning }

    func log() -> String {
        String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    }

    /// Kills the process and removes its directory.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs `body` against a fresh `cairnd` and always stops it afterwards.
func withServer<T>(
    _ label: String, arguments: [String] = [], _ body: (ServerProcess) async throws -> T
) async throws -> T {
    let server = try await ServerProcess(label, arguments: arguments)
    defer { server.stop() }
    do {
        let result = try await body(server)
        guard server.isRunning else { throw HarnessFailure(description: "cairnd died: \(server.log().suffix(3000))") }
        return result
    } catch {
        throw HarnessFailure(description: "\(error)\n--- cairnd log ---\n\(server.log().suffix(3000))")
    }
}

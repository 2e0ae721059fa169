import Foundation
import Synchronization

/// The outcome of a finished child process: its exit code (or the signal that ended it) and its output.
struct ProcessOutcome: Sendable {
    var status: Int32
    var terminatedBySignal: Bool
    var stdout: String
    var stderr: String

    /// stdout and stderr together, the way a shell user would see them.
    var combined: String { stdout + stderr }
}

/// Errors raised by the process helpers, with enough context to diagnose a failed test.
struct ProcessFailure: Error, CustomStringConvertible {
    var description: String
}

/// A child process whose stdout and stderr go to files (so large outputs can never block it on a full pipe)
/// and whose exit can be awaited.
final class ChildProcess: Sendable {
    let executable: String
    let arguments: [String]
    let stdoutPath: String
    let stderrPath: String
    private let process: Mutex<Process>
    private let exit = ExitSignal()

    /// Starts `executable` with `arguments`; `stdin` (if any) is written from a file so the child sees EOF after it.
    init(
        executable: String,
        arguments: [String],
        environment: [String: String]? = nil,
        currentDirectory: String? = nil,
        stdin: Data? = nil,
        outputDirectory: String,
        label: String
    ) throws {
        self.executable = executable
        self.arguments = arguments
        let unique = "\(label)-\(UUID().uuidString.prefix(8))"
        stdoutPath = "\(outputDirectory)/\(unique).out"
        stderrPath = "\(outputDirectory)/\(unique).err"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let currentDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory)
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        if let stdin {
            let stdinPath = "\(outputDirectory)/\(unique).in"
            _ = FileManager.default.createFile(atPath: stdinPath, contents: stdin)
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinPath))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let exit = self.exit
        process.terminationHandler = { _ in exit.fire() }
        try process.run()
        self.process = Mutex(process)
    }

    var pid: Int32 { process.withLock { $0.processIdentifier } }

    var isRunning: Bool { process.withLock { $0.isRunning } }

    /// Sends `signal` to the child (no effect once it has exited).
    func send(_ signal: Int32) {
        process.withLock { process in
            if process.isRunning { kill(process.processIdentifier, signal) }
        }
    }

    /// Waits for the child to exit and returns its status and output.
    func wait() async -> ProcessOutcome {
        await exit.wait()
        let (status, reason) = process.withLock { ($0.terminationStatus, $0.terminationReason) }
        return ProcessOutcome(
            status: status,
            terminatedBySignal: reason == .uncaughtSignal,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        )
    }

    /// Waits at most `timeout` for the exit; kills the child with SIGKILL when it takes longer.
    func wait(timeout: Duration) async throws -> ProcessOutcome {
        try await withThrowingTaskGroup(of: ProcessOutcome?.self) { group in
            group.addTask {
                await self.exit.wait()
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                self.send(SIGKILL)
                return await self.wait()
            }
            let first = try await group.next()!
            group.cancelAll()
            if first == nil { return await wait() }
            let killed = first!
            throw ProcessFailure(
                description: "\(executable) \(arguments.joined(separator: " ")) did not exit within \(timeout);"
                    + " output: \(killed.combined.suffix(2000))"
            )
        }
    }

    /// Everything the child wrote to stderr so far.
    func currentStderr() -> String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }
}

/// Runs a command to completion and returns its outcome.
func runProcess(
    _ executable: String,
    _ arguments: [String],
    stdin: Data? = nil,
    environment: [String: String]? = nil,
    in directory: String,
    timeout: Duration = .seconds(60)
) async throws -> ProcessOutcome {
    let child = try ChildProcess(
        executable: executable,
        arguments: arguments,
        environment: environment,
        stdin: stdin,
        outputDirectory: directory,
        label: URL(fileURLWithPath: executable).lastPathComponent
    )
    return try await child.wait(timeout: timeout)
}

/// A one-shot event that any number of tasks can await; waiters arriving after it fired return at once.
final class ExitSignal: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func fire() {
        let waiters = state.withLock { state in
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let fired = state.withLock { state in
                if !state.fired { state.waiters.append(continuation) }
                return state.fired
            }
            if fired { continuation.resume() }
        }
    }
}

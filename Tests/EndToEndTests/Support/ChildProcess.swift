import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
///
/// Started with `posix_spawn` and an empty signal mask with default dispositions: the test runner blocks most
/// signals on its threads, and a child that inherited that mask could not be stopped with SIGTERM or SIGINT
/// (Foundation's `Process` passes the mask on).
final class ChildProcess: Sendable {
    let executable: String
    let arguments: [String]
    let stdoutPath: String
    let stderrPath: String
    let pid: pid_t
    private let exit = ExitSignal()

    /// Starts `executable` with `arguments`; `stdin` (if any) is read from a file so the child sees EOF after it.
    init(
        executable: String,
        arguments: [String],
        environment: [String: String]? = nil,
        stdin: Data? = nil,
        outputDirectory: String,
        label: String
    ) throws {
        self.executable = executable
        self.arguments = arguments
        let unique = "\(label)-\(UUID().uuidString.prefix(8))"
        stdoutPath = "\(outputDirectory)/\(unique).out"
        stderrPath = "\(outputDirectory)/\(unique).err"
        var stdinPath = "/dev/null"
        if let stdin {
            stdinPath = "\(outputDirectory)/\(unique).in"
            try stdin.write(to: URL(fileURLWithPath: stdinPath))
        }
        let variables = ProcessInfo.processInfo.environment.merging(environment ?? [:]) { $1 }
        pid = try Self.spawn(
            executable, arguments: arguments, environment: variables.map { "\($0.key)=\($0.value)" },
            stdin: stdinPath, stdout: stdoutPath, stderr: stderrPath)
        let (pid, exit) = (self.pid, self.exit)
        Thread.detachNewThread {
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
            exit.fire(status: raw)
        }
    }

    var isRunning: Bool { exit.status == nil }

    /// Sends `signal` to the child (no effect once it has been reaped, so a reused pid is never hit).
    func send(_ signal: Int32) {
        exit.whileRunning { kill(pid, signal) }
    }

    /// Waits for the child to exit and returns its status and output.
    func wait() async -> ProcessOutcome {
        let raw = await exit.wait()
        let signal = raw & 0x7f
        return ProcessOutcome(
            status: signal == 0 ? (raw >> 8) & 0xff : signal,
            terminatedBySignal: signal != 0,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        )
    }

    /// Waits at most `timeout` for the exit; kills the child with SIGKILL when it takes longer.
    func wait(timeout: Duration) async throws -> ProcessOutcome {
        let timer = Task {
            try await Task.sleep(for: timeout)
            send(SIGKILL)
        }
        let outcome = await wait()
        timer.cancel()
        guard outcome.terminatedBySignal && outcome.status == SIGKILL, await timer.result.failed == false else {
            return outcome
        }
        throw ProcessFailure(
            description: "\(executable) \(arguments.joined(separator: " ")) did not exit within \(timeout);"
                + " output: \(outcome.combined.suffix(2000))"
        )
    }

    /// Everything the child wrote to stderr so far.
    func currentStderr() -> String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), looked up at run time because the Swift

    /// Glibc module does not export it.

    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
        {

            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
            else {

                return nil

            }

            return unsafeBitCast(

                symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)

        }()

    private static func spawn(
        _ executable: String, arguments: [String], environment: [String], stdin: String, stdout: String,
        stderr: String
    ) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Leave every other descriptor behind: a pipe another test holds open must not stay open in a
        // long-lived child, or that test's reader never sees end-of-file.
        Self.closeFrom?(&actions, 3)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ProcessFailure(description: "posix_spawn \(executable) failed: \(String(cString: strerror(result)))")
        }
        return pid
    }
}

extension Result {
    fileprivate var failed: Bool {
        if case .failure = self { return true }
        return false
    }
}

/// A child's exit as a one-shot event carrying its wait status; any number of tasks can await it, and waiters
/// arriving after it fired return at once.
final class ExitSignal: Sendable {
    private let state = Mutex<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))

    var status: Int32? { state.withLock { $0.status } }

    func fire(status: Int32) {
        let waiters = state.withLock { state in
            state.status = status
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    /// Runs `body` only while the child has not been reaped (under the lock, so reaping waits for it).
    func whileRunning(_ body: () -> Void) {
        state.withLock { state in
            if state.status == nil { body() }
        }
    }

    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = state.withLock { state in
                if state.status == nil { state.waiters.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
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

import Foundation
import Synchronization

/// One `cairnd` started as a process on a fresh loopback port, with its own data directory.
///
/// The data directory and port survive `stop()`/`kill()`, so `start()` again is a restart on the same data.
final class CairndInstance: Sendable {
    let name: String
    let port: Int
    let dataDirectory: String
    let workDirectory: String
    let extraArguments: [String]
    private let current = Mutex<ChildProcess?>(nil)

    /// `127.0.0.1:<port>`, the form etcdctl's `--endpoints` takes.
    var endpoint: String { "127.0.0.1:\(port)" }
    var url: String { "http://\(endpoint)" }

    init(label: String, extraArguments: [String] = []) throws {
        workDirectory = try TestEnvironment.makeScratchDirectory(label)
        dataDirectory = "\(workDirectory)/data.cairn"
        port = try Loopback.unusedPort()
        name = "e2e-\(label)"
        self.extraArguments = extraArguments
    }

    /// The command-line arguments of this instance, with etcd's flag names.
    var arguments: [String] {
        [
            "--name", name, "--data-dir", dataDirectory,
            "--listen-client-urls", url, "--advertise-client-urls", url,
        ] + extraArguments
    }

    /// Starts `cairnd` and returns once its client port accepts connections.
    @discardableResult
    func start(environment: [String: String]? = nil) async throws -> ChildProcess {
        let child = try launch(environment: environment)
        try await waitUntilServing(child)
        return child
    }

    /// Starts `cairnd` without waiting for it (for tests that expect it to refuse to start).
    func launch(environment: [String: String]? = nil) throws -> ChildProcess {
        let binary = TestEnvironment.cairndPath
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ProcessFailure(description: "cairnd not built at \(binary); run `swift build` (or `make test`) first")
        }
        let child = try ChildProcess(
            executable: binary,
            arguments: arguments,
            environment: environment,
            outputDirectory: workDirectory,
            label: "cairnd"
        )
        current.withLock { $0 = child }
        return child
    }

    /// Polls the port until it accepts a connection; fails at once if the process exits first.
    func waitUntilServing(_ child: ChildProcess, timeout: Duration = .seconds(30)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if Loopback.accepts(port: port) { return }
            if !child.isRunning {
                let outcome = await child.wait()
                throw ProcessFailure(description: "cairnd exited (\(outcome.status)) before serving: \(outcome.stderr)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        child.send(SIGKILL)
        throw ProcessFailure(
            description: "cairnd did not listen on \(port) within \(timeout): \(child.currentStderr())")
    }

    /// SIGTERM, then waits for the graceful exit.
    @discardableResult
    func stop(timeout: Duration = .seconds(20)) async throws -> ProcessOutcome? {
        guard let child = current.withLock({ $0 }) else { return nil }
        child.send(SIGTERM)
        let outcome = try await child.wait(timeout: timeout)
        current.withLock { $0 = nil }
        return outcome
    }

    /// SIGKILL: the crash case, nothing gets flushed.
    func kill() async {
        guard let child = current.withLock({ $0 }) else { return }
        child.send(SIGKILL)
        _ = await child.wait()
        current.withLock { $0 = nil }
    }

    /// The log of the running (or last) process, for failure messages.
    func log() -> String {
        current.withLock { $0 }?.currentStderr() ?? ""
    }

    /// Stops the process if it still runs and deletes the work directory.
    func tearDown() async {
        await kill()
        try? FileManager.default.removeItem(atPath: workDirectory)
    }
}

/// Runs `body` against a `cairnd` (started first unless `started` is false) and always tears it down afterwards.
func withCairnd<T>(
    _ label: String,
    arguments: [String] = [],
    started: Bool = true,
    _ body: (CairndInstance) async throws -> T
) async throws -> T {
    let instance = try CairndInstance(label: label, extraArguments: arguments)
    do {
        if started { try await instance.start() }
        let result = try await body(instance)
        await instance.tearDown()
        return result
    } catch {
        let log = instance.log()
        await instance.tearDown()
        throw ProcessFailure(description: "\(error)\n--- cairnd log (tail) ---\n\(log.suffix(3000))")
    }
}

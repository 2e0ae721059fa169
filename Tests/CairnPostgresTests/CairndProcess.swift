import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `cairnd` child process on a PostgreSQL database, serving on a free 127.0.0.1 port, with its
/// output in `work`.
struct CairndProcess {
    let pid: pid_t
    let port: Int
    var endpoint: String { "127.0.0.1:\(port)" }

    /// Starts `cairnd --backend url` and waits (up to 30 s) until it accepts connections.
    static func start(name: String, backend url: String, work: String) async throws -> CairndProcess {
        guard let cairnd = GroupEnvironment.cairndPath else { throw TestServerError.failed("no cairnd") }
        let port = try PostgresTestServer.freePort()
        let command =
            "'\(cairnd)' --name \(name) --backend '\(url)' --data-dir '\(work)/\(name)'"
            + " --listen-client-urls http://127.0.0.1:\(port) --advertise-client-urls http://127.0.0.1:\(port)"
            + " >'\(work)/\(name).log' 2>&1 & echo $! >'\(work)/\(name).pid'"
        guard await PostgresTestServer.shell(command) == 0 else { throw TestServerError.failed("starting cairnd") }
        let pid = try String(contentsOfFile: "\(work)/\(name).pid", encoding: .utf8)
        let process = CairndProcess(pid: pid_t(pid.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, port: port)
        let deadline = ContinuousClock.now + .seconds(30)
        while !PostgresTestServer.accepts(port: port) {
            guard ContinuousClock.now < deadline else {
                process.kill()
                throw TestServerError.failed("nothing listens on port \(port)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process
    }

    /// SIGKILL: the process ends at once, without closing anything.
    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
    }

    /// The HTTP status and body of `GET /health` (status 0 when nothing answered).
    func health(work: String) async -> (status: Int, body: String) {
        let file = "\(work)/health-\(port)"
        let status = await PostgresTestServer.shell(
            "curl -s -m 2 -o '\(file)' -w '%{http_code}' http://\(endpoint)/health >'\(file).code'")
        let code = (try? String(contentsOfFile: file + ".code", encoding: .utf8)) ?? ""
        let body = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return (status == 0 ? Int(code) ?? 0 : 0, body)
    }
}

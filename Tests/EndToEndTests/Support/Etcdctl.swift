import Foundation

/// Runs the system's etcdctl (API v3) against one endpoint.
struct Etcdctl: Sendable {
    let endpoint: String
    let scratch: String

    init(_ instance: CairndInstance) {
        endpoint = instance.endpoint
        scratch = instance.workDirectory
    }

    /// Runs `etcdctl --endpoints=<endpoint> <arguments>` and returns its outcome.
    func run(_ arguments: [String], stdin: Data? = nil, timeout: Duration = .seconds(30)) async throws -> ProcessOutcome
    {
        try await runProcess(
            TestEnvironment.etcdctlPath,
            ["--endpoints=\(endpoint)", "--command-timeout=10s"] + arguments,
            stdin: stdin,
            environment: ["ETCDCTL_API": "3"],
            in: scratch,
            timeout: timeout
        )
    }

    /// Runs a command that must succeed and returns its stdout without the trailing newline.
    func output(_ arguments: String...) async throws -> String {
        let outcome = try await run(arguments)
        guard outcome.status == 0 else {
            throw ProcessFailure(description: "etcdctl \(arguments) failed (\(outcome.status)): \(outcome.combined)")
        }
        return outcome.stdout.trimmingCharacters(in: .newlines)
    }

    /// Runs a command with `-w json` that must succeed and decodes its JSON object.
    func json(_ arguments: String...) async throws -> [String: Any] {
        let outcome = try await run(arguments + ["-w", "json"])
        guard outcome.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        else {
            throw ProcessFailure(
                description: "etcdctl \(arguments) -w json failed (\(outcome.status)): \(outcome.combined)")
        }
        return object
    }
}

/// Reads etcdctl's JSON numbers (which JSONSerialization hands back as NSNumber) as Int64 / UInt64.
extension Dictionary where Key == String, Value == Any {
    func int64(_ key: String) -> Int64? { (self[key] as? NSNumber)?.int64Value }
    func uint64(_ key: String) -> UInt64? { (self[key] as? NSNumber)?.uint64Value }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}

/// A lease id as etcdctl prints and parses it: 16 lowercase hex digits.
func leaseHex(_ id: Int64) -> String {
    let digits = String(UInt64(bitPattern: id), radix: 16)
    return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
}

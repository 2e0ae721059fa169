import Foundation

/// Runs a command-line tool to completion and collects its output.
struct CommandResult: Equatable {
    var stdout: String
    var stderr: String
    var status: Int32

    /// The `Error: …` lines of stderr (etcdctl also logs JSON warnings there, which are not compared).
    var errorLines: [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("Error: ") }
    }
}

enum CommandRunner {
    static func run(_ executable: String, _ arguments: [String], stdin: String = "") throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
            status: process.terminationStatus)
    }

    /// The cairnctl built next to the test bundle, or `$CAIRNCTL`.
    static var cairnctl: String {
        if let path = ProcessInfo.processInfo.environment["CAIRNCTL"] { return path }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("cairnctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        return "cairnctl"
    }
}

import CairnClient

/// A failure that ends a command the way etcdctl ends it: `Error: <message>` on stderr and an
/// exit code from etcdctl's table.
package struct CLIError: Error, Equatable, Sendable, CustomStringConvertible {
    package var message: String
    package var exitCode: Int32

    package init(_ message: String, exitCode: Int32 = CLIError.exitError) {
        self.message = message
        self.exitCode = exitCode
    }

    package var description: String { message }

    /// An RPC or other runtime failure.
    package static let exitError: Int32 = 1
    /// The server could not be reached, or a lease keep-alive found no lease.
    package static let exitBadConnection: Int32 = 2
    /// Malformed input on stdin (txn).
    package static let exitInvalidInput: Int32 = 3
    /// An option value etcdctl does not support (`-w table` on `get`, a bad sort order).
    package static let exitBadFeature: Int32 = 4
    /// A watch ended by the server.
    package static let exitInterrupted: Int32 = 5
    /// Wrong arguments.
    package static let exitBadArgs: Int32 = 128

    package static func badArgs(_ message: String) -> CLIError {
        CLIError(message, exitCode: exitBadArgs)
    }

    package static func unsupported(_ format: OutputFormat) -> CLIError {
        CLIError("\(format.rawValue) not supported as output format", exitCode: exitBadFeature)
    }
}

/// Ends the command with an exit code after it already printed its own error lines.
package struct CLIExit: Error, Equatable, Sendable {
    package var code: Int32

    package init(code: Int32) {
        self.code = code
    }
}

extension Error {
    /// The text etcdctl would print for this error.
    package var etcdctlText: String {
        switch self {
        case let error as CLIError: return error.message
        case let error as EtcdClientError: return error.message
        default: return "\(self)"
        }
    }
}

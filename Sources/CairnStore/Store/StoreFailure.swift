import CairnWAL
import Logging

/// How the store describes a failure of its log in a log entry.
enum StoreFailure {
    /// The failed system call, the file and the errno for an I/O error; the error's text otherwise.
    static func metadata(of error: any Error) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["error": "\(error)"]
        if case .io(let operation, let path, let code) = error as? WALError {
            metadata["operation"] = "\(operation)"
            metadata["path"] = "\(path)"
            metadata["errno"] = "\(code)"
        }
        return metadata
    }
}

import Foundation

/// A small tmpfs mounted for one test (needs root and a kernel that lets this process mount).
final class ScratchMount {
    let path: String

    /// Whether this process may mount a tmpfs at all; tests that need one are skipped otherwise.
    static let available: Bool = {
        guard let mount = try? ScratchMount(megabytes: 1) else { return false }
        mount.unmount()
        return true
    }()

    init(megabytes: Int, readOnly: Bool = false) throws {
        path = NSTemporaryDirectory() + "cairn-tmpfs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let options = "size=\(megabytes)m" + (readOnly ? ",ro" : "")
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", path]) else {
            try? FileManager.default.removeItem(atPath: path)
            throw HarnessFailure(description: "cannot mount a tmpfs at \(path)")
        }
    }

    /// Grows (or shrinks) the mounted filesystem, keeping its files.
    func resize(megabytes: Int) throws {
        guard Self.run("/bin/mount", ["-o", "remount,size=\(megabytes)m", path]) else {
            throw HarnessFailure(description: "cannot resize the tmpfs at \(path)")
        }
    }

    func unmount() {
        _ = Self.run("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func run(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

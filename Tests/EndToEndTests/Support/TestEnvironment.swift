import Foundation

/// Where the end-to-end tests find the things they drive: the repository, the shared conformance suite,
/// the freshly built `cairnd` and the system's `etcdctl` and `curl`.
enum TestEnvironment {
    /// The repository root, derived from this file's location (Tests/EndToEndTests/Support/).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The shared specification folder, which sits beside the checkout (`../shared`) in CI and here.
    static let sharedDirectory: String = {
        if let explicit = ProcessInfo.processInfo.environment["CAIRN_SHARED_DIR"] { return explicit }
        return URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().appendingPathComponent("shared").path
    }()

    /// The `cairnd` built beside this test bundle (same build directory), unless `CAIRND` names another binary.
    static let cairndPath: String = {
        if let explicit = ProcessInfo.processInfo.environment["CAIRND"] { return explicit }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // On Linux the runner is `<bin>/CairnPackageTests.xctest`; elsewhere it may sit inside a bundle.
        while !directory.path.isEmpty, directory.path != "/" {
            let candidate = directory.appendingPathComponent("cairnd").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: repositoryRoot).appendingPathComponent(".build/debug/cairnd").path
    }()

    static let etcdctlPath: String = ProcessInfo.processInfo.environment["ETCDCTL"] ?? "/usr/bin/etcdctl"

    static let curlPath = "/usr/bin/curl"

    /// A new empty directory under the system's temporary directory, for one test's files.
    static func makeScratchDirectory(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("cairn-e2e-\(label)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

import Foundation

/// Runs Debian's `protoc` against the schema in `Protos/`, as the oracle for the golden tests.
///
/// Several messages go through one protoc process: a generated wrapper message
/// `cairntest.Batch_<Name> { repeated <type> items = 1; }` holds them all.
enum Protoc {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let protosDirectory = repositoryRoot.appendingPathComponent("Protos")

    /// The protoc executable found on PATH.
    static func executable() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("protoc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(description: "protoc not found on PATH (make test installs protobuf-compiler)")
    }

    /// Encodes text-format messages of `typeName` (e.g. `etcdserverpb.RangeRequest`) with protoc.
    static func encode(_ texts: [String], as typeName: String) throws -> [[UInt8]] {
        let input = texts.map { "items {\n\($0)\n}\n" }.joined()
        let output = try run(mode: "encode", typeName: typeName, input: Data(input.utf8))
        return try splitRepeatedField(Array(output))
    }

    /// Decodes binary messages of `typeName` with protoc, one text block per message.
    static func decode(_ messages: [[UInt8]], as typeName: String) throws -> [String] {
        var input: [UInt8] = []
        for message in messages {
            input.append(0x0A)
            appendVarint(UInt64(message.count), to: &input)
            input += message
        }
        let output = try run(mode: "decode", typeName: typeName, input: Data(input))
        return splitTextItems(String(decoding: output, as: UTF8.self))
    }

    /// Writes the wrapper schema for one type into a fresh temporary directory.
    private static func wrapper(for typeName: String) throws -> (directory: URL, name: String) {
        let name = "Batch_" + typeName.replacingOccurrences(of: ".", with: "_")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-protoc-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let schema = """
            syntax = "proto3";
            package cairntest;
            import "etcdserverpb/rpc.proto";
            import "mvccpb/kv.proto";
            import "grpc/health/v1/health.proto";
            message \(name) { repeated .\(typeName) items = 1; }

            """
        try Data(schema.utf8).write(to: directory.appendingPathComponent("\(name).proto"))
        return (directory, name)
    }

    /// Runs `protoc --<mode>=cairntest.Batch_<type>` with `input` on stdin and returns stdout.
    private static func run(mode: String, typeName: String, input: Data) throws -> Data {
        let (directory, name) = try wrapper(for: typeName)
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["--\(mode)=cairntest.\(name)"]
        let inputFile = directory.appendingPathComponent("input.bin")
        let errorFile = directory.appendingPathComponent("stderr.txt")
        try input.write(to: inputFile)
        try Data().write(to: errorFile)
        let process = Process()
        process.executableURL = try executable()
        process.arguments =
            ["--proto_path=\(protosDirectory.path)", "--proto_path=\(directory.path)"] + arguments + ["\(name).proto"]
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(description: "protoc \(arguments) failed: \(errors)")
        }
        return output
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Splits the encoding of the wrapper (only field 1, wire type 2) into its elements.
    private static func splitRepeatedField(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var items: [[UInt8]] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x0A else { throw Failure(description: "unexpected key \(bytes[index])") }
            index += 1
            var length = 0
            var shift = 0
            while true {
                let byte = bytes[index]
                index += 1
                length |= Int(byte & 0x7F) << shift
                shift += 7
                if byte < 0x80 { break }
            }
            items.append(Array(bytes[index..<index + length]))
            index += length
        }
        return items
    }

    /// Splits protoc's text output into the bodies of the top-level `items { … }` blocks.
    private static func splitTextItems(_ text: String) -> [String] {
        var items: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "items {" {
                current = []
            } else if line == "}", let body = current {
                items.append(body.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return items
    }
}

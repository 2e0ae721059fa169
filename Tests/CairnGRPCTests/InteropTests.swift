import CairnGRPC
import CairnWire
import Foundation
import Testing

/// grpcio (Python's gRPC, built on grpc-core) talking to our server and serving our client.
/// Needs python3 with grpcio (`make deps` installs it).
@Suite struct InteropTests {
    @Test func grpcioClientCallsOurServer() async throws {
        try await withEchoServer { _, port, _ in
            let (status, output) = try await Interop.runPython(script: "grpcio_client.py", arguments: [String(port)])
            #expect(status == 0, "grpcio_client.py said: \(output)")
            #expect(output.contains("ALL OK"))
        }
    }

    @Test func ourClientCallsGRPCioServer() async throws {
        let server = try await Interop.PythonServer.start()
        defer { server.stop() }
        let client = GRPCClientConnection(host: "127.0.0.1", port: server.port)
        let echoed = try await client.unary(
            path: "/interop.Echo/Unary", request: Blob("from cairn"), responseType: Blob.self)
        #expect(echoed.text == "from cairn")

        let metadata = try await client.unary(
            path: "/interop.Echo/Metadata", request: Blob(), metadata: ["x-cairn": "meta"], responseType: Blob.self)
        #expect(metadata.text == "meta")

        let failed = await status {
            try await client.unary(path: "/interop.Echo/Fail", request: Blob("x 100%"), responseType: Blob.self)
        }
        #expect(failed == GRPCStatus(code: .invalidArgument, message: "bad: x 100%"))

        let missing = await status {
            try await client.unary(path: "/interop.Echo/Nope", request: Blob(), responseType: Blob.self)
        }
        #expect(missing?.code == .unimplemented)

        let call = try await client.bidirectional(
            path: "/interop.Echo/Bidi", requestType: Blob.self, responseType: Blob.self)
        for index in 0..<200 {
            try await call.send(Blob(String(index)))
        }
        call.finish()
        var received: [String] = []
        for try await response in call.responses {
            received.append(response.text)
        }
        #expect(received == (0..<200).map(String.init))
        await client.close()
    }
}

enum Interop {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Interop")

    static func launch(_ arguments: [String], stdout: Pipe? = nil, stdin: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stdout ?? FileHandle.nullDevice
        if let stdin { process.standardInput = stdin }
        try process.run()
        return process
    }

    /// Runs `body` on a thread of its own, so blocking process I/O never stalls the cooperative pool.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try body() })
            }
        }
    }

    /// Runs a script to completion; returns its exit status and output.
    static func runPython(script: String, arguments: [String]) async throws -> (Int32, String) {
        try await offThePool {
            let pipe = Pipe()
            let process = try launch([directory.appendingPathComponent(script).path] + arguments, stdout: pipe)
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self))
        }
    }

    /// grpcio_server.py running until `stop()`.
    final class PythonServer: Sendable {
        let process: Process
        let input: Pipe
        let port: Int

        /// Launches the script and waits (off the cooperative pool) for the port it prints.
        static func start() async throws -> PythonServer {
            try await Interop.offThePool { try PythonServer() }
        }

        private init() throws {
            let output = Pipe()
            let input = Pipe()
            self.input = input
            process = try Interop.launch(
                [Interop.directory.appendingPathComponent("grpcio_server.py").path], stdout: output, stdin: input)
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).prefix { $0.isNumber }) else {
                process.terminate()
                throw GRPCStatus(code: .unavailable, message: "grpcio_server.py did not start: \(text)")
            }
            self.port = port
        }

        /// Stops the server with SIGTERM: closing its stdin is not enough when a process started in
        /// parallel by another test inherited the pipe's write end, and waiting for that would block.
        func stop() {
            try? input.fileHandleForWriting.close()
            process.terminate()
            process.waitUntilExit()
        }
    }
}

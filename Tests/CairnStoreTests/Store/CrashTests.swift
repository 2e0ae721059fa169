import CairnStore
import CairnWire
import Foundation
import Testing

/// Kills a child process that writes to the store with SIGKILL at random moments, then reopens the
/// store and checks that every acknowledged txn is there, whole, and that no txn is half there.
@Suite struct CrashTests {
    private static var writerPath: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("StoreCrashWriter").path
    }

    @Test func acknowledgedWritesSurviveSIGKILL() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var random = SeededGenerator(seed: 20_261_126)
        var acknowledged: [String: Int] = [:]
        for cycle in 0..<20 {
            let prefix = "c\(cycle)"
            let lines = try await runAndKill(
                directory: directory.path, prefix: prefix, afterMilliseconds: Int.random(in: 50...250, using: &random))
            for line in lines {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let sequence = Int(parts[1]) else { continue }
                acknowledged["\(prefix)/w\(parts[0])", default: -1] = max(
                    acknowledged["\(prefix)/w\(parts[0])", default: -1], sequence)
            }
            let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory.path, noSync: true))
            defer { Task { try? await store.close() } }
            for (writer, last) in acknowledged {
                let a = try store.range(
                    RangeRequest(key: Array("\(writer)/a/".utf8), rangeEnd: Array("\(writer)/a0".utf8), countOnly: true)
                ).count
                let b = try store.range(
                    RangeRequest(key: Array("\(writer)/b/".utf8), rangeEnd: Array("\(writer)/b0".utf8), countOnly: true)
                ).count
                #expect(a == b, "cycle \(cycle): \(writer) has \(a) a-keys but \(b) b-keys")
                #expect(a >= Int64(last + 1), "cycle \(cycle): \(writer) acknowledged \(last + 1) txns, found \(a)")
                let newest = try store.range(RangeRequest(key: Array("\(writer)/a/\(last)".utf8)))
                #expect(
                    newest.kvs.first?.value
                        == Array("value \(last) of writer \(writer.split(separator: "w").last!)".utf8))
            }
            try await store.close()
        }
        #expect(acknowledged.count >= 20)
    }

    /// Starts the writer, lets it run for about `milliseconds` after it is ready, kills it, and
    /// returns the acknowledgement lines it printed.
    private func runAndKill(directory: String, prefix: String, afterMilliseconds milliseconds: Int) async throws
        -> [String]
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.writerPath)
        process.arguments = [directory, prefix, "4"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var collected = Data()
        let handle = output.fileHandleForReading
        // Wait for "ready" so that the kill lands while writes are in flight.
        while !(String(decoding: collected, as: UTF8.self).contains("ready")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            collected.append(chunk)
        }
        try await Task.sleep(nanoseconds: UInt64(milliseconds) * 1_000_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        collected.append(handle.readDataToEndOfFile())
        return String(decoding: collected, as: UTF8.self).split(separator: "\n").map(String.init).filter {
            $0 != "ready"
        }
    }
}

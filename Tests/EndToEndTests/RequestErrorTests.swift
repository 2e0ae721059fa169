import Foundation
import Testing

extension CairndProcessTests {
    /// Bad requests get etcd's exact status and message, and the server keeps serving afterwards.
    @Suite struct RequestErrorTests {
        @Test func malformedBodyUnknownMethodAndOversizedRequestsGetEtcdErrors() async throws {
            try await withCairnd("errors") { cairnd in
                let etcdctl = Etcdctl(cairnd)

                // A RangeRequest whose key field claims 5 bytes but carries none.
                let truncated = try await RawGRPCCall.send(
                    cairnd, path: "/etcdserverpb.KV/Range", message: Data([0x0a, 0x05]))
                #expect(truncated.status == 13)
                #expect(truncated.message.hasPrefix("grpc: error unmarshalling request: "), "\(truncated)")

                let unknownMethod = try await RawGRPCCall.send(cairnd, path: "/etcdserverpb.KV/Nope", message: Data())
                #expect(unknownMethod.status == 12)
                #expect(unknownMethod.message == "unknown method Nope for service etcdserverpb.KV")

                let unknownService = try await RawGRPCCall.send(
                    cairnd, path: "/etcdserverpb.Nope/Range", message: Data())
                #expect(unknownService.status == 12)
                #expect(unknownService.message == "unknown service etcdserverpb.Nope")

                // Above --max-request-bytes (1.5 MiB) but within the gRPC ceiling: etcd's application-level error.
                let large = try await etcdctl.run(
                    ["put", "big"], stdin: Data(repeating: UInt8(ascii: "a"), count: 1_700_000))
                #expect(large.status != 0)
                #expect(
                    large.combined.contains("Error: etcdserver: request is too large"), "\(large.combined.suffix(500))")

                // Above the gRPC ceiling (max-request-bytes + 512 KiB): the transport's RESOURCE_EXHAUSTED.
                var put = Data([0x0a, 0x03]) + Data("big".utf8) + Data([0x12])
                let valueLength = 2_200_000
                put += varint(UInt64(valueLength)) + Data(repeating: UInt8(ascii: "b"), count: valueLength)
                let huge = try await RawGRPCCall.send(cairnd, path: "/etcdserverpb.KV/Put", message: put)
                #expect(huge.status == 8)
                #expect(huge.message == "grpc: received message larger than max (\(put.count) vs. 2097152)")

                // Too many operations in one txn (--max-txn-ops 128).
                let ops = (0..<129).map { "put many/\($0) v" }.joined(separator: "\n")
                let txn = try await etcdctl.run(["txn"], stdin: Data(("\n" + ops + "\n\n\n").utf8))
                #expect(txn.combined.contains("etcdserver: too many operations in txn request"), "\(txn.combined)")

                #expect(try await etcdctl.output("put", "still/serving", "yes") == "OK")
                #expect(try await etcdctl.output("get", "still/serving", "--print-value-only") == "yes")
                #expect(try await etcdctl.output("get", "big") == "")
            }
        }

        @Test func secondCairndOnTheSameDataDirectoryRefusesToStart() async throws {
            try await withCairnd("lock") { first in
                let other = try Loopback.unusedPort()
                let second = try ChildProcess(
                    executable: TestEnvironment.cairndPath,
                    arguments: [
                        "--name", "second", "--data-dir", first.dataDirectory,
                        "--listen-client-urls", "http://127.0.0.1:\(other)",
                        "--advertise-client-urls", "http://127.0.0.1:\(other)",
                    ],
                    outputDirectory: first.workDirectory,
                    label: "second"
                )
                let outcome = try await second.wait(timeout: .seconds(20))
                #expect(outcome.status != 0)
                #expect(outcome.combined.contains(first.dataDirectory), "\(outcome.combined)")
                #expect(outcome.combined.contains("is locked"), "\(outcome.combined)")
                #expect(try await Etcdctl(first).output("put", "first/still", "serving") == "OK")
            }
        }
    }
}

/// Protobuf base-128 varint encoding.
private func varint(_ value: UInt64) -> Data {
    var bytes = Data()
    var rest = value
    while rest >= 0x80 {
        bytes.append(UInt8(rest & 0x7f) | 0x80)
        rest >>= 7
    }
    bytes.append(UInt8(rest))
    return bytes
}

import CairnGRPC
import CairnWire
import Foundation
import Testing

extension HostileSuites {
    /// The data directory's filesystem misbehaving: full, read-only, or not a directory at all.
    @Suite(.serialized) struct DiskTests {
        @Test(.enabled(if: ScratchMount.available, "needs permission to mount a tmpfs"))
        func aFullDiskFailsWritesClearlyAndLosesNothingAcknowledged() async throws {
            let mount = try ScratchMount(megabytes: 6)
            defer { mount.unmount() }
            let dataDirectory = mount.path + "/data.cairn"
            let value = [UInt8](repeating: 0x61, count: 32 * 1024)
            var acknowledged = 0
            var failure: GRPCStatus?
            let first = try await ServerProcess("disk-full", dataDirectory: dataDirectory, fsync: true)
            do {
                let connection = GRPCClientConnection(host: "127.0.0.1", port: first.port)
                while acknowledged < 2000, failure == nil {
                    do {
                        let _: PutResponse = try await connection.unary(
                            path: "/etcdserverpb.KV/Put",
                            request: PutRequest(key: Array("full/\(acknowledged)".utf8), value: value),
                            timeout: .seconds(10))
                        acknowledged += 1
                    } catch let status as GRPCStatus {
                        failure = status
                    }
                }
                await connection.close()
            }
            first.stop()
            let status = try #require(failure, "2000 puts of 32 KiB fitted in a 6 MiB filesystem")
            #expect(
                status.message.contains("No space left on device"),
                "the failed put does not say the disk is full: \(status)")

            // With room again, every acknowledged put is there and new writes work.
            try mount.resize(megabytes: 64)
            let second = try await ServerProcess("disk-full-restart", dataDirectory: dataDirectory, fsync: true)
            defer { second.stop() }
            let connection = GRPCClientConnection(host: "127.0.0.1", port: second.port)
            for index in 0..<acknowledged {
                let range: RangeResponse = try await connection.unary(
                    path: "/etcdserverpb.KV/Range", request: RangeRequest(key: Array("full/\(index)".utf8)))
                #expect(range.kvs.first?.value == value, "acknowledged put \(index) is missing after the restart")
            }
            let _: PutResponse = try await connection.unary(
                path: "/etcdserverpb.KV/Put", request: PutRequest(key: Array("after".utf8), value: [1]))
            await connection.close()
            Bounds.report(
                "disk-full",
                ["acknowledged": "\(acknowledged)", "error": "\"\(status.code) \(status.message)\""])
        }

        @Test(.enabled(if: ScratchMount.available, "needs permission to mount a tmpfs"))
        func aReadOnlyDataDirectoryIsRefusedAtStartup() async throws {
            let mount = try ScratchMount(megabytes: 1, readOnly: true)
            defer { mount.unmount() }
            let dataDirectory = mount.path + "/data.cairn"
            do {
                let server = try await ServerProcess("read-only", dataDirectory: dataDirectory)
                server.stop()
                Issue.record("cairnd started on a read-only filesystem")
            } catch let failure as ServerProcess.StartFailure {
                #expect(failure.exitStatus != nil && failure.exitStatus != 0, "cairnd hung instead of exiting")
                #expect(failure.log.contains(dataDirectory), "the message does not name the directory: \(failure.log)")
                #expect(failure.log.lowercased().contains("read-only"), "the message does not say why: \(failure.log)")
            }
        }

        @Test func aDataDirectoryUnderAFileIsRefusedAtStartup() async throws {
            let scratch = NSTemporaryDirectory() + "cairn-notdir-\(UUID().uuidString.prefix(8))"
            _ = FileManager.default.createFile(atPath: scratch, contents: Data("not a directory".utf8))
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let dataDirectory = scratch + "/data.cairn"
            do {
                let server = try await ServerProcess("not-a-directory", dataDirectory: dataDirectory)
                server.stop()
                Issue.record("cairnd started with its data directory under a regular file")
            } catch let failure as ServerProcess.StartFailure {
                #expect(failure.exitStatus != nil && failure.exitStatus != 0, "cairnd hung instead of exiting")
                #expect(failure.log.contains(dataDirectory), "the message does not name the directory: \(failure.log)")
                #expect(
                    failure.log.lowercased().contains("not a directory"), "the message does not say why: \(failure.log)"
                )
            }
        }
    }
}

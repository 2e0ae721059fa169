import CairnGRPC
import CairnWire
import Foundation
import Testing

extension HostileSuites {
    /// Clients that hold server resources: connections, unread responses, watchers.
    @Suite(.serialized) struct ResourceTests {
        static func environmentCount(_ name: String, default value: Int) -> Int {
            ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
        }

        @Test func aClientThatNeverReadsKeepsMemoryBoundedAndOthersServed() async throws {
            try await withServer("never-reads") { server in
                let client = WellBehavedClient(port: server.port)
                defer { Task { await client.close() } }
                let baseline = try await client.slowestRoundTrip()
                let value = [UInt8](repeating: 0x5A, count: 1 << 20)
                let _: PutResponse = try await client.connection.unary(
                    path: "/etcdserverpb.KV/Put", request: PutRequest(key: Array("big".utf8), value: value))
                let residentBefore = server.residentBytes
                // 500 reads of a 1 MiB value on one connection that never reads a byte of the answers.
                let connection = try RawConnection(port: server.port, receiveBuffer: 4096)
                let read = RangeRequest(key: Array("big".utf8)).encodedBytes()
                var burst = HTTP2Frames.opening
                for index in UInt32(0)..<500 {
                    burst += HTTP2Frames.request(stream: index * 2 + 1, path: "/etcdserverpb.KV/Range")
                    burst += HTTP2Frames.message(stream: index * 2 + 1, read)
                }
                let sent = await Task.detached { connection.send(burst) }.value
                #expect(sent, "the server stopped accepting the requests")
                var slowest = Duration.zero
                var peak = 0
                for _ in 0..<20 {
                    slowest = max(slowest, try await client.roundTrip())
                    peak = max(peak, server.residentBytes)
                    try await Task.sleep(for: .milliseconds(50))
                }
                // The connection holds at most its limit of unread responses (16 MiB) plus one; the other
                // requests wait without running.
                #expect(peak - residentBefore < Bounds.unreadResponsesPerConnection)
                #expect(peak < Bounds.residentBytes)
                #expect(slowest < Bounds.roundTrip(baseline))
                Bounds.report(
                    "never-reads",
                    [
                        "streams": "500", "unread-MiB": "500", "slowest": "\(slowest)",
                        "rss-before": Bounds.megabytes(residentBefore), "peak-rss": Bounds.megabytes(peak),
                    ])
            }
        }

        /// `HOSTILE_IDLE_CONNECTIONS=10000` runs the large form (needs `ulimit -n` above twice that).
        @Test func manyIdleConnectionsDoNotSlowOtherClients() async throws {
            let count = Self.environmentCount("HOSTILE_IDLE_CONNECTIONS", default: 1000)
            try await withServer("idle-connections") { server in
                let client = WellBehavedClient(port: server.port)
                defer { Task { await client.close() } }
                let baseline = try await client.slowestRoundTrip()
                let residentBefore = server.residentBytes
                var connections: [RawConnection] = []
                connections.reserveCapacity(count)
                for index in 0..<count {
                    let connection = try RawConnection(port: server.port)
                    // Half speak HTTP/2 and then idle; half connect and never say anything.
                    if index % 2 == 0 { connection.send(HTTP2Frames.opening) }
                    connections.append(connection)
                }
                // The kernel completes connects before the server accepts them; wait until it holds them all.
                let deadline = ContinuousClock.now + .seconds(20)
                while server.openDescriptors < count, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(server.openDescriptors >= count, "the server holds fewer connections than were opened")
                let slowest = try await client.slowestRoundTrip(of: 20)
                let resident = server.residentBytes
                #expect(slowest < Bounds.roundTrip(baseline))
                #expect(resident < Bounds.residentBytes)
                Bounds.report(
                    "idle-connections",
                    [
                        "connections": "\(count)", "slowest": "\(slowest)",
                        "rss-before": Bounds.megabytes(residentBefore),
                        "rss": Bounds.megabytes(resident),
                        "per-connection-KiB": "\((resident - residentBefore) / max(count, 1) / 1024)",
                    ])
                connections.removeAll()
            }
        }

        @Test func connectionsBeyondTheLimitAreClosedAndOthersServed() async throws {
            try await withServer("connection-limit", arguments: ["--max-connections", "100"]) { server in
                let client = WellBehavedClient(port: server.port)
                defer { Task { await client.close() } }
                let baseline = try await client.slowestRoundTrip()
                _ = try await client.roundTrip()
                let connections = try (0..<150).map { _ in try RawConnection(port: server.port) }
                // The kernel completes connects before the server accepts them; wait until it has seen all.
                var closed = 0
                let deadline = ContinuousClock.now + .seconds(10)
                while closed < 50, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                    closed = connections.filter(\.isClosedByPeer).count
                }
                try await Task.sleep(for: .milliseconds(200))
                closed = connections.filter(\.isClosedByPeer).count
                // 99 slots are left beside the well-behaved client (the start-up probe may still hold one).
                #expect((50...52).contains(closed), "\(closed) of 150 connections were closed with a limit of 100")
                let slowest = try await client.slowestRoundTrip()
                #expect(slowest < Bounds.roundTrip(baseline))
                Bounds.report("connection-limit", ["limit": "100", "opened": "150", "closed": "\(closed)"])
            }
        }

        /// Creates `count` watchers on one Watch stream of a fresh connection; returns how many were created
        /// and how many refused (created and canceled at once), and how long the whole took.
        func createWatchers(_ count: Int, port: Int) async throws -> (created: Int, refused: Int, elapsed: Duration) {
            let watcher = GRPCClientConnection(host: "127.0.0.1", port: port)
            let call: GRPCBidirectionalCall<WatchRequest, WatchResponse> = try await watcher.bidirectional(
                path: "/etcdserverpb.Watch/Watch")
            let clock = ContinuousClock()
            let start = clock.now
            let counting = Task {
                var created = 0
                var refused = 0
                for try await response in call.responses where response.created {
                    if response.canceled { refused += 1 } else { created += 1 }
                    if created + refused >= count { break }
                }
                return (created, refused)
            }
            for index in 0..<count {
                let create = WatchCreateRequest(key: Array("watched/\(index)".utf8))
                try await call.send(WatchRequest(requestUnion: .createRequest(create)))
            }
            let (created, refused) = try await counting.value
            let elapsed = clock.now - start
            call.cancel()
            await watcher.close()
            return (created, refused, elapsed)
        }

        /// `HOSTILE_WATCHERS=100000` runs the large form (about 30 s in a debug build); the suite creates 20,000.
        @Test func oneStreamCreatingManyWatchersStaysBounded() async throws {
            let count = Self.environmentCount("HOSTILE_WATCHERS", default: 20_000)
            try await withServer("watchers") { server in
                let client = WellBehavedClient(port: server.port)
                defer { Task { await client.close() } }
                let baseline = try await client.slowestRoundTrip()
                let residentBefore = server.residentBytes
                let (created, refused, elapsed) = try await createWatchers(count, port: server.port)
                let resident = server.residentBytes
                let slowest = try await client.slowestRoundTrip()
                #expect(created == count && refused == 0)
                #expect(slowest < Bounds.roundTrip(baseline))
                #expect(resident < Bounds.residentBytes)
                Bounds.report(
                    "watchers",
                    [
                        "requested": "\(count)", "created": "\(created)", "elapsed": "\(elapsed)",
                        "slowest": "\(slowest)", "rss-before": Bounds.megabytes(residentBefore),
                        "rss": Bounds.megabytes(resident),
                    ])
            }
        }

        @Test func watchersBeyondThePerStreamLimitAreRefused() async throws {
            try await withServer("watcher-limit", arguments: ["--max-watchers-per-stream", "1000"]) { server in
                let (created, refused, _) = try await createWatchers(1500, port: server.port)
                #expect(created == 1000)
                #expect(refused == 500)
                Bounds.report("watcher-limit", ["limit": "1000", "created": "\(created)", "refused": "\(refused)"])
            }
        }
    }
}

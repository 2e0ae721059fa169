import CairnWire
import Foundation
import Synchronization
import Testing

extension HostileSuites {
    /// Clients that send valid frames far faster or more often than any real client.
    @Suite(.serialized) struct FloodTests {
        /// Runs `body` on a thread of its own (the raw connections block).
        func detached<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
            await Task.detached { body() }.value
        }

        /// `HOSTILE_FLOOD_STREAMS=20000` runs the large form.
        @Test func aHeadersFloodDoesNotSlowOtherClients() async throws {
            try await withServer("headers-flood") { server in
                let client = WellBehavedClient(port: server.port)
                defer { Task { await client.close() } }
                let baseline = try await client.slowestRoundTrip()
                let streams = UInt32(ResourceTests.environmentCount("HOSTILE_FLOOD_STREAMS", default: 5_000))
                let port = server.port
                // Every HEADERS ends its stream without a message, so each call is answered with an error status.
                let finished = DoneFlag()
                let flood = Task.detached { () -> (sent: Bool, received: Int) in
                    defer { finished.set() }
                    guard let connection = try? RawConnection(port: port) else { return (false, 0) }
                    let reader = Task.detached { connection.readUntilClosed(timeout: .seconds(60)).bytes.count }
                    var burst = HTTP2Frames.opening
                    for index in 0..<streams {
                        burst += HTTP2Frames.request(
                            stream: index * 2 + 1, path: "/etcdserverpb.KV/Range", endStream: true)
                    }
                    let sent = connection.send(burst)
                    shutdown(connection.fd, Int32(SHUT_WR))
                    return (sent, await reader.value)
                }
                var slowest = Duration.zero
                var peak = 0
                while !finished.isSet {
                    slowest = max(slowest, try await client.roundTrip())
                    peak = max(peak, server.residentBytes)
                    try await Task.sleep(for: .milliseconds(20))
                }
                let outcome = await flood.value
                slowest = max(slowest, try await client.slowestRoundTrip())
                #expect(outcome.received > 0, "the flooding client got no answer at all")
                #expect(slowest < Bounds.roundTrip(baseline))
                #expect(peak < Bounds.residentBytes)
                Bounds.report(
                    "headers-flood",
                    ["streams": "\(streams)", "slowest": "\(slowest)", "peak-rss": Bounds.megabytes(peak)])
            }
        }

        @Test func anRSTStreamFloodIsCutOffWithGoAway() async throws {
            try await withServer("reset-flood") { server in
                let client = WellBehavedClient(port: server.port)
                defer { Task { await client.close() } }
                let baseline = try await client.slowestRoundTrip()
                let port = server.port
                let outcome = try await detached { () -> Result<(bytes: [UInt8], closed: Bool), HarnessFailure> in
                    do {
                        let connection = try RawConnection(port: port)
                        var burst = HTTP2Frames.opening
                        for index in UInt32(0)..<20_000 {
                            burst += HTTP2Frames.request(stream: index * 2 + 1, path: "/etcdserverpb.Watch/Watch")
                            burst += HTTP2Frames.reset(stream: index * 2 + 1)
                        }
                        connection.send(burst)
                        return .success(connection.readUntilClosed(timeout: .seconds(30)))
                    } catch {
                        return .failure(error as? HarnessFailure ?? HarnessFailure(description: "\(error)"))
                    }
                }.get()
                #expect(outcome.closed, "the server kept a rapid-reset connection open")
                #expect(HTTP2Frames.containsGoAway(outcome.bytes), "no GOAWAY for a rapid-reset flood")
                let slowest = try await client.slowestRoundTrip()
                #expect(slowest < Bounds.roundTrip(baseline))
                #expect(server.residentBytes < Bounds.residentBytes)
                Bounds.report(
                    "reset-flood",
                    ["resets": "20000", "slowest": "\(slowest)", "rss": Bounds.megabytes(server.residentBytes)])
            }
        }
    }
}

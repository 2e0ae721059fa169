import CairnWire
import Testing

extension HostileSuites {
    /// Clients that send bytes no HTTP/2 or gRPC peer would: the server must drop them, and only them.
    @Suite(.serialized) struct MalformedInputTests {
        @Test func randomBytesInsteadOfThePrefaceAreDropped() async throws {
            try await withServer("random-preface") { server in
                let client = WellBehavedClient(port: server.port)
                defer { Task { await client.close() } }
                let baseline = try await client.slowestRoundTrip()
                _ = try await client.roundTrip()
                var generator = SystemRandomNumberGenerator()
                for attempt in 0..<20 {
                    let connection = try RawConnection(port: server.port)
                    let garbage = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    connection.send(garbage)
                    let outcome = connection.readUntilClosed(timeout: .seconds(5))
                    #expect(outcome.closed, "connection \(attempt) with random bytes was left open")
                }
                let slowest = try await client.slowestRoundTrip()
                #expect(slowest < Bounds.roundTrip(baseline))
                #expect(server.residentBytes < Bounds.residentBytes)
                Bounds.report(
                    "random-preface",
                    ["connections": "20", "slowest": "\(slowest)", "rss": Bounds.megabytes(server.residentBytes)])
            }
        }

        @Test func garbageFramesAfterAValidPrefaceEndInGoAway() async throws {
            try await withServer("garbage-frames") { server in
                let client = WellBehavedClient(port: server.port)
                defer { Task { await client.close() } }
                let baseline = try await client.slowestRoundTrip()
                var generator = SystemRandomNumberGenerator()
                for attempt in 0..<20 {
                    let connection = try RawConnection(port: server.port)
                    let garbage = (0..<16384).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    connection.send(HTTP2Frames.opening + garbage)
                    let outcome = connection.readUntilClosed(timeout: .seconds(5))
                    #expect(outcome.closed, "connection \(attempt) with garbage frames was left open")
                    #expect(HTTP2Frames.containsGoAway(outcome.bytes), "no GOAWAY before closing connection \(attempt)")
                }
                let slowest = try await client.slowestRoundTrip()
                #expect(slowest < Bounds.roundTrip(baseline))
                #expect(server.residentBytes < Bounds.residentBytes)
                Bounds.report(
                    "garbage-frames",
                    ["connections": "20", "slowest": "\(slowest)", "rss": Bounds.megabytes(server.residentBytes)])
            }
        }

        @Test func aRequestOverTheSizeLimitFailsAloneAndTheConnectionKeepsWorking() async throws {
            try await withServer("over-limit") { server in
                let client = WellBehavedClient(port: server.port)
                defer { Task { await client.close() } }
                let baseline = try await client.slowestRoundTrip()
                for (size, code) in [(1_600_000, GRPCStatusCode.invalidArgument), (3_000_000, .resourceExhausted)] {
                    let put = PutRequest(key: Array("big".utf8), value: [UInt8](repeating: 7, count: size))
                    do {
                        let _: PutResponse = try await client.connection.unary(
                            path: "/etcdserverpb.KV/Put", request: put)
                        Issue.record("a \(size)-byte put succeeded")
                    } catch let status as GRPCStatus {
                        #expect(status.code == code, "a \(size)-byte put failed with \(status)")
                    }
                    // The same connection serves the next call normally.
                    #expect(try await client.roundTrip() < Bounds.roundTrip(baseline))
                }
                Bounds.report("over-limit", ["rss": Bounds.megabytes(server.residentBytes)])
            }
        }
    }
}

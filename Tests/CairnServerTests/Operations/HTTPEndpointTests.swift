import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import CairnServer

/// The HTTP/1.1 endpoints over a real loopback socket.
@Suite struct HTTPEndpointTests {
    /// Reads everything the server sends until it closes the connection.
    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        private var received = ByteBuffer()
        private let done: EventLoopPromise<String>

        init(done: EventLoopPromise<String>) { self.done = done }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var chunk = unwrapInboundIn(data)
            received.writeBuffer(&chunk)
        }

        func channelInactive(context: ChannelHandlerContext) {
            done.succeed(String(buffer: received))
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            done.fail(error)
            context.close(promise: nil)
        }
    }

    private struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String

        init(_ text: Substring) throws {
            let parts = text.split(separator: "\r\n\r\n", maxSplits: 1, omittingEmptySubsequences: false)
            let lines = parts[0].split(separator: "\r\n")
            status = try #require(Int(lines[0].split(separator: " ")[1]))
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                let pair = line.split(separator: ":", maxSplits: 1)
                headers[pair[0].lowercased()] = pair[1].trimmingWhitespace()
            }
            self.headers = headers
            body = parts.count > 1 ? String(parts[1]) : ""
        }
    }

    private let problems = NIOLockedValueBox([HealthProblem]())

    private func withServer(_ body: (Int) async throws -> Void) async throws {
        let problems = self.problems
        let endpoints = HTTPEndpoints(metrics: ServerMetrics(), health: { problems.withLockedValue { $0 } })
        let server = try await HTTPEndpointServer.start(endpoints: endpoints, host: "127.0.0.1", port: 0)
        let port = try #require(server.localAddress?.port)
        do {
            try await body(port)
        } catch {
            try await server.close()
            throw error
        }
        try await server.close()
    }

    /// Sends raw bytes and returns everything received until the server closes the connection.
    private func exchange(_ request: String, port: Int) async throws -> String {
        let group = MultiThreadedEventLoopGroup.singleton
        let done = group.next().makePromise(of: String.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(done: done))
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        try await channel.writeAndFlush(ByteBuffer(string: request))
        return try await done.futureResult.get()
    }

    private func get(_ path: String, method: String = "GET", port: Int) async throws -> Reply {
        try Reply(
            Substring(
                try await exchange("\(method) \(path) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", port: port)))
    }

    @Test func healthReportsProblemsAndHonoursExclude() async throws {
        try await withServer { port in
            let healthy = try await get("/health", port: port)
            #expect(healthy.status == 200)
            #expect(healthy.headers["content-type"] == "application/json")
            #expect(healthy.body == #"{"health":"true","reason":""}"#)

            problems.withLockedValue { $0 = [.alarm("NOSPACE")] }
            let unhealthy = try await get("/health", port: port)
            #expect(unhealthy.status == 503)
            #expect(unhealthy.body == #"{"health":"false","reason":"ALARM NOSPACE"}"#)
            let excluded = try await get("/health?exclude=NOSPACE", port: port)
            #expect(excluded.status == 200)
            let notReady = try await get("/readyz", port: port)
            #expect(notReady.status == 503)
        }
    }

    @Test func probesVersionAndMetrics() async throws {
        try await withServer { port in
            let live = try await get("/livez", port: port)
            #expect(live.status == 200 && live.body == "ok")
            let ready = try await get("/readyz", port: port)
            #expect(ready.status == 200 && ready.body == "ok")
            let version = try await get("/version", port: port)
            #expect(version.body == #"{"etcdserver":"3.5.17","etcdcluster":"3.5.0"}"#)
            let metrics = try await get("/metrics", port: port)
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(metrics.body.contains("etcd_server_has_leader 1.0"))
            #expect(metrics.body.contains("# TYPE etcd_mvcc_put_total counter"))
        }
    }

    @Test func unknownPathsAndMethods() async throws {
        try await withServer { port in
            let missing = try await get("/v2/keys", port: port)
            #expect(missing.status == 404)
            let post = try await get("/health", method: "POST", port: port)
            #expect(post.status == 405)
            let garbage = try await exchange("NOT HTTP AT ALL\r\n\r\n", port: port)
            #expect(garbage.hasPrefix("HTTP/1.1 400"))
        }
    }

    @Test func keepAliveServesPipelinedRequestsAndHeadHasNoBody() async throws {
        try await withServer { port in
            let text = try await exchange(
                "GET /livez HTTP/1.1\r\nHost: t\r\n\r\nHEAD /version HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                port: port
            )
            let second = try #require(
                text.range(of: "HTTP/1.1", range: text.index(after: text.startIndex)..<text.endIndex))
            let first = try Reply(text[..<second.lowerBound])
            #expect(first.status == 200 && first.body == "ok")
            #expect(first.headers["connection"] == "keep-alive")
            let head = try Reply(text[second.lowerBound...])
            #expect(head.status == 200)
            #expect(head.headers["connection"] == "close")
            #expect(
                head.headers["content-length"] == String(#"{"etcdserver":"3.5.17","etcdcluster":"3.5.0"}"#.utf8.count))
            #expect(head.body.isEmpty)
        }
    }
}

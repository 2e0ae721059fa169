import CairnGRPC
import CairnHTTP2
import CairnWire
import NIOCore
import Testing

/// Request headers as a gRPC client sends them.
func requestHeaders(path: String, contentType: String = "application/grpc", extra: HTTP2Headers = [:]) -> HTTP2Headers {
    var headers: HTTP2Headers = [
        ":method": "POST", ":scheme": "http", ":path": path, ":authority": "test", "content-type": contentType,
        "te": "trailers",
    ]
    headers.fields += extra.fields
    return headers
}

@Suite struct ConnectionTests {
    @Test func nonGRPCContentTypeGetsHTTP415() async throws {
        try await withEchoServer { _, port, _ in
            let blocks = try await RawConnection.http2Request(
                port: port, headers: requestHeaders(path: "/test.Echo/Unary", contentType: "application/json"),
                body: nil)
            #expect(blocks.first?[":status"] == "415")
        }
    }

    @Test func errorsBeforeAnyMessageAreTrailersOnly() async throws {
        try await withEchoServer { _, port, _ in
            let blocks = try await RawConnection.http2Request(
                port: port, headers: requestHeaders(path: "/test.Echo/Fail"),
                body: ByteBuffer(bytes: [0, 0, 0, 0, 3] + Array("a%b".utf8)))
            #expect(blocks.count == 1)
            #expect(blocks.first?[":status"] == "200")
            #expect(blocks.first?["content-type"] == "application/grpc")
            #expect(blocks.first?["grpc-status"] == "5")
            #expect(blocks.first?["grpc-message"] == "a%25b")
        }
    }

    @Test func unsupportedCompressionIsUnimplemented() async throws {
        try await withEchoServer { _, port, _ in
            let blocks = try await RawConnection.http2Request(
                port: port, headers: requestHeaders(path: "/test.Echo/Unary", extra: ["grpc-encoding": "gzip"]),
                body: ByteBuffer(bytes: [1, 0, 0, 0, 1, 0]))
            #expect(blocks.last?["grpc-status"] == "12")
            #expect(blocks.last?["grpc-message"] == "grpc: Decompressor is not installed for grpc-encoding \"gzip\"")
        }
    }

    @Test func successfulUnaryHasHeadersAndTrailers() async throws {
        try await withEchoServer { _, port, _ in
            let blocks = try await RawConnection.http2Request(
                port: port, headers: requestHeaders(path: "/test.Echo/Unary"),
                body: ByteBuffer(bytes: [0, 0, 0, 0, 1, 42]))
            #expect(blocks.count == 2)
            #expect(blocks.first?[":status"] == "200")
            #expect(blocks.last?["grpc-status"] == "0")
        }
    }

    @Test(arguments: [
        ("garbage", ByteBuffer(string: "\u{16}\u{3}\u{1} not a preface at all, just noise\r\n\r\n")),
        ("bad preface", ByteBuffer(string: "PRI * HTTP/1.0\r\n\r\nSM\r\n\r\n")),
        (
            "DATA on stream 0",
            RawConnection.preface + RawConnection.emptySettings + ByteBuffer(bytes: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0xFF])
        ),
        (
            "oversized frame",
            RawConnection.preface + RawConnection.emptySettings
                + ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 1]) + ByteBuffer(repeating: 0, count: 64)
        ),
    ])
    func brokenConnectionsAreClosedWhileOthersKeepWorking(name: String, bytes: ByteBuffer) async throws {
        try await withEchoServer { _, port, client in
            let before = try await client.unary(path: "/test.Echo/Unary", request: Blob("a"), responseType: Blob.self)
            let received = try await RawConnection.sendUntilClosed(port: port, bytes: bytes)
            if name != "garbage" {
                #expect(RawConnection.frameTypes(in: received).contains(0x7), "GOAWAY expected for \(name)")
            }
            let after = try await client.unary(path: "/test.Echo/Unary", request: Blob("b"), responseType: Blob.self)
            #expect(before.text + after.text == "ab")
        }
    }

    @Test func http1ConnectionsGoToTheFallbackWithTheirBytesIntact() async throws {
        var configuration = GRPCServerConfiguration()
        configuration.http1Initializer = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(FirstLineEcho())
            }
        }
        try await withEchoServer(configuration: configuration) { _, port, client in
            let received = try await RawConnection.sendUntilClosed(
                port: port, bytes: ByteBuffer(string: "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"))
            #expect(String(buffer: received) == "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nGET /health")
            let response = try await client.unary(
                path: "/test.Echo/Unary", request: Blob("h2"), responseType: Blob.self)
            #expect(response.text == "h2")
        }
    }
}

/// Answers an HTTP/1.1 request with the first 11 bytes it received, then closes.
private final class FirstLineEcho: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        let start = String(buffer: bytes).prefix(11)
        let response = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n\(start)")
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(response)).whenComplete { _ in channel.close(promise: nil) }
    }
}

extension ByteBuffer {
    fileprivate static func + (lhs: ByteBuffer, rhs: ByteBuffer) -> ByteBuffer {
        var result = lhs
        var rhs = rhs
        result.writeBuffer(&rhs)
        return result
    }
}

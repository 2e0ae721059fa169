import CairnHTTP2
import NIOCore
import NIOPosix

/// Talks to the server below the gRPC client: raw bytes over TCP, or single HTTP/2 requests.
enum RawConnection {
    /// Connects to the server, sends `bytes`, and reads until the server closes the connection.
    /// Returns what the server sent; fails if the server keeps the connection open for 10 seconds.
    static func sendUntilClosed(port: Int, bytes: ByteBuffer) async throws -> ByteBuffer {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(bytes)
                    var received = ByteBuffer()
                    for try await var chunk in inbound {
                        received.writeBuffer(&chunk)
                    }
                    return received
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            guard let received = first else { throw RawConnectionError.stillOpen }
            return received
        }
    }

    /// Sends one HTTP/2 request through our own nghttp2 client session and returns every header block
    /// of the response once the stream closes.
    static func http2Request(port: Int, headers: HTTP2Headers, body: ByteBuffer?) async throws -> [HTTP2Headers] {
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: [HTTP2Headers].self)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = HTTP2ConnectionHandler(role: .client)
                    handler.delegate = CollectingDelegate(promise: promise)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.eventLoop.submit {
            let handler = try channel.pipeline.syncOperations.handler(type: HTTP2ConnectionHandler.self)
            let streamID = try handler.submitRequest(headers: headers)
            if let body {
                _ = handler.write(body, streamID: streamID)
            }
            handler.finish(streamID: streamID, trailers: nil)
        }.get()
        let blocks = try await promise.futureResult.get()
        try await channel.close()
        return blocks
    }

    /// The HTTP/2 frame types found in `bytes` (a server's output), in order.
    static func frameTypes(in bytes: ByteBuffer) -> [UInt8] {
        var bytes = bytes
        var types: [UInt8] = []
        while bytes.readableBytes >= 9,
            let length = bytes.getInteger(at: bytes.readerIndex, as: UInt32.self).map({ Int($0 >> 8) }),
            let type = bytes.getInteger(at: bytes.readerIndex + 3, as: UInt8.self)
        {
            types.append(type)
            bytes.moveReaderIndex(forwardBy: min(bytes.readableBytes, 9 + length))
        }
        return types
    }

    static let preface = ByteBuffer(string: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
    static let emptySettings = ByteBuffer(bytes: [0, 0, 0, 4, 0, 0, 0, 0, 0])
}

enum RawConnectionError: Error {
    case stillOpen
}

/// Collects the header blocks of the single stream opened on its connection.
private final class CollectingDelegate: HTTP2ConnectionDelegate {
    private let promise: EventLoopPromise<[HTTP2Headers]>
    private var blocks: [HTTP2Headers] = []

    init(promise: EventLoopPromise<[HTTP2Headers]>) {
        self.promise = promise
    }

    func http2HeadersReceived(_ headers: HTTP2Headers, endStream: Bool, streamID: Int32) {
        blocks.append(headers)
    }
    func http2DataReceived(_ data: ByteBuffer, streamID: Int32) {}
    func http2StreamEnded(streamID: Int32) {}
    func http2StreamClosed(streamID: Int32, errorCode: HTTP2ErrorCode) {
        promise.succeed(blocks)
    }
    func http2GoAwayReceived(lastStreamID: Int32, errorCode: HTTP2ErrorCode) {}
    func http2ConnectionClosed() {
        promise.fail(RawConnectionError.stillOpen)
    }
}

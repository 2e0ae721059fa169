import CNGHTTP2
import NIOCore
import NIOEmbedded
import Testing

@testable import CairnHTTP2

/// Records what a handler reports.
final class RecordingDelegate: HTTP2ConnectionDelegate {
    var headers: [(Int32, HTTP2Headers, Bool)] = []
    var data: [Int32: ByteBuffer] = [:]
    var ended: [Int32] = []
    var closed: [(Int32, HTTP2ErrorCode)] = []
    var goAways: [(Int32, HTTP2ErrorCode)] = []
    var connectionClosed = false

    func http2HeadersReceived(_ headers: HTTP2Headers, endStream: Bool, streamID: Int32) {
        self.headers.append((streamID, headers, endStream))
    }
    func http2DataReceived(_ data: ByteBuffer, streamID: Int32) {
        var data = data
        self.data[streamID, default: ByteBuffer()].writeBuffer(&data)
    }
    func http2StreamEnded(streamID: Int32) { ended.append(streamID) }
    func http2StreamClosed(streamID: Int32, errorCode: HTTP2ErrorCode) { closed.append((streamID, errorCode)) }
    func http2GoAwayReceived(lastStreamID: Int32, errorCode: HTTP2ErrorCode) {
        goAways.append((lastStreamID, errorCode))
    }
    func http2ConnectionClosed() { connectionClosed = true }
}

/// A client session and a server session on two embedded channels, with bytes shuttled by hand.
struct SessionPair {
    let client = EmbeddedChannel()
    let server = EmbeddedChannel()
    let clientHandler: HTTP2ConnectionHandler
    let serverHandler: HTTP2ConnectionHandler
    let clientEvents = RecordingDelegate()
    let serverEvents = RecordingDelegate()

    init(configuration: HTTP2Configuration = HTTP2Configuration()) throws {
        clientHandler = HTTP2ConnectionHandler(role: .client, configuration: configuration)
        serverHandler = HTTP2ConnectionHandler(role: .server, configuration: configuration)
        clientHandler.delegate = clientEvents
        serverHandler.delegate = serverEvents
        try client.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        try server.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        try client.pipeline.syncOperations.addHandler(clientHandler)
        try server.pipeline.syncOperations.addHandler(serverHandler)
    }

    /// Sends a request without a body (`headers` and END_STREAM) and delivers it; returns its stream id.
    func sendRequest(
        _ headers: HTTP2Headers = [":method": "POST", ":scheme": "http", ":path": "/a/b", ":authority": "x"]
    ) throws -> Int32 {
        let streamID = try clientHandler.submitRequest(headers: headers)
        clientHandler.finish(streamID: streamID, trailers: nil)
        try exchange()
        return streamID
    }

    /// A request without a body answered with one complete response; returns its stream id.
    func completeExchange(headers: HTTP2Headers, body: String, trailers: HTTP2Headers) throws -> Int32 {
        let streamID = try sendRequest()
        try serverHandler.submitCompleteResponse(
            streamID: streamID, headers: headers, body: ByteBuffer(string: body), trailers: trailers)
        try exchange()
        return streamID
    }

    /// Moves bytes both ways until neither side has anything to send.
    func exchange() throws {
        var moved = true
        while moved {
            moved = false
            client.embeddedEventLoop.run()
            server.embeddedEventLoop.run()
            while let bytes = try client.readOutbound(as: ByteBuffer.self) {
                moved = true
                try server.writeInbound(bytes)
            }
            while let bytes = try server.readOutbound(as: ByteBuffer.self) {
                moved = true
                try client.writeInbound(bytes)
            }
        }
    }
}

@Suite struct HTTP2ConnectionHandlerTests {
    @Test func requestResponseWithTrailers() throws {
        let pair = try SessionPair()
        let streamID = try pair.clientHandler.submitRequest(headers: [
            ":method": "POST", ":scheme": "http", ":path": "/a/b", ":authority": "x",
            "content-type": "application/grpc",
        ])
        _ = pair.clientHandler.write(ByteBuffer(string: "request"), streamID: streamID)
        pair.clientHandler.finish(streamID: streamID, trailers: nil)
        try pair.exchange()

        #expect(pair.serverEvents.headers.first?.1[":path"] == "/a/b")
        #expect(pair.serverEvents.data[streamID] == ByteBuffer(string: "request"))
        #expect(pair.serverEvents.ended == [streamID])

        try pair.serverHandler.submitResponse(streamID: streamID, headers: [":status": "200"], endStream: false)
        _ = pair.serverHandler.write(ByteBuffer(string: "response"), streamID: streamID)
        pair.serverHandler.finish(streamID: streamID, trailers: ["grpc-status": "0"])
        try pair.exchange()

        #expect(pair.clientEvents.headers.count == 2)
        #expect(pair.clientEvents.headers[0].1[":status"] == "200")
        #expect(pair.clientEvents.headers[1].1["grpc-status"] == "0")
        #expect(pair.clientEvents.headers[1].2)
        #expect(pair.clientEvents.data[streamID] == ByteBuffer(string: "response"))
        #expect(pair.clientEvents.closed.map(\.0) == [streamID])
        #expect(pair.serverEvents.closed.map(\.0) == [streamID])
    }

    /// nghttp2 forgets a stream once it closes: with the RFC 7540 priority tree a server would keep up to
    /// SETTINGS_MAX_CONCURRENT_STREAMS (unlimited, as etcd advertises) closed streams, growing without bound
    /// on a long-lived connection.
    @Test func closedStreamsAreForgotten() throws {
        let pair = try SessionPair()
        let streamIDs = try (0..<50).map { _ in
            try pair.completeExchange(headers: [":status": "200"], body: "response", trailers: ["grpc-status": "0"])
        }
        #expect(pair.serverEvents.closed.map(\.0) == streamIDs)
        #expect(pair.clientEvents.data[streamIDs[49]] == ByteBuffer(string: "response"))
        for handler in [pair.serverHandler, pair.clientHandler] {
            let session = try #require(handler.session)
            #expect(streamIDs.allSatisfy { nghttp2_session_find_stream(session, $0) == nil })
        }
    }

    /// A prepared block (nghttp2's form built once) arrives as its fields; changing its fields drops that form.
    @Test func preparedBlocksArriveAsTheirFields() throws {
        let pair = try SessionPair()
        let headers = ([":status": "200", "content-type": "application/grpc", "x-empty": ""] as HTTP2Headers).prepared()
        let trailers = (["grpc-status": "0"] as HTTP2Headers).prepared()
        #expect(headers.nameValuePairs?.pairs.count == 3)
        var changed = headers
        changed.add("x-more", "1")
        #expect(changed.nameValuePairs == nil && changed != headers)
        for _ in 0..<2 {
            _ = try pair.completeExchange(headers: headers, body: "body", trailers: trailers)
        }
        #expect(pair.clientEvents.headers.map(\.1) == [headers, trailers, headers, trailers])
    }

    /// Fields equal to the previous request's at the same position reuse its strings; every other field (same
    /// length but other bytes, moved, added, dropped) must still arrive exactly as sent.
    @Test func headerBlocksArriveExactlyWhenTheyResembleThePreviousOne() throws {
        let pair = try SessionPair()
        let blocks: [HTTP2Headers] = [
            [":method": "POST", ":scheme": "http", ":path": "/svc/Aaaa", ":authority": "x", "x-id": "0001"],
            [":method": "POST", ":scheme": "http", ":path": "/svc/Bbbb", ":authority": "x", "x-id": "0002"],
            [":method": "POST", ":scheme": "http", ":path": "/svc/Bbbb", ":authority": "x", "x-id": "0002"],
            [":method": "POST", ":scheme": "http", ":path": "/svc/Bbbb", ":authority": "x", "x-di": "0002", "e": ""],
            [":method": "POST", ":scheme": "http", ":path": "/svc/Bbbb", ":authority": "x"],
            [":method": "POST", ":scheme": "http", ":path": "/svc/Bbbb", ":authority": "y", "a": "é", "b": "ok"],
        ]
        for block in blocks {
            _ = try pair.sendRequest(block)
        }
        #expect(pair.serverEvents.headers.map(\.1) == blocks)
    }

    @Test func writesWaitWhileTheQueueIsOverItsLimit() throws {
        var configuration = HTTP2Configuration()
        configuration.maxQueuedBytesPerStream = 1000
        let pair = try SessionPair(configuration: configuration)
        let streamID = try pair.clientHandler.submitRequest(headers: [
            ":method": "POST", ":scheme": "http", ":path": "/a/b", ":authority": "x",
        ])
        let small = pair.clientHandler.write(ByteBuffer(repeating: 1, count: 500), streamID: streamID)
        let large = pair.clientHandler.write(ByteBuffer(repeating: 2, count: 5000), streamID: streamID)
        var largeDone = false
        large.whenComplete { _ in largeDone = true }
        #expect(try small.wait() == ())
        #expect(!largeDone)
        try pair.exchange()
        #expect(largeDone)
        #expect(pair.serverEvents.data[streamID]?.readableBytes == 5500)
    }

    @Test func manualConsumptionHoldsTheSenderBack() throws {
        var configuration = HTTP2Configuration()
        configuration.initialStreamWindowSize = 10_000
        configuration.maxQueuedBytesPerStream = 1000
        let pair = try SessionPair(configuration: configuration)
        let streamID = try pair.clientHandler.submitRequest(headers: [
            ":method": "POST", ":scheme": "http", ":path": "/a/b", ":authority": "x",
        ])
        try pair.exchange()
        pair.serverHandler.consumeManually(streamID: streamID)
        let write = pair.clientHandler.write(ByteBuffer(repeating: 3, count: 30_000), streamID: streamID)
        var written = false
        write.whenComplete { _ in written = true }
        try pair.exchange()
        #expect(pair.serverEvents.data[streamID]?.readableBytes == 10_000)
        #expect(!written)

        pair.serverHandler.consume(streamID: streamID, bytes: 10_000)
        try pair.exchange()
        pair.serverHandler.consume(streamID: streamID, bytes: 10_000)
        try pair.exchange()
        #expect(pair.serverEvents.data[streamID]?.readableBytes == 30_000)
        #expect(written)
    }

    @Test func resetReachesThePeer() throws {
        let pair = try SessionPair()
        let streamID = try pair.clientHandler.submitRequest(headers: [
            ":method": "POST", ":scheme": "http", ":path": "/a/b", ":authority": "x",
        ])
        try pair.exchange()
        pair.clientHandler.reset(streamID: streamID, errorCode: .cancel)
        try pair.exchange()
        #expect(pair.serverEvents.closed.first?.0 == streamID)
        #expect(pair.serverEvents.closed.first?.1 == .cancel)
        #expect(pair.clientHandler.write(ByteBuffer(string: "late"), streamID: streamID).isFailed)
    }

    @Test func badPrefaceClosesTheConnection() throws {
        let server = EmbeddedChannel()
        try server.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        try server.pipeline.syncOperations.addHandler(HTTP2ConnectionHandler(role: .server))
        try server.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        server.embeddedEventLoop.run()
        #expect(!server.isActive)
    }

    @Test func gracefulShutdownSendsGoAwayAndClosesWhenIdle() throws {
        let pair = try SessionPair()
        let streamID = try pair.clientHandler.submitRequest(headers: [
            ":method": "POST", ":scheme": "http", ":path": "/a/b", ":authority": "x",
        ])
        try pair.exchange()
        pair.serverHandler.initiateGracefulShutdown(grace: .seconds(30))
        try pair.exchange()
        #expect(pair.clientEvents.goAways.first?.0 == streamID)
        #expect(pair.server.isActive)
        try pair.serverHandler.submitResponse(
            streamID: streamID, headers: [":status": "200", "grpc-status": "0"], endStream: true)
        try pair.exchange()
        #expect(!pair.server.isActive)
    }
}

extension EventLoopFuture {
    fileprivate var isFailed: Bool {
        var failed = false
        whenFailure { _ in failed = true }
        return failed
    }
}

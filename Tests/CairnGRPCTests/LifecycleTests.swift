import CairnGRPC
import CairnWire
import Glibc
import NIOCore
import Testing

@Suite struct LifecycleTests {
    @Test func cancellingTheCallerResetsTheStreamAndCancelsTheHandler() async throws {
        let probe = CancellationProbe()
        try await withEchoServer(probe: probe) { _, _, client in
            let call = Task {
                try await client.unary(path: "/test.Echo/Hang", request: Blob(), responseType: Blob.self)
            }
            // Cancelled before the request reached the server, the call would never start its handler.
            await probe.wait(for: .started)
            call.cancel()
            let outcome = await status { try await call.value }
            #expect(outcome?.code == .cancelled)
            await probe.wait(for: .cancelled)
            let after = try await client.unary(path: "/test.Echo/Unary", request: Blob("ok"), responseType: Blob.self)
            #expect(after.text == "ok")
        }
    }

    @Test func cancellingAStreamingCallReachesTheServer() async throws {
        let probe = CancellationProbe()
        try await withEchoServer(probe: probe) { _, _, client in
            let call = try await client.bidirectional(
                path: "/test.Echo/Bidi", requestType: Blob.self, responseType: Blob.self)
            try await call.send(Blob("one"))
            var responses = call.responses.makeAsyncIterator()
            #expect(try await responses.next()?.text == "one")
            call.cancel()
            let outcome = await status { try await responses.next() }
            #expect(outcome?.code == .cancelled)
            await probe.wait(for: .cancelled)
        }
    }

    @Test func serverSideFailureEndsAStreamWithItsStatus() async throws {
        try await withEchoServer { _, _, client in
            let call = try await client.bidirectional(
                path: "/test.Echo/Bidi", requestType: Blob.self, responseType: Blob.self)
            try await call.send(Blob("fine"))
            try await call.send(Blob([0xFF]))
            var responses = call.responses.makeAsyncIterator()
            #expect(try await responses.next()?.text == "fine")
            let outcome = await status { try await responses.next() }
            #expect(outcome?.code == .internalError)
        }
    }

    @Test func deadlinesExpire() async throws {
        let probe = CancellationProbe()
        try await withEchoServer(probe: probe) { _, _, client in
            let outcome = await status {
                try await client.unary(
                    path: "/test.Echo/Hang", request: Blob(), timeout: .milliseconds(100), responseType: Blob.self)
            }
            #expect(outcome?.code == .deadlineExceeded)
            await probe.wait(for: .cancelled)
        }
    }

    @Test func serverEnforcesGRPCTimeoutOnItsOwn() async throws {
        let probe = CancellationProbe()
        try await withEchoServer(probe: probe) { _, port, _ in
            // No client-side timer here: only the server's grpc-timeout handling can end the call.
            let blocks = try await RawConnection.http2Request(
                port: port, headers: requestHeaders(path: "/test.Echo/Hang", extra: ["grpc-timeout": "50m"]),
                body: ByteBuffer(bytes: [0, 0, 0, 0, 0]))
            #expect(blocks.last?["grpc-status"] == "4")
            #expect(blocks.last?["grpc-message"] == "context deadline exceeded")
            await probe.wait(for: .cancelled)
        }
    }

    @Test func gracefulShutdownLetsInFlightCallsFinish() async throws {
        let server = GRPCServer(router: EchoService.router())
        let port = try await server.start()
        let client = GRPCClientConnection(host: "127.0.0.1", port: port)
        let call = try await client.bidirectional(
            path: "/test.Echo/Bidi", requestType: Blob.self, responseType: Blob.self)
        var responses = call.responses.makeAsyncIterator()
        try await call.send(Blob("before"))
        #expect(try await responses.next()?.text == "before")

        async let stopped: Void = server.shutdown(grace: .seconds(10))
        try await call.send(Blob("during"))
        #expect(try await responses.next()?.text == "during")
        call.finish()
        #expect(try await responses.next() == nil)
        await stopped

        let refused = await status {
            try await client.unary(path: "/test.Echo/Unary", request: Blob(), responseType: Blob.self)
        }
        #expect(refused?.code == .unavailable)
        await client.close()
    }

    @Test func clientReconnectsAfterTheServerComesBack() async throws {
        let first = GRPCServer(router: EchoService.router())
        let port = try await first.start()
        let client = GRPCClientConnection(host: "127.0.0.1", port: port)
        _ = try await client.unary(path: "/test.Echo/Unary", request: Blob("a"), responseType: Blob.self)
        await first.shutdown(grace: .milliseconds(100))

        let second = GRPCServer(router: EchoService.router())
        try await Self.rebind(second, port: port)
        let response = try await client.unary(path: "/test.Echo/Unary", request: Blob("b"), responseType: Blob.self)
        #expect(response.text == "b")
        await client.close()
        await second.shutdown(grace: .milliseconds(100))
    }

    /// Binds `server` to the port a stopped server used. The port came from the ephemeral range, so an
    /// outgoing connection of a test running in parallel may hold it for a moment: retry for up to 5 s.
    private static func rebind(_ server: GRPCServer, port: Int) async throws {
        var attempt = 0
        while true {
            do {
                _ = try await server.start(port: port)
                return
            } catch let error as IOError where error.errnoCode == EADDRINUSE && attempt < 50 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    @Test func inMemoryTransportServesCalls() async throws {
        let server = GRPCServer(router: EchoService.router())
        let client = server.inMemoryClient()
        let response = try await client.unary(path: "/test.Echo/Unary", request: Blob("mem"), responseType: Blob.self)
        #expect(response.text == "mem")
        let stream = try await client.serverStreaming(
            path: "/test.Echo/Count", request: Blob("3"), responseType: Blob.self)
        var count = 0
        for try await _ in stream { count += 1 }
        #expect(count == 3)
        await client.close()
        await server.shutdown(grace: .milliseconds(100))
    }
}

import CairnGRPC
import CairnWire
import NIOPosix
import Testing

@Suite struct CallTests {
    @Test func unaryEchoesTheRequest() async throws {
        try await withEchoServer { _, _, client in
            let response = try await client.unary(
                path: "/test.Echo/Unary", request: Blob("hello"), responseType: Blob.self)
            #expect(response.text == "hello")
            let empty = try await client.unary(path: "/test.Echo/Unary", request: Blob(), responseType: Blob.self)
            #expect(empty.bytes.isEmpty)
        }
    }

    @Test func metadataReachesTheHandler() async throws {
        try await withEchoServer { _, _, client in
            let response = try await client.unary(
                path: "/test.Echo/Metadata", request: Blob(), metadata: ["X-Test": "value 1"], responseType: Blob.self)
            #expect(response.text == "value 1")
        }
    }

    @Test func handlerErrorsBecomeStatuses() async throws {
        try await withEchoServer { _, _, client in
            let failed = await status {
                try await client.unary(path: "/test.Echo/Fail", request: Blob("100% gone ✓"), responseType: Blob.self)
            }
            #expect(failed == GRPCStatus(code: .notFound, message: "100% gone ✓"))
            let etcd = await status {
                try await client.unary(path: "/test.Echo/Etcd", request: Blob(), responseType: Blob.self)
            }
            #expect(etcd == EtcdError.keyNotFound.status)
            let undecodable = await status {
                try await client.unary(path: "/test.Echo/Unary", request: Blob([0xFF]), responseType: Blob.self)
            }
            #expect(undecodable?.code == .internalError)
            #expect(undecodable?.message.hasPrefix("grpc: error unmarshalling request: ") == true)
        }
    }

    @Test func unknownMethodsAreUnimplemented() async throws {
        try await withEchoServer { _, _, client in
            let method = await status {
                try await client.unary(path: "/test.Echo/Nope", request: Blob(), responseType: Blob.self)
            }
            #expect(method == GRPCStatus(code: .unimplemented, message: "unknown method Nope for service test.Echo"))
            let service = await status {
                try await client.unary(path: "/test.Nope/Get", request: Blob(), responseType: Blob.self)
            }
            #expect(service == GRPCStatus(code: .unimplemented, message: "unknown service test.Nope"))
        }
    }

    @Test func serverStreamingDeliversEveryMessage() async throws {
        try await withEchoServer { _, _, client in
            let responses = try await client.serverStreaming(
                path: "/test.Echo/Count", request: Blob("50"), responseType: Blob.self)
            var received: [String] = []
            for try await response in responses {
                received.append(response.text)
            }
            #expect(received == (0..<50).map(String.init))
        }
    }

    @Test func clientStreamingCollectsRequests() async throws {
        try await withEchoServer { _, _, client in
            let call = try await client.bidirectional(
                path: "/test.Echo/Concat", requestType: Blob.self, responseType: Blob.self)
            for part in ["a", "b", "c"] {
                try await call.send(Blob(part))
            }
            call.finish()
            var received: [String] = []
            for try await response in call.responses {
                received.append(response.text)
            }
            #expect(received == ["abc"])
        }
    }

    @Test func bidirectionalEchoesInOrder() async throws {
        try await withEchoServer { _, _, client in
            let call = try await client.bidirectional(
                path: "/test.Echo/Bidi", requestType: Blob.self, responseType: Blob.self)
            var iterator = call.responses.makeAsyncIterator()
            for index in 0..<20 {
                try await call.send(Blob(String(index)))
                let echoed = try await iterator.next()
                #expect(echoed?.text == String(index))
            }
            call.finish()
            #expect(try await iterator.next() == nil)
        }
    }

    @Test func thousandConcurrentUnaryCallsShareOneConnection() async throws {
        try await withEchoServer { _, _, client in
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<1000 {
                    group.addTask {
                        let response = try await client.unary(
                            path: "/test.Echo/Unary", request: Blob(String(index)), responseType: Blob.self)
                        return response.text == String(index)
                    }
                }
                var correct = 0
                for try await ok in group where ok {
                    correct += 1
                }
                #expect(correct == 1000)
            }
        }
    }

    @Test func largeMessagesPassUnderARaisedLimit() async throws {
        var server = GRPCServerConfiguration()
        server.maxReceiveMessageSize = 8 << 20
        var clientConfiguration = GRPCClientConfiguration()
        clientConfiguration.maxReceiveMessageSize = 8 << 20
        try await withEchoServer(configuration: server, clientConfiguration: clientConfiguration) { _, _, client in
            let payload = Blob((0..<(4 << 20)).map { UInt8($0 % 251) })
            let response = try await client.unary(path: "/test.Echo/Unary", request: payload, responseType: Blob.self)
            #expect(response == payload)
        }
    }

    @Test func oversizeRequestFailsOnlyThatCall() async throws {
        try await withEchoServer { _, _, client in
            let tooBig = Blob([UInt8](repeating: 7, count: (2 << 20) + 1))
            let failed = await status {
                try await client.unary(path: "/test.Echo/Unary", request: tooBig, responseType: Blob.self)
            }
            #expect(
                failed
                    == GRPCStatus(
                        code: .resourceExhausted,
                        message: "grpc: received message larger than max (2097153 vs. 2097152)"))
            let next = try await client.unary(path: "/test.Echo/Unary", request: Blob("still"), responseType: Blob.self)
            #expect(next.text == "still")
        }
    }

    /// etcd's KeepAliveOnce opens a stream, reads one answer and cancels it. Thousands of such resets are not
    /// a rapid-reset attack: only resets of streams not answered yet count against the connection.
    @Test func answeredStreamsMayBeCancelledWithoutLimit() async throws {
        try await withEchoServer { _, port, _ in
            let connects = HandlerCount()
            let client = GRPCClientConnection(authority: "127.0.0.1", configuration: GRPCClientConfiguration()) {
                initializer in
                connects.value.add(1, ordering: .relaxed)
                return ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .channelInitializer(initializer)
                    .connect(host: "127.0.0.1", port: port)
            }
            defer { Task { await client.close() } }
            for index in 0..<1_500 {
                let call = try await client.bidirectional(
                    path: "/test.Echo/Bidi", requestType: Blob.self, responseType: Blob.self)
                try await call.send(Blob("\(index)"))
                var responses = call.responses.makeAsyncIterator()
                #expect(try await responses.next()?.text == "\(index)")
                call.cancel()
            }
            let last = try await client.unary(path: "/test.Echo/Unary", request: Blob("same"), responseType: Blob.self)
            #expect(last.text == "same")
            #expect(connects.value.load(ordering: .relaxed) == 1, "the server closed the connection")
        }
    }

    @Test func longBidirectionalStream() async throws {
        try await withEchoServer { _, _, client in
            let call = try await client.bidirectional(
                path: "/test.Echo/Bidi", requestType: Blob.self, responseType: Blob.self)
            let total = 100_000
            async let received: Int = {
                var count = 0
                for try await response in call.responses {
                    guard response.bytes == [UInt8(count % 255)] else { break }
                    count += 1
                }
                return count
            }()
            for index in 0..<total {
                try await call.send(Blob([UInt8(index % 255)]))
            }
            call.finish()
            #expect(try await received == total)
        }
    }
}

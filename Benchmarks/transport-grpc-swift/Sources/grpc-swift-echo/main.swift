import GRPCCore
import GRPCNIOTransportHTTP2
import NIOPosix

/// Messages are raw bytes: no protobuf runtime on either side, as in Cairn's echo server.
struct RawBytesCoder: MessageSerializer, MessageDeserializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes {
        Bytes(message)
    }

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}

/// `bench.Echo/Unary`: answers the one request message with itself.
struct EchoService: RegistrableRPCService {
    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: MethodDescriptor(fullyQualifiedService: "bench.Echo", method: "Unary"),
            deserializer: RawBytesCoder(), serializer: RawBytesCoder()
        ) { request, _ in
            var messages = request.messages.makeAsyncIterator()
            guard let message = try await messages.next() else {
                throw RPCError(code: .internalError, message: "no request message")
            }
            return StreamingServerResponse { writer in
                try await writer.write(message)
                return [:]
            }
        }
    }
}

// Usage: grpc-swift-echo [port] [event-loop threads, default one per core]
let arguments = CommandLine.arguments.dropFirst().compactMap(Int.init)
let port = arguments.first ?? 50153
let group = arguments.dropFirst().first.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) } ?? .singleton
let server = GRPCServer(
    transport: .http2NIOPosix(
        address: .ipv4(host: "127.0.0.1", port: port), transportSecurity: .plaintext, eventLoopGroup: group),
    services: [EchoService()])
try await server.serve()

import GRPCCore
import GRPCNIOTransportHTTP2

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

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50153
let server = GRPCServer(
    transport: .http2NIOPosix(address: .ipv4(host: "127.0.0.1", port: port), transportSecurity: .plaintext),
    services: [EchoService()])
try await server.serve()

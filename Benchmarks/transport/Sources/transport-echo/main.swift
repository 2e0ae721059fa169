import CairnGRPC
import CairnWire
import NIOCore

/// A message that is just its bytes: the benchmark echoes whatever h2load posts.
struct RawBytes: WireMessage {
    var bytes = ByteBuffer()

    init() {}

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeImmutableBuffer(bytes)
    }

    init(decoding buffer: ByteBuffer) throws(WireError) {
        bytes = buffer
    }

    /// Sized in advance, as the messages of `Protos/` are.
    func grpcFramed() -> ByteBuffer {
        var framed = ByteBufferAllocator().buffer(capacity: GRPCFramer.prefixLength + bytes.readableBytes)
        GRPCFramer.frame(bytes, into: &framed)
        return framed
    }
}

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50051
var router = GRPCRouter()
router.unary("/bench.Echo/Unary", immediate: { (request: RawBytes, _: GRPCCallContext) in .response(request) })
let server = GRPCServer(router: router)
let bound = try await server.start(host: "127.0.0.1", port: port)
print("listening on \(bound)")
while true {
    try await Task.sleep(for: .seconds(3600))
}

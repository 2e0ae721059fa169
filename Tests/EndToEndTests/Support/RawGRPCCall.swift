import Foundation

/// A gRPC call with hand-built request bytes, for requests no well-behaved client sends (truncated protobuf,
/// unknown methods, oversized messages). It goes through Python's grpcio (grpc-core), a real gRPC client
/// that, unlike curl, reads the status even when the server answers before consuming the whole request.
struct RawGRPCCall: CustomStringConvertible {
    var status: Int
    var message: String

    var description: String { "status \(status): \(message)" }

    /// Sends `message` (the protobuf bytes, unframed) to `path` and returns the call's status and message.
    static func send(_ instance: CairndInstance, path: String, message: Data) async throws -> RawGRPCCall {
        let bodyPath = "\(instance.workDirectory)/raw-\(UUID().uuidString.prefix(8)).bin"
        try message.write(to: URL(fileURLWithPath: bodyPath))
        let outcome = try await runProcess(
            "/usr/bin/env",
            ["python3", "-c", script, instance.endpoint, path, bodyPath],
            in: instance.workDirectory
        )
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard outcome.status == 0, lines.count >= 2, let status = Int(lines[0]) else {
            throw ProcessFailure(description: "raw gRPC call failed: \(outcome.combined)")
        }
        return RawGRPCCall(status: status, message: String(lines[1]))
    }

    private static let script = """
        import sys, grpc
        endpoint, path, body_path = sys.argv[1:4]
        body = open(body_path, "rb").read()
        unlimited = [("grpc.max_send_message_length", -1), ("grpc.max_receive_message_length", -1)]
        channel = grpc.insecure_channel(endpoint, options=unlimited)
        call = channel.unary_unary(path, request_serializer=None, response_deserializer=None)
        try:
            call(body, timeout=20)
            print(0)
            print("")
        except grpc.RpcError as error:
            print(error.code().value[0])
            print(error.details())
        """
}

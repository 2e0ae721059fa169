import CairnWire
import NIOCore

/// Maps `:path` (`/package.Service/Method`, matched exactly) to typed handlers.
package struct GRPCRouter: Sendable {
    private var routes: [String: GRPCRoute] = [:]
    private var services: Set<Substring> = []

    /// An empty router.
    package init() {}

    /// Registers a unary method: one request, one response, the handler running in a task on Swift's
    /// cooperative pool (it may block its thread, e.g. waiting for the disk).
    package mutating func unary<Req: WireMessage, Res: WireMessage>(
        _ path: String, _ handler: @escaping @Sendable (Req, GRPCCallContext) async throws -> Res
    ) {
        add(
            path, .unary { request, context in try await handler(try Req.decodeRequest(request), context).grpcFramed() }
        )
    }

    /// Registers a unary method whose handler runs on the connection's event loop as soon as the request is
    /// complete and, when it can answer without waiting, answers there: no task and no thread hop, which is
    /// most of a small call's cost. The handler must not block; whatever must wait goes in `.later`.
    package mutating func unary<Req: WireMessage, Res: WireMessage>(
        _ path: String, immediate handler: @escaping @Sendable (Req, GRPCCallContext) throws -> GRPCUnaryAnswer<Res>
    ) {
        add(
            path,
            .immediateUnary { request, context in
                switch try handler(try Req.decodeRequest(request), context) {
                case .response(let response):
                    return .response(response.grpcFramed())
                case .later(let rest):
                    return .later { try await rest().grpcFramed() }
                }
            })
    }

    /// Registers a server-streaming method: one request, responses written through the writer.
    package mutating func serverStreaming<Req: WireMessage, Res: WireMessage>(
        _ path: String,
        _ handler: @escaping @Sendable (Req, GRPCResponseWriter<Res>, GRPCCallContext) async throws -> Void
    ) {
        add(
            path,
            .serverStreaming { request, stream, context in
                try await handler(try Req.decodeRequest(request), GRPCResponseWriter(stream: stream), context)
            })
    }

    /// Registers a client-streaming method: a stream of requests, one response.
    package mutating func clientStreaming<Req: WireMessage, Res: WireMessage>(
        _ path: String, _ handler: @escaping @Sendable (GRPCRequestStream<Req>, GRPCCallContext) async throws -> Res
    ) {
        add(
            path,
            .streaming { requests, stream, context in
                let response = try await handler(GRPCRequestStream(source: requests), context)
                try await GRPCResponseWriter<Res>(stream: stream).write(response)
            })
    }

    /// Registers a bidirectional method: requests and responses flow independently.
    package mutating func bidirectional<Req: WireMessage, Res: WireMessage>(
        _ path: String,
        _ handler:
            @escaping @Sendable (GRPCRequestStream<Req>, GRPCResponseWriter<Res>, GRPCCallContext) async throws
            -> Void
    ) {
        add(
            path,
            .streaming { requests, stream, context in
                try await handler(GRPCRequestStream(source: requests), GRPCResponseWriter(stream: stream), context)
            })
    }

    private mutating func add(_ path: String, _ route: GRPCRoute) {
        routes[path] = route
        if let service = Self.split(path)?.service {
            services.insert(service)
        }
    }

    /// The handler for `path`, if one is registered.
    func route(for path: String) -> GRPCRoute? {
        routes[path]
    }

    /// The UNIMPLEMENTED status for an unrouted path, worded as grpc-go words it.
    func unimplementedStatus(for path: String) -> GRPCStatus {
        guard let (service, method) = Self.split(path) else {
            return GRPCStatus(code: .unimplemented, message: "malformed method name: \"\(path)\"")
        }
        if services.contains(service) {
            return GRPCStatus(code: .unimplemented, message: "unknown method \(method) for service \(service)")
        }
        return GRPCStatus(code: .unimplemented, message: "unknown service \(service)")
    }

    /// `/pkg.Service/Method` → (`pkg.Service`, `Method`).
    private static func split(_ path: String) -> (service: Substring, method: Substring)? {
        guard path.hasPrefix("/"), let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return nil }
        return (path[path.index(after: path.startIndex)..<slash], path[path.index(after: slash)...])
    }
}

extension WireMessage {
    /// Decodes a request, reporting failure as grpc-go does.
    static func decodeRequest(_ buffer: ByteBuffer) throws(GRPCStatus) -> Self {
        do {
            return try Self(decoding: buffer)
        } catch {
            throw GRPCStatus(code: .internalError, message: "grpc: error unmarshalling request: \(error)")
        }
    }
}

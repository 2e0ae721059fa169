import CairnHTTP2
import CairnWire
import NIOCore

/// Client-side state of one call, touched only on the connection's event loop.
final class GRPCClientCall {
    let streamID: Int32
    var deframer: GRPCDeframer
    var responseHeaders: HTTP2Headers?
    /// Status from trailers (or a trailers-only response), once received.
    var status: GRPCStatus?
    var done = false
    var deadlineTimer: Scheduled<Void>?
    let onMessage: (ByteBuffer) -> Void
    let onClose: (GRPCStatus) -> Void

    init(
        streamID: Int32, maxMessageSize: Int, onMessage: @escaping (ByteBuffer) -> Void,
        onClose: @escaping (GRPCStatus) -> Void
    ) {
        self.streamID = streamID
        self.deframer = GRPCDeframer(maxMessageSize: maxMessageSize)
        self.onMessage = onMessage
        self.onClose = onClose
    }

    /// Reports the final status once.
    func finish(_ status: GRPCStatus) {
        guard !done else { return }
        done = true
        deadlineTimer?.cancel()
        deadlineTimer = nil
        onClose(status)
    }

    /// The status a response header block (trailers or trailers-only) carries.
    static func status(from headers: HTTP2Headers) -> GRPCStatus {
        if let code = headers["grpc-status"] {
            let message = headers["grpc-message"].map(GRPCMessageCoding.percentDecode) ?? ""
            return GRPCStatus(code: Int(code).flatMap(GRPCStatusCode.init(rawValue:)) ?? .unknown, message: message)
        }
        if let httpStatus = headers[":status"], httpStatus != "200" {
            return status(httpStatus: httpStatus)
        }
        return GRPCStatus(code: .internalError, message: "server sent no grpc-status")
    }

    /// gRPC's mapping of a non-200 HTTP status (PROTOCOL-HTTP2 "HTTP to gRPC Status Code Mapping").
    static func status(httpStatus: String) -> GRPCStatus {
        let code: GRPCStatusCode
        switch httpStatus {
        case "400": code = .internalError
        case "401": code = .unauthenticated
        case "403": code = .permissionDenied
        case "404": code = .unimplemented
        case "429", "502", "503", "504": code = .unavailable
        default: code = .unknown
        }
        return GRPCStatus(code: code, message: "unexpected HTTP status code \(httpStatus)")
    }

    /// A stream the server did not process (REFUSED_STREAM, or above a GOAWAY's last stream id): the request
    /// was not acted on, so unary calls retry it on a new connection.
    static let refused = GRPCStatus(code: .unavailable, message: "stream refused by the server")

    /// How a client reports a stream reset without a status (gRPC's RST_STREAM mapping).
    static func status(resetCode: HTTP2ErrorCode) -> GRPCStatus {
        switch resetCode {
        case .refusedStream:
            return refused
        case .cancel:
            return GRPCStatus(code: .cancelled, message: "stream cancelled by the server")
        case .enhanceYourCalm:
            return GRPCStatus(code: .resourceExhausted, message: "stream reset: enhance your calm")
        case .inadequateSecurity:
            return GRPCStatus(code: .permissionDenied, message: "stream reset: inadequate security")
        case .noError:
            return GRPCStatus(code: .internalError, message: "server closed the stream without sending trailers")
        default:
            return GRPCStatus(code: .internalError, message: "stream reset with \(resetCode)")
        }
    }
}

@available(*, unavailable)
extension GRPCClientCall: Sendable {}

import NIOCore

/// Chooses a connection's protocol from its first bytes: the HTTP/2 client preface
/// (`PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`) selects HTTP/2, anything else the fallback (HTTP/1.1).
///
/// The chosen configurator adds its handlers behind this one; then the bytes read so far are passed on
/// untouched (preface included, which nghttp2 insists on) and the sniffer leaves the pipeline.
package final class HTTP2PrefaceSniffer: ChannelInboundHandler, RemovableChannelHandler {
    package typealias InboundIn = ByteBuffer
    package typealias InboundOut = ByteBuffer

    /// Adds the handlers of the chosen protocol to `channel`'s pipeline.
    package typealias Configurator = @Sendable (any Channel) -> EventLoopFuture<Void>

    private static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    private let configureHTTP2: Configurator
    private let configureOther: Configurator?
    private var buffered: ByteBuffer?
    private var decided = false

    /// A sniffer that runs `http2` for the HTTP/2 preface and `other` for anything else. Without `other`,
    /// every connection goes to HTTP/2, whose session rejects a wrong preface.
    package init(http2: @escaping Configurator, other: Configurator?) {
        self.configureHTTP2 = http2
        self.configureOther = other
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if buffered == nil {
            buffered = bytes
        } else {
            buffered!.writeBuffer(&bytes)
        }
        guard !decided, let verdict = Self.classify(buffered!) else { return }
        decided = true
        let configure = verdict || configureOther == nil ? configureHTTP2 : configureOther!
        let sniffer = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loopContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        configure(context.channel).whenComplete { result in
            switch result {
            case .success:
                sniffer.value.handOver(context: loopContext.value)
            case .failure(let error):
                loopContext.value.fireErrorCaught(error)
                loopContext.value.close(promise: nil)
            }
        }
    }

    package func channelReadComplete(context: ChannelHandlerContext) {
        // Held back until the protocol is chosen; `handOver` fires it with the buffered bytes.
    }

    /// `true` for the HTTP/2 preface, `false` as soon as a byte differs, `nil` while undecided.
    static func classify(_ bytes: ByteBuffer) -> Bool? {
        let count = min(bytes.readableBytes, preface.count)
        let received = bytes.readableBytesView.prefix(count)
        guard received.elementsEqual(preface.prefix(count)) else { return false }
        return count == preface.count ? true : nil
    }

    private func handOver(context: ChannelHandlerContext) {
        if let bytes = buffered {
            buffered = nil
            context.fireChannelRead(wrapInboundOut(bytes))
            context.fireChannelReadComplete()
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}

@available(*, unavailable)
extension HTTP2PrefaceSniffer: Sendable {}

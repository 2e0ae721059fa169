import NIOCore
import NIOHTTP1

/// The HTTP/1.1 side of the client port (and of `--listen-metrics-urls`).
///
/// The gRPC server's preface sniffer hands every connection that is not HTTP/2 to ``http1Initializer``;
/// ``HTTPEndpointServer`` uses the same initializer for the metrics-only listeners.
package struct HTTPEndpoints: Sendable {
    package let router: EndpointRouter

    /// - Parameters:
    ///   - metrics: rendered by `/metrics`.
    ///   - health: the current problems (active alarms, a failed store); none means healthy.
    package init(metrics: ServerMetrics, health: @escaping @Sendable () -> [HealthProblem]) {
        router = EndpointRouter(metrics: metrics, health: health)
    }

    /// Adds NIO's HTTP/1.1 server codec (with pipelining and protocol-error handling) and the endpoint handler
    /// to the end of the channel's pipeline.
    package var http1Initializer: @Sendable (any Channel) -> EventLoopFuture<Void> {
        let router = self.router
        return { channel in
            let configure: @Sendable () throws -> Void = {
                try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                try channel.pipeline.syncOperations.addHandler(HTTPEndpointHandler(router: router))
            }
            if channel.eventLoop.inEventLoop {
                return channel.eventLoop.makeCompletedFuture(Result(catching: configure))
            }
            return channel.eventLoop.submit(configure)
        }
    }
}

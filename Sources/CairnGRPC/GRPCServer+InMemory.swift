import CairnWire
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension GRPCServer {
    /// A client connected to this server without a listening socket: each connection is one end of a
    /// `socketpair`, the other end is served exactly like an accepted TCP connection (same sniffing, HTTP/2
    /// session, framing and routing). Lets services be tested without ports.
    package func inMemoryClient(configuration: GRPCClientConfiguration = GRPCClientConfiguration())
        -> GRPCClientConnection
    {
        GRPCClientConnection(authority: "in-memory", configuration: configuration) { [self] initializer in
            var descriptors: [Int32] = [-1, -1]
            #if canImport(Glibc)
                let socketType = Int32(SOCK_STREAM.rawValue)
            #else
                let socketType = SOCK_STREAM
            #endif
            guard socketpair(AF_UNIX, socketType, 0, &descriptors) == 0 else {
                return group.next().makeFailedFuture(
                    GRPCStatus(code: .unavailable, message: "socketpair failed: errno \(errno)"))
            }
            let (serverSide, clientSide) = (descriptors[0], descriptors[1])
            let served = ClientBootstrap(group: group)
                .channelInitializer { channel in self.initializeConnection(channel) }
                .withConnectedSocket(serverSide)
            return served.flatMap { _ in
                ClientBootstrap(group: self.group)
                    .channelInitializer(initializer)
                    .withConnectedSocket(clientSide)
            }
        }
    }
}

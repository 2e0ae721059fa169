import CairnWire

/// The outcome of `endpoint health` for one endpoint.
package struct EndpointHealthReport: Sendable, Equatable {
    package var endpoint: String
    package var healthy: Bool
    /// Go duration text of the probe's round trip (`1.084148ms`).
    package var took: String
    /// Empty when healthy.
    package var error: String

    package init(endpoint: String, healthy: Bool, took: String, error: String) {
        self.endpoint = endpoint
        self.healthy = healthy
        self.took = took
        self.error = error
    }
}

/// The outcome of `endpoint status` for one endpoint.
package struct EndpointStatusReport: Sendable, Equatable {
    package var endpoint: String
    package var status: StatusResponse

    package init(endpoint: String, status: StatusResponse) {
        self.endpoint = endpoint
        self.status = status
    }
}

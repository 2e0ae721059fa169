import Testing

/// Parent of every suite here: they run one at a time, because each measures a well-behaved client's
/// latency and the server's memory while one hostile client is at work, which another test's server and
/// clients on the same two cores would distort.
@Suite(.serialized) enum HostileSuites {}

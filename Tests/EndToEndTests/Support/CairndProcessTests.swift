import Testing

/// Parent of every suite that starts `cairnd` processes. They run one at a time: several run time-sensitive
/// checks (lease expiry within the conformance suite's window, SIGKILL timing) that a 2-core machine cannot keep
/// honest while other servers and load generators compete for it.
@Suite(.serialized) enum CairndProcessTests {}

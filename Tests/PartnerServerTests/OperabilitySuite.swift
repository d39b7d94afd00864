import Testing

/// The operability suites (access log, metrics endpoint, configuration, Deploy files) one at a
/// time: each starts partner-server children, some a Prometheus too, and running them side by
/// side would only add load to the rest of the test run.
@Suite("Operability", .serialized)
enum Operability {}

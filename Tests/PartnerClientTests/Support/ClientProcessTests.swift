import Testing

/// Every suite that starts `partner-server` processes, run one test at a time: they load the
/// machine (processes, SIGKILLs, write loads), and the rest of `swift test` runs beside them.
@Suite("Client and partnerctl against partner-server processes", .serialized)
enum ClientProcessTests {}

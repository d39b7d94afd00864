/// The server under test: where it listens and the credentials the suite may use.
public struct ConformanceTarget: Sendable {
    /// Host name or address (`127.0.0.1`, `::1`).
    public var host: String
    /// TCP port.
    public var port: Int
    /// A token with every role of one partner, for methods that need a caller; `nil` skips them.
    public var token: String?
    /// How long any one read may wait before the case fails as a timeout.
    public var readTimeout: Duration

    /// Creates a target.
    public init(host: String, port: Int, token: String? = nil, readTimeout: Duration = .seconds(10)) {
        self.host = host
        self.port = port
        self.token = token
        self.readTimeout = readTimeout
    }
}

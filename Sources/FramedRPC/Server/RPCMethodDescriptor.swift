/// What the runtime knows about one method: its name, its kind, whether it needs credentials,
/// and free-form tags interceptors can act on (e.g. "mutating", "idempotent").
public struct RPCMethodDescriptor: Sendable, Hashable {
    /// How a method answers.
    public enum Kind: Sendable, Hashable {
        /// One request, one response.
        case unary
        /// One request, `$/item` notifications under flow control, then one response.
        case serverStreaming
    }

    /// The full method name, "Service.Method".
    public var name: String
    /// Unary or server streaming.
    public var kind: Kind
    /// False for methods anyone may call (health, discovery, ping). The runtime does not check
    /// credentials itself: an authentication interceptor reads this flag.
    public var requiresAuthentication: Bool
    /// Free-form tags for interceptors.
    public var tags: Set<String>

    /// Creates a descriptor.
    public init(name: String, kind: Kind = .unary, requiresAuthentication: Bool = true, tags: Set<String> = []) {
        self.name = name
        self.kind = kind
        self.requiresAuthentication = requiresAuthentication
        self.tags = tags
    }

    /// The service part of the name: "Health" for "Health.Check" (the name itself when it has
    /// no dot).
    public var serviceName: Substring {
        guard let dot = name.lastIndex(of: ".") else { return name[...] }
        return name[..<dot]
    }
}

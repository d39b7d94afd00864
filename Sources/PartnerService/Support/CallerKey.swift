public import FramedRPC
public import PartnerCore

/// Where the authentication interceptor leaves the authenticated agent for the handlers.
public enum CallerKey: RPCContextKey {
    /// The agent on whose behalf the call runs.
    public typealias Value = Caller
}

extension RPCServerContext {
    /// The authenticated caller.
    /// - Throws: UNAUTHENTICATED when the call carried no valid token (a public method asking
    ///   for a caller is a programming error, reported the same way).
    public func caller() throws(RPCError) -> Caller {
        guard let caller = values[CallerKey.self] else {
            throw RPCError(code: .unauthenticated, message: "this method needs meta.authorization: \"Bearer <token>\"")
        }
        return caller
    }
}

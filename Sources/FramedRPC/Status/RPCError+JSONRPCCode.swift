extension RPCError {
    /// JSON-RPC 2.0's own `error.code` numbers, used for failures of the envelope (WIRE.md
    /// §5.3); every other error carries its status's gRPC number (`Code.rawValue`). The only
    /// place these numbers are written.
    public enum JSONRPCCode {
        /// -32700 Parse error: the payload is not JSON (INVALID_ARGUMENT).
        public static let parseError = -32700
        /// -32600 Invalid Request: the envelope or `meta` is wrong (INVALID_ARGUMENT).
        public static let invalidRequest = -32600
        /// -32601 Method not found (UNIMPLEMENTED).
        public static let methodNotFound = -32601
        /// -32602 Invalid params: the params break the method's schema or a rule on their
        /// values (INVALID_ARGUMENT).
        public static let invalidParams = -32602
        /// -32603 Internal error: every INTERNAL answer carries it.
        public static let internalError = -32603

        /// The status a client derives from a JSON-RPC number alone (§5.3), or `nil` for a
        /// number that is not one of these five.
        public static func status(of number: Int) -> Code? {
            switch number {
            case parseError, invalidRequest, invalidParams: .invalidArgument
            case methodNotFound: .unimplemented
            case internalError: .internalError
            default: nil
            }
        }
    }
}

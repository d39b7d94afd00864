/// A key into `RPCContextValues`: a type naming one typed value.
///
/// ```swift
/// enum PrincipalKey: RPCContextKey { typealias Value = Principal }
/// context.values[PrincipalKey.self] = principal      // in the auth interceptor
/// let who = context.values[PrincipalKey.self]        // in the handler
/// ```
public protocol RPCContextKey {
    /// The type of value stored under this key.
    associatedtype Value: Sendable
}

/// A typed bag of values interceptors attach to a call (the authenticated principal, an audit
/// id, ...). Empty bags cost nothing.
public struct RPCContextValues: Sendable {
    private var storage: [ObjectIdentifier: any Sendable] = [:]

    /// Creates an empty bag.
    public init() {}

    /// The value stored under `key`, or `nil`.
    public subscript<Key: RPCContextKey>(key: Key.Type) -> Key.Value? {
        get { storage[ObjectIdentifier(key)] as? Key.Value }
        set { storage[ObjectIdentifier(key)] = newValue }
    }

    /// True when no value is stored.
    public var isEmpty: Bool { storage.isEmpty }
}

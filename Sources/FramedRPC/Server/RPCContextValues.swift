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
/// id, ...). Empty bags cost nothing; a call carries a few values at most, so they are kept in
/// a short list, not a hash table.
public struct RPCContextValues: Sendable {
    @usableFromInline var entries: [(key: ObjectIdentifier, value: any Sendable)] = []

    /// Creates an empty bag.
    public init() {}

    /// The value stored under `key`, or `nil`.
    @inlinable
    public subscript<Key: RPCContextKey>(key: Key.Type) -> Key.Value? {
        get {
            let id = ObjectIdentifier(key)
            for entry in entries where entry.key == id { return entry.value as? Key.Value }
            return nil
        }
        set {
            let id = ObjectIdentifier(key)
            let index = entries.firstIndex { $0.key == id }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((id, value))
            case (nil, nil): break
            }
        }
    }

    /// True when no value is stored.
    public var isEmpty: Bool { entries.isEmpty }
}

/// A mutable record with optimistic concurrency: a version counter and the `etag` derived
/// from it. Commands may carry the etag they read; a stale one is refused with ABORTED.
public protocol Versioned {
    /// Starts at 1 and grows by one on every change.
    var version: Int64 { get set }
    /// `Etag.make(version:)` of `version`; stored so it travels on the wire.
    var etag: String { get set }
    /// When the current version was made.
    var updateTime: Timestamp { get set }
}

extension Versioned {
    /// Moves to the next version and its etag, made at `time`. Call once per stored change.
    public mutating func advanceVersion(at time: Timestamp) {
        version += 1
        etag = Etag.make(version: version)
        updateTime = time
    }

    /// Checks the etag a command carried against this record's.
    /// - Parameters:
    ///   - given: the caller's etag; `nil` or empty means "no condition".
    ///   - kind: the record kind for the message ("customer").
    ///   - id: the record's id for the message.
    /// - Throws: ABORTED, field `etag`, when `given` differs from the current etag.
    public func checkEtag(_ given: String?, kind: String, id: String) throws(DomainError) {
        try Etag.check(given, current: etag, kind: kind, id: id)
    }
}

extension StoreWriting {
    /// Stores `record` as its next version, made at `time`: version, etag and update time
    /// advance once, the record in place as it was stored.
    /// - Throws: what `put` throws.
    public func putNextVersion<R: StoredRecord & Versioned>(_ record: inout R, at time: Timestamp) throws {
        record.advanceVersion(at: time)
        try put(record)
    }
}

/// Etag text and comparison.
public enum Etag {
    /// The etag of a version, e.g. `v3`. Treat it as opaque.
    public static func make(version: Int64) -> String { "v\(version)" }

    /// The etag of the first version.
    public static let initial = make(version: 1)

    /// Compares a command's etag with the current one.
    /// - Throws: ABORTED, field `etag`, when `given` is present, non-empty and differs.
    public static func check(_ given: String?, current: String, kind: String, id: String) throws(DomainError) {
        guard let given, !given.isEmpty else { return }
        guard given == current else {
            throw DomainError.staleEtag(kind, id, given: given, current: current)
        }
    }
}

/// A record's address in the store and in the decoded-record cache: its kind and id.
struct RecordKey: Hashable, Sendable {
    /// The record kind's stored name.
    let kind: String
    /// The record's id within its kind.
    let id: String
}

/// A record's address in the store and in the decoded-record cache: its kind and id.
struct RecordKey: Hashable, Sendable {
    /// The record kind's stored name.
    let kind: String
    /// The record's id within its kind.
    let id: String

    /// Hashes the id alone: kinds are few and ids rarely repeat across them, so the kind would
    /// only cost a second string hash per lookup (equality still compares both).
    func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }
}

extension RecordTables {
    /// The statements only the writer runs, beside the shared `Query` list. Each is prepared
    /// once per connection and found by its slot.
    enum WriteQuery: Int, CaseIterable {
        /// A record that did not exist.
        case insert
        /// A record that may not exist: nothing changes when it does.
        case insertNew
        /// A record that exists with the same owner: its body and keys only, so the
        /// `records_by_partner` index is not touched.
        case updateBody
        /// A record that exists and changes owner (rare): every column.
        case replace
        /// A record stored with the same owner and keys: its body alone, or nothing when they
        /// differ.
        case updateBodyIfKeysKept
        /// The stored value of a named counter.
        case sequenceValue
        /// A named counter's new value.
        case storeSequence

        /// The statement's SQL.
        var sql: String {
            switch self {
            case .insert:
                return "INSERT INTO records (kind, id, partner_id, body, keys) VALUES (?1, ?2, ?3, ?4, ?5)"
            case .insertNew:
                return """
                    INSERT INTO records (kind, id, partner_id, body, keys) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT (kind, id) DO NOTHING
                    """
            case .updateBody:
                return "UPDATE records SET body = ?3, keys = ?4 WHERE kind = ?1 AND id = ?2"
            case .replace:
                return "UPDATE records SET partner_id = ?3, body = ?4, keys = ?5 WHERE kind = ?1 AND id = ?2"
            case .updateBodyIfKeysKept:
                return "UPDATE records SET body = ?4 WHERE kind = ?1 AND id = ?2 AND partner_id = ?3 AND keys = ?5"
            case .sequenceValue:
                return "SELECT value FROM sequences WHERE name = ?1"
            case .storeSequence:
                return """
                    INSERT INTO sequences (name, value) VALUES (?1, ?2)
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value
                    """
            }
        }
    }
}

extension RecordTables {
    /// The statements only the writer runs, beside the shared `Query` list. Each is prepared
    /// once per connection and found by its slot.
    enum WriteQuery: Int, CaseIterable {
        /// A record that did not exist.
        case insert
        /// A record that exists with the same owner: its body and keys only, so the
        /// `records_by_partner` index is not touched.
        case updateBody
        /// A record that exists and changes owner (rare): every column.
        case replace

        /// The statement's SQL.
        var sql: String {
            switch self {
            case .insert:
                return "INSERT INTO records (kind, id, partner_id, body, keys) VALUES (?1, ?2, ?3, ?4, ?5)"
            case .updateBody:
                return "UPDATE records SET body = ?3, keys = ?4 WHERE kind = ?1 AND id = ?2"
            case .replace:
                return "UPDATE records SET partner_id = ?3, body = ?4, keys = ?5 WHERE kind = ?1 AND id = ?2"
            }
        }
    }
}

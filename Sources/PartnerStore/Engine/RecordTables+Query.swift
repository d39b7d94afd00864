extension RecordTables {
    /// Every statement the record tables run. Each is prepared once per connection and then
    /// found by its slot, without hashing the SQL text on the hot path.
    enum Query: Int, CaseIterable {
        case body
        case storedKeys
        case uniqueKeyHolder
        case listByPartner
        case listByPartnerAfter
        case listByLookupKey
        case listByLookupKeyAfter
        case upsert
        case insertUniqueKey
        case insertLookupKey
        case deleteUniqueKey
        case deleteLookupKey
        case delete

        /// The statement's SQL.
        var sql: String {
            switch self {
            case .body:
                return "SELECT body FROM records WHERE kind = ?1 AND id = ?2"
            case .storedKeys:
                return "SELECT partner_id, keys FROM records WHERE kind = ?1 AND id = ?2"
            case .uniqueKeyHolder:
                return "SELECT id FROM unique_keys WHERE kind = ?1 AND key = ?2"
            case .listByPartner:
                return "SELECT id, body FROM records WHERE kind = ?1 AND partner_id = ?2 ORDER BY id LIMIT ?3"
            case .listByPartnerAfter:
                return
                    "SELECT id, body FROM records WHERE kind = ?1 AND partner_id = ?2 AND id > ?4 ORDER BY id LIMIT ?3"
            case .listByLookupKey:
                return """
                    SELECT r.id, r.body FROM lookup_keys l JOIN records r ON r.kind = l.kind AND r.id = l.id
                    WHERE l.partner_id = ?2 AND l.key = ?5 AND l.kind = ?1 ORDER BY l.ord, l.id LIMIT ?3
                    """
            case .listByLookupKeyAfter:
                return """
                    SELECT r.id, r.body FROM lookup_keys l JOIN records r ON r.kind = l.kind AND r.id = l.id
                    WHERE l.partner_id = ?2 AND l.key = ?5 AND l.kind = ?1 AND (l.ord, l.id) > (?6, ?4)
                    ORDER BY l.ord, l.id LIMIT ?3
                    """
            case .upsert:
                return """
                    INSERT INTO records (kind, id, partner_id, body, keys) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT (kind, id) DO UPDATE
                    SET partner_id = excluded.partner_id, body = excluded.body, keys = excluded.keys
                    """
            case .insertUniqueKey:
                return "INSERT INTO unique_keys (kind, key, id) VALUES (?1, ?2, ?3) ON CONFLICT (kind, key) DO NOTHING"
            case .insertLookupKey:
                return
                    "INSERT INTO lookup_keys (kind, partner_id, key, id, ord) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING"
            case .deleteUniqueKey:
                return "DELETE FROM unique_keys WHERE kind = ?1 AND key = ?2 AND id = ?3"
            case .deleteLookupKey:
                // Either order: a row written before its kind became a journal kept an empty one.
                return """
                    DELETE FROM lookup_keys
                    WHERE partner_id = ?2 AND key = ?3 AND ord IN ('', ?5) AND id = ?4 AND kind = ?1
                    """
            case .delete:
                return "DELETE FROM records WHERE kind = ?1 AND id = ?2"
            }
        }
    }
}

import PartnerCore

extension RecordTables {
    /// The ids `list` would return, in the same order, without reading a single body: a
    /// read then takes each record from the cache and decodes only the ones it lacks.
    /// - Parameters: as `list(_:partnerId:lookupKey:after:limit:)`.
    func ids(
        kind: RecordKind, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [String] {
        guard limit > 0 else { return [] }
        let sql: String
        switch (lookupKey != nil, after != nil) {
        case (false, false): sql = Self.idsByPartner
        case (false, true): sql = Self.idsByPartnerAfter
        case (true, false): sql = Self.idsByLookupKey
        case (true, true): sql = Self.idsByLookupKeyAfter
        }
        return try connection.withStatement(sql) { statement in
            try statement.bind(kind.name, at: 1)
            try statement.bind(partnerId, at: 2)
            try statement.bind(Int64(limit), at: 3)
            if let after { try statement.bind(after, at: 4) }
            if let lookupKey {
                try statement.bind(lookupKey, at: 5)
                if let after { try statement.bind(Self.lookupOrder(kind: kind, id: after), at: 6) }
            }
            var ids: [String] = []
            ids.reserveCapacity(min(limit, 256))
            while try statement.step() { ids.append(statement.text(0)) }
            return ids
        }
    }

    private static let idsByPartner = "SELECT id FROM records WHERE kind = ?1 AND partner_id = ?2 ORDER BY id LIMIT ?3"
    private static let idsByPartnerAfter =
        "SELECT id FROM records WHERE kind = ?1 AND partner_id = ?2 AND id > ?4 ORDER BY id LIMIT ?3"
    private static let idsByLookupKey =
        "SELECT id FROM lookup_keys WHERE partner_id = ?2 AND key = ?5 AND kind = ?1 ORDER BY ord, id LIMIT ?3"
    private static let idsByLookupKeyAfter = """
        SELECT id FROM lookup_keys WHERE partner_id = ?2 AND key = ?5 AND kind = ?1 AND (ord, id) > (?6, ?4)
        ORDER BY ord, id LIMIT ?3
        """
}

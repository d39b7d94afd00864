import PartnerCore

/// A write body's view: one READ COMMITTED transaction that locks what it reads, so writes on
/// any number of replicas never lose an update.
///
/// - `get` (and `put`/`delete`, which read the row first) lock the record's row with
///   `SELECT ... FOR NO KEY UPDATE`: a second transaction reading the same record waits for
///   the first to commit and then reads the new version (read-modify-write is serialized per
///   record, across processes).
/// - A record or unique key that does not exist yet is locked by name with a transaction
///   advisory lock, then read again: two transactions creating the same id (an idempotency
///   entry, say) or claiming the same unique key are serialized, and the second sees the
///   first's row.
/// - When PostgreSQL reports a deadlock or a serialization failure, or a row appeared that
///   the locks should have kept away, the transaction is marked for retry: the store rolls it
///   back and runs the body again (which is why bodies must have no outside effects).
final class PostgresWriteTransaction: StoreWriting {
    /// What the transaction knows of a record row it has locked.
    struct LockedRow {
        var partnerId: String
        var body: String
        var uniqueKeys: [String]
        var lookupKeys: [String]
    }

    private let tables: PostgresRecordTables
    private let sequences: PostgresBatchSequences
    private var isOpen = true
    /// Rows locked so far, by "kind/id"; `.some(nil)` = locked by name, absent.
    private var locked: [String: LockedRow?] = [:]
    /// Why the transaction must run again, when it must.
    private(set) var retryReason: String?
    /// A PostgreSQL failure the body may have swallowed: the transaction is aborted.
    private(set) var failure: PostgresError?
    /// The kinds of records put or deleted, for commit notifications.
    private(set) var touchedKinds: Set<String> = []

    /// Whether writes whose outcome is known in advance travel with the next statement
    /// (`PostgresConnection.deferStatement`) instead of costing a round trip each.
    private let deferWrites: Bool

    /// - Parameters:
    ///   - sequences: the counters the batch holds, shared by its bodies.
    ///   - deferWrites: see the property; off for a batch that runs again after a conflict, so
    ///     a deferred insert that met an existing row takes the checked path.
    init(tables: PostgresRecordTables, sequences: PostgresBatchSequences, deferWrites: Bool = false) {
        self.tables = tables
        self.sequences = sequences
        self.deferWrites = deferWrites
    }

    /// Ends the view; a body that kept it gets `.unavailable` from then on.
    func invalidate() { isOpen = false }

    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        try checked {
            guard let row = try lockRow(kind: R.kind.name, id: id) else { return nil }
            return try tables.decode(R.self, id: id, from: row.body)
        }
    }

    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R? {
        try checked {
            let kind = R.kind.name
            var holder = try tables.holder(kind: kind, uniqueKey: key)
            if holder == nil {
                try advisoryLock("unique/\(kind)/\(key)")
                holder = try tables.holder(kind: kind, uniqueKey: key)
            }
            guard let id = holder else { return nil }
            guard let row = try lockRow(kind: kind, id: id), row.uniqueKeys.contains(key) else {
                // The key moved between reading its holder and locking the holder's row.
                throw retry("unique key \(key) of kind \(kind) changed hands while it was read")
            }
            return try tables.decode(R.self, id: id, from: row.body)
        }
    }

    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        try checked { try tables.list(R.self, partnerId: partnerId, lookupKey: lookupKey, after: after, limit: limit) }
    }

    func put<R: StoredRecord>(_ record: R) throws {
        try checked {
            let kind = R.kind.name
            let unique = record.uniqueKeys
            let body = try PostgresRecordTables.encodeBody(record)
            let uniqueText = PostgresRecordTables.encodeKeys(unique)
            let lookupText = PostgresRecordTables.encodeKeys(record.lookupKeys)
            if locked["\(kind)/\(record.id)"] == nil && deferWrites && unique.isEmpty {
                // A new record without unique keys (an event, an audit entry, a history row):
                // nothing can refuse it but a row with its id, which the ids make all but
                // impossible and which then fails the batch with a unique violation, run
                // again without deferral.
                if record.lookupKeys.isEmpty {
                    try tables.connection.deferStatement(
                        """
                        INSERT INTO records (kind, id, partner_id, body, lookup_keys)
                        VALUES ($1, $2, $3, $4::jsonb, '{}')
                        """, [kind, record.id, record.partnerId, body])
                } else {
                    // One statement for the row and its keys.
                    try tables.connection.deferStatement(
                        """
                        WITH r AS (
                            INSERT INTO records (kind, id, partner_id, body, lookup_keys)
                            VALUES ($1, $2, $3, $4::jsonb, ARRAY(SELECT jsonb_array_elements_text($5::jsonb)))
                            RETURNING kind, id, partner_id
                        )
                        INSERT INTO lookup_keys (kind, partner_id, key, id)
                        SELECT r.kind, r.partner_id, k, r.id FROM r, jsonb_array_elements_text($5::jsonb) AS k
                        ON CONFLICT DO NOTHING
                        """, [kind, record.id, record.partnerId, body, lookupText])
                }
                locked["\(kind)/\(record.id)"] = .some(
                    LockedRow(partnerId: record.partnerId, body: body, uniqueKeys: [], lookupKeys: record.lookupKeys))
                touchedKinds.insert(kind)
                return
            }
            if locked["\(kind)/\(record.id)"] == nil {
                // Not read in this transaction: most often a new record (an event, an audit
                // entry, a history row). Insert it with its keys in one statement; only when
                // the row exists does the locked read-then-update path below run.
                try checkUniqueKeysFree(kind: kind, id: record.id, keys: unique)
                let counts = try tables.run(
                    """
                    WITH r AS (
                        INSERT INTO records (kind, id, partner_id, body, unique_keys, lookup_keys)
                        VALUES ($1, $2, $3, $4::jsonb,
                            ARRAY(SELECT jsonb_array_elements_text($5::jsonb)), ARRAY(SELECT jsonb_array_elements_text($6::jsonb)))
                        ON CONFLICT (kind, id) DO NOTHING RETURNING kind, id, partner_id
                    ), u AS (
                        INSERT INTO unique_keys (kind, key, id)
                        SELECT r.kind, k, r.id FROM r, jsonb_array_elements_text($5::jsonb) AS k
                        ON CONFLICT (kind, key) DO NOTHING RETURNING 1
                    ), l AS (
                        INSERT INTO lookup_keys (kind, partner_id, key, id)
                        SELECT r.kind, r.partner_id, k, r.id FROM r, jsonb_array_elements_text($6::jsonb) AS k
                        ON CONFLICT DO NOTHING RETURNING 1
                    )
                    SELECT (SELECT count(*) FROM r), (SELECT count(*) FROM u)
                    """, [kind, record.id, record.partnerId, body, uniqueText, lookupText])
                let row = counts.rows.first ?? []
                if row.first == "1" {
                    if Int(row.count > 1 ? row[1] ?? "0" : "0") != Set(unique).count {
                        throw retry("a unique key of \(kind)/\(record.id) was taken concurrently")
                    }
                    locked["\(kind)/\(record.id)"] = .some(
                        LockedRow(
                            partnerId: record.partnerId, body: body, uniqueKeys: unique, lookupKeys: record.lookupKeys))
                    touchedKinds.insert(kind)
                    return
                }
            }
            let old = try lockRow(kind: kind, id: record.id)
            let oldUnique = Set(old?.uniqueKeys ?? [])
            let added = unique.filter { !oldUnique.contains($0) }
            try checkUniqueKeysFree(kind: kind, id: record.id, keys: added)
            if old == nil {
                let inserted = try tables.run(
                    """
                    INSERT INTO records (kind, id, partner_id, body, unique_keys, lookup_keys)
                    VALUES ($1, $2, $3, $4::jsonb,
                        ARRAY(SELECT jsonb_array_elements_text($5::jsonb)), ARRAY(SELECT jsonb_array_elements_text($6::jsonb)))
                    ON CONFLICT (kind, id) DO NOTHING
                    """, [kind, record.id, record.partnerId, body, uniqueText, lookupText])
                if inserted.affected == 0 { throw retry("record \(kind)/\(record.id) was created concurrently") }
            } else {
                // The row is locked by this transaction: the update cannot be refused.
                // The stored text comes back, so the next read of the record finds it decoded.
                let records = tables.records
                try write(
                    deferrable: added.isEmpty,
                    """
                    UPDATE records SET partner_id = $3, body = $4::jsonb,
                        unique_keys = ARRAY(SELECT jsonb_array_elements_text($5::jsonb)),
                        lookup_keys = ARRAY(SELECT jsonb_array_elements_text($6::jsonb)),
                        version = version + 1, updated_at = now()
                    WHERE kind = $1 AND id = $2 RETURNING body::text
                    """, [kind, record.id, record.partnerId, body, uniqueText, lookupText]
                ) { rows in
                    if let stored = rows.firstValue { records.remember(record, storedAs: stored) }
                }
            }
            let removed = (old?.uniqueKeys ?? []).filter { !unique.contains($0) }
            if !removed.isEmpty {
                try write(
                    deferrable: true,
                    "DELETE FROM unique_keys WHERE kind = $1 AND id = $2 AND key IN (SELECT jsonb_array_elements_text($3::jsonb))",
                    [kind, record.id, PostgresRecordTables.encodeKeys(removed)])
            }
            if !added.isEmpty {
                let inserted = try tables.run(
                    """
                    INSERT INTO unique_keys (kind, key, id) SELECT $1, k, $2 FROM jsonb_array_elements_text($3::jsonb) AS k
                    ON CONFLICT (kind, key) DO NOTHING
                    """, [kind, record.id, PostgresRecordTables.encodeKeys(added)])
                if inserted.affected != Set(added).count {
                    throw retry("a unique key of \(kind)/\(record.id) was taken concurrently")
                }
            }
            try updateLookupKeys(
                kind: kind, id: record.id, old: old, partnerId: record.partnerId, new: record.lookupKeys)
            locked["\(kind)/\(record.id)"] = .some(
                LockedRow(partnerId: record.partnerId, body: body, uniqueKeys: unique, lookupKeys: record.lookupKeys))
            touchedKinds.insert(kind)
        }
    }

    func delete<R: StoredRecord>(_ type: R.Type, id: String) throws {
        try checked {
            let kind = R.kind.name
            guard try lockRow(kind: kind, id: id) != nil else { return }
            // Unique and lookup keys go by cascade.
            try write(deferrable: true, "DELETE FROM records WHERE kind = $1 AND id = $2", [kind, id])
            locked["\(kind)/\(id)"] = .some(nil)
            touchedKinds.insert(kind)
        }
    }

    func nextSequence(_ name: String) throws -> Int64 {
        // The row stays locked until COMMIT: values are handed out in commit order, with no
        // gaps, so a reader that saw value n has seen every value below it. The batch counts
        // on from the held row (`PostgresBatchSequences`).
        try checked { try sequences.next(name, tables: tables) }
    }

    func putNumbered<R: StoredRecord>(counter name: String, _ make: @escaping (Int64) -> R) throws {
        // Numbered and put at commit (`PostgresBatchSequences`): the counter is held for the
        // commit alone.
        try checked { sequences.append(counter: name) { transaction, value in try transaction.put(make(value)) } }
    }

    /// Throws `duplicateKey` naming the first of `keys` another record of `kind` holds, before
    /// anything changes (a body may catch it and go on).
    private func checkUniqueKeysFree(kind: String, id: String, keys: [String]) throws {
        guard !keys.isEmpty else { return }
        let held = try tables.run(
            """
            SELECT key FROM unique_keys
            WHERE kind = $1 AND id <> $2 AND key IN (SELECT jsonb_array_elements_text($3::jsonb))
            """, [kind, id, PostgresRecordTables.encodeKeys(keys)]
        ).rows.compactMap { $0[0] }
        if let clash = keys.first(where: { held.contains($0) }) { throw StoreError.duplicateKey(clash) }
    }

    // MARK: Locking

    /// Locks the row of `kind`/`id` (or, when absent, its name) and returns what it holds.
    private func lockRow(kind: String, id: String) throws -> LockedRow? {
        let name = "\(kind)/\(id)"
        if let known = locked[name] { return known }
        var row = try selectForUpdate(kind: kind, id: id)
        if row == nil {
            try advisoryLock("record/\(name)")
            row = try selectForUpdate(kind: kind, id: id)
        }
        locked[name] = .some(row)
        return row
    }

    private func selectForUpdate(kind: String, id: String) throws -> LockedRow? {
        let rows = try tables.run(
            """
            SELECT partner_id, body::text, array_to_json(unique_keys)::text, array_to_json(lookup_keys)::text
            FROM records WHERE kind = $1 AND id = $2 FOR NO KEY UPDATE
            """, [kind, id])
        guard let row = rows.rows.first else { return nil }
        return LockedRow(
            partnerId: row[0] ?? "", body: row[1] ?? "{}",
            uniqueKeys: try PostgresRecordTables.decodeKeys(row[2]),
            lookupKeys: try PostgresRecordTables.decodeKeys(row[3]))
    }

    /// A transaction-scoped advisory lock on a name (64-bit hash; a collision only waits).
    private func advisoryLock(_ name: String) throws {
        try tables.run("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [name])
    }

    private func updateLookupKeys(kind: String, id: String, old: LockedRow?, partnerId: String, new: [String]) throws {
        // Lookup keys are stored with the partner: when it changed, every key moves.
        let kept = old?.partnerId == partnerId ? Set(old?.lookupKeys ?? []) : []
        let newSet = Set(new)
        let removed = (old?.lookupKeys ?? []).filter { !(kept.contains($0) && newSet.contains($0)) }
        if let old, !removed.isEmpty {
            try write(
                deferrable: true,
                """
                DELETE FROM lookup_keys WHERE kind = $1 AND partner_id = $2 AND id = $3
                AND key IN (SELECT jsonb_array_elements_text($4::jsonb))
                """, [kind, old.partnerId, id, PostgresRecordTables.encodeKeys(removed)])
        }
        let added = new.filter { !kept.contains($0) }
        if !added.isEmpty {
            try write(
                deferrable: true,
                """
                INSERT INTO lookup_keys (kind, partner_id, key, id)
                SELECT $1, $2, k, $3 FROM jsonb_array_elements_text($4::jsonb) AS k ON CONFLICT DO NOTHING
                """, [kind, partnerId, id, PostgresRecordTables.encodeKeys(added)])
        }
    }

    /// Runs a statement whose result the body does not wait for; deferred when `deferrable`
    /// and the transaction defers writes. `received` gets its rows when they arrive.
    private func write(
        deferrable: Bool, _ sql: String, _ parameters: [String?], received: ((PostgresRows) -> Void)? = nil
    ) throws {
        if deferrable && deferWrites {
            try tables.connection.deferStatement(sql, parameters, received: received)
        } else {
            let rows = try tables.run(sql, parameters)
            received?(rows)
        }
    }

    // MARK: Errors

    private func retry(_ reason: String) -> StoreError {
        retryReason = retryReason ?? reason
        return StoreError(code: .unavailable, message: "transaction must run again: \(reason)")
    }

    private func checked<T>(_ body: () throws -> T) throws -> T {
        guard isOpen else {
            throw StoreError(code: .unavailable, message: "a write transaction was used after its body returned")
        }
        if let retryReason {
            throw StoreError(code: .unavailable, message: "transaction must run again: \(retryReason)")
        }
        if let failure { throw failure.storeError }
        do {
            return try body()
        } catch let error as PostgresError {
            if error.isRetryable {
                throw retry(error.description)
            }
            failure = error
            throw error.storeError
        }
    }
}

/// The store's schema history. Append a `Migration` to change the schema; never edit or
/// remove one that has shipped, because databases on disk already hold its version.
public enum Migrations {
    /// Every step, in version order starting at 1.
    public static let all: [Migration] = [
        Migration(
            version: 1,
            summary: "records, unique keys, lookup keys, sequences",
            sql: """
                CREATE TABLE records (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    partner_id TEXT NOT NULL,
                    body BLOB NOT NULL,
                    keys TEXT NOT NULL,
                    PRIMARY KEY (kind, id)
                );
                CREATE INDEX records_by_partner ON records (kind, partner_id, id);
                CREATE TABLE unique_keys (
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (kind, key),
                    FOREIGN KEY (kind, id) REFERENCES records (kind, id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX unique_keys_by_record ON unique_keys (kind, id);
                CREATE TABLE lookup_keys (
                    kind TEXT NOT NULL,
                    partner_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (kind, partner_id, key, id),
                    FOREIGN KEY (kind, id) REFERENCES records (kind, id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX lookup_keys_by_record ON lookup_keys (kind, id);
                CREATE TABLE sequences (
                    name TEXT PRIMARY KEY NOT NULL,
                    value INTEGER NOT NULL
                ) WITHOUT ROWID;
                """
        ),
        Migration(
            version: 2,
            summary: "lookup keys without a per-record index; no per-subscription history counters",
            sql: """
                CREATE TABLE lookup_keys_v2 (
                    kind TEXT NOT NULL,
                    partner_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (kind, partner_id, key, id)
                ) WITHOUT ROWID;
                INSERT INTO lookup_keys_v2 (kind, partner_id, key, id)
                    SELECT kind, partner_id, key, id FROM lookup_keys;
                DROP TABLE lookup_keys;
                ALTER TABLE lookup_keys_v2 RENAME TO lookup_keys;
                DELETE FROM sequences WHERE name LIKE 'subscription-history:%';
                """
        ),
        // Lookup rows ordered by partner and key before kind, so the rows different kinds keep
        // under the same key sit side by side: a subscription change's history entry and audit
        // entry (both `target:<subscription id>`) then land on one page, not two. History
        // entries written before took `subscription:<id>`; their rows and stored key texts are
        // renamed (ids are ASCII, so character and byte lengths agree).
        Migration(
            version: 3,
            summary: "lookup keys ordered by partner and key first; history entries keyed by target",
            sql: """
                CREATE TABLE lookup_keys_v3 (
                    kind TEXT NOT NULL,
                    partner_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (partner_id, key, kind, id)
                ) WITHOUT ROWID;
                INSERT INTO lookup_keys_v3 (kind, partner_id, key, id)
                    SELECT kind, partner_id,
                        CASE WHEN kind = 'subscription_change' AND key LIKE 'subscription:%'
                            THEN 'target:' || substr(key, 14) ELSE key END,
                        id
                    FROM lookup_keys;
                DROP TABLE lookup_keys;
                ALTER TABLE lookup_keys_v3 RENAME TO lookup_keys;
                UPDATE records
                    SET keys = 'l' || (length(keys) - instr(keys, ':') - 6) || ':target:'
                        || substr(keys, instr(keys, ':') + 14)
                    WHERE kind = 'subscription_change' AND keys GLOB 'l[0-9]*:subscription:*';
                """
        ),
        // Lookup rows ordered by partner, key, then `ord`: empty for most kinds (so their
        // order is the one of version 3, by id within a key), the id's text after its prefix
        // for journal kinds (`RecordKind.journal`), so a subscription change's history entry and
        // audit entry land side by side under `target:<subscription id>` in creation order,
        // one page where version 3 kept each kind's rows apart and wrote two. Ids without `_`
        // keep their whole text, as `RecordTables.lookupOrder` computes it.
        Migration(
            version: 4,
            summary: "lookup rows of journal kinds in creation order across kinds",
            sql: """
                CREATE TABLE lookup_keys_v4 (
                    kind TEXT NOT NULL,
                    partner_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    ord TEXT NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (partner_id, key, ord, id, kind)
                ) WITHOUT ROWID;
                INSERT INTO lookup_keys_v4 (kind, partner_id, key, ord, id)
                    SELECT kind, partner_id, key,
                        CASE WHEN kind IN ('audit_entry', 'subscription_change')
                            THEN substr(id, instr(id, '_') + 1) ELSE '' END,
                        id
                    FROM lookup_keys;
                DROP TABLE lookup_keys;
                ALTER TABLE lookup_keys_v4 RENAME TO lookup_keys;
                """
        ),
    ]

    /// The newest schema version this program understands.
    public static var latestVersion: Int { all.last?.version ?? 0 }
}

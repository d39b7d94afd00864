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
    ]

    /// The newest schema version this program understands.
    public static var latestVersion: Int { all.last?.version ?? 0 }
}

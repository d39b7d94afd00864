/// The PostgreSQL schema history, applied in order by `PostgresMigrator`. Append a step to
/// change the schema; never edit one that has shipped. `Protocol/DEPLOYMENT.md` documents the
/// tables for operators.
enum PostgresMigrations {
    /// One step: the SQL that takes the database from `version - 1` to `version`.
    struct Step: Sendable {
        var version: Int
        var summary: String
        var sql: String
    }

    /// Every step, in version order starting at 1.
    static let all: [Step] = [
        Step(
            version: 1,
            summary: "records (jsonb bodies), unique keys, lookup keys, sequences",
            sql: """
                CREATE TABLE records (
                    kind text COLLATE "C" NOT NULL,
                    id text COLLATE "C" NOT NULL,
                    partner_id text COLLATE "C" NOT NULL,
                    body jsonb NOT NULL,
                    unique_keys text[] COLLATE "C" NOT NULL DEFAULT '{}',
                    lookup_keys text[] COLLATE "C" NOT NULL DEFAULT '{}',
                    version bigint NOT NULL DEFAULT 1,
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (kind, id)
                );
                CREATE INDEX records_by_partner ON records (kind, partner_id, id);
                CREATE TABLE unique_keys (
                    kind text COLLATE "C" NOT NULL,
                    key text COLLATE "C" NOT NULL,
                    id text COLLATE "C" NOT NULL,
                    PRIMARY KEY (kind, key),
                    FOREIGN KEY (kind, id) REFERENCES records (kind, id) ON DELETE CASCADE
                );
                CREATE INDEX unique_keys_by_record ON unique_keys (kind, id);
                CREATE TABLE lookup_keys (
                    kind text COLLATE "C" NOT NULL,
                    partner_id text COLLATE "C" NOT NULL,
                    key text COLLATE "C" NOT NULL,
                    id text COLLATE "C" NOT NULL,
                    PRIMARY KEY (partner_id, key, kind, id),
                    FOREIGN KEY (kind, id) REFERENCES records (kind, id) ON DELETE CASCADE
                );
                CREATE INDEX lookup_keys_by_record ON lookup_keys (kind, id);
                CREATE TABLE sequences (
                    name text COLLATE "C" PRIMARY KEY,
                    value bigint NOT NULL
                );
                """
        )
    ]

    /// The newest version this program understands.
    static var latestVersion: Int { all.last?.version ?? 0 }
}

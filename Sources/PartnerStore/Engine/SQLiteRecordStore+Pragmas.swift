import PartnerCore

extension SQLiteRecordStore {
    /// Durable WAL settings for the writer: an answer is sent only after its commit is fsync'd.
    /// The page cache is `config.pageCacheKiB`; the log file is truncated back to 128 MiB when
    /// SQLite reuses it after it grew beyond (the background checkpoint keeps it near 64 MiB,
    /// `Config.checkpointKiB`). Temporary storage is in memory: the savepoint
    /// around each body of a batch keeps the original of every page the body changes in a
    /// sub-journal, which would otherwise spill to a temporary file past 64 KiB and cost more
    /// disk writes than the log itself (it is never needed after a crash: the log is).
    ///
    /// A database being created takes `config.pageSize` (set before the log is, which fixes it);
    /// one that exists keeps its own, as SQLite ignores the setting then.
    static func configureWriter(_ connection: SQLiteConnection, config: Config) throws {
        try connection.execute("PRAGMA page_size = \(config.pageSize)")
        let mode = try connection.texts("PRAGMA journal_mode = WAL")
        guard mode.first?.lowercased() == "wal" else {
            throw StoreError(
                code: .unavailable,
                message: "the database \(connection.path) cannot use a write-ahead log (journal mode \(mode)); "
                    + "is its folder read-only?"
            )
        }
        try connection.execute(
            """
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = \(max(0, config.busyTimeoutMilliseconds));
            PRAGMA cache_size = -\(max(1, config.pageCacheKiB));
            PRAGMA journal_size_limit = 134217728;
            PRAGMA temp_store = MEMORY;
            """
        )
        if let pages = config.maxPageCount {
            _ = try connection.integer("PRAGMA max_page_count = \(max(1, pages))")
        }
    }

    /// Refuses a configuration SQLite would not follow, before anything is opened or created.
    /// - Throws: `StoreError(.unavailable)` naming a page size that is not a power of two from
    ///   512 to 65,536 (SQLite would silently keep its default).
    static func checkSettings(_ config: Config) throws {
        guard (512...65_536).contains(config.pageSize), config.pageSize.nonzeroBitCount == 1 else {
            throw StoreError(
                code: .unavailable,
                message: "page size \(config.pageSize) is not a power of two from 512 to 65536 bytes")
        }
    }

    /// Reader settings: the connection can never write; its page cache is `config.pageCacheKiB`.
    static func configureReader(_ connection: SQLiteConnection, config: Config) throws {
        try connection.execute(
            """
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = \(max(0, config.busyTimeoutMilliseconds));
            PRAGMA query_only = ON;
            PRAGMA cache_size = -\(max(1, config.pageCacheKiB));
            """
        )
    }
}

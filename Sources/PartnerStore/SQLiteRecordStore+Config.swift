extension SQLiteRecordStore {
    /// How a store is opened. The defaults suit the server.
    public struct Config: Sendable {
        /// Reader connections (and threads) for `read` bodies that miss the cache; at least 1.
        public var readerCount: Int
        /// How long a connection waits for a lock held by another connection, in milliseconds.
        public var busyTimeoutMilliseconds: Int
        /// The most `write` calls committed in one transaction.
        public var maxBatchSize: Int
        /// The most decoded records kept in memory; 0 turns the cache off.
        public var cacheCapacity: Int
        /// Whether `read` first tries its body against the cache alone, on the caller's thread,
        /// before going to a reader thread. Read bodies must then be free of side effects: a
        /// body the cache cannot answer runs a second time.
        public var cachedReads: Bool
        /// The most pages the database may grow to (SQLite's `max_page_count`): writes that
        /// need more fail as if the disk were full. nil: no limit. Meant for tests.
        public var maxPageCount: Int?

        /// Creates a configuration.
        public init(
            readerCount: Int = 3,
            busyTimeoutMilliseconds: Int = 5_000,
            maxBatchSize: Int = 1_000,
            cacheCapacity: Int = 100_000,
            cachedReads: Bool = true,
            maxPageCount: Int? = nil
        ) {
            self.readerCount = readerCount
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.maxBatchSize = maxBatchSize
            self.cacheCapacity = cacheCapacity
            self.cachedReads = cachedReads
            self.maxPageCount = maxPageCount
        }
    }
}

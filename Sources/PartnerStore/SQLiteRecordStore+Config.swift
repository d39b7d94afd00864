import Glibc

extension SQLiteRecordStore {
    /// How a store is opened. The defaults suit the server.
    public struct Config: Sendable {
        /// Reader connections (and threads) for `read` bodies that miss the cache; at least 1.
        /// The default, `defaultReaderCount`, is half the machine's processors, 1 to 3.
        public var readerCount: Int
        /// How long a connection waits for a lock held by another connection, in milliseconds.
        public var busyTimeoutMilliseconds: Int
        /// The most `write` calls committed in one transaction.
        public var maxBatchSize: Int
        /// The most decoded records kept in memory; 0 turns the cache off. About 2.7 KiB each
        /// (a customer with its subscription, admin console account and unique keys, measured
        /// as server RSS over `--cache-records 0`), so the default 50,000 is about 135 MiB. A
        /// cached customer answered since it was read also keeps its answer's wire form
        /// (`Customer.derived`): at 100,000 customers under `get`, 25-45 MB more RSS.
        public var cacheCapacity: Int
        /// Whether `read` first tries its body against the cache alone, on the caller's thread,
        /// before going to a reader thread. Read bodies must then be free of side effects: a
        /// body the cache cannot answer runs a second time.
        public var cachedReads: Bool
        /// The most pages the database may grow to (SQLite's `max_page_count`): writes that
        /// need more fail as if the disk were full. nil: no limit. Meant for tests.
        public var maxPageCount: Int?
        /// SQLite's page cache per connection (writer and each reader), in KiB; the default
        /// 16 MiB is at most 64 MiB for the connections (the writer and up to three readers).
        public var pageCacheKiB: Int
        /// The write-ahead log size, in KiB, at which a background thread copies it into the
        /// database file (off the commit path, see `WALCheckpointer`); 0 leaves SQLite's
        /// automatic checkpoint (1,000 pages, run by the COMMIT that crosses it). A pass copies
        /// each page once however often commits changed it, so a longer log writes less: the
        /// default 64 MiB took the write benchmark from 26.7 to 23.4 KiB written per change
        /// against 16 MiB. The log file may reach 4x this when the copies fall behind.
        public var checkpointKiB: Int
        /// The page size, in bytes, of a database this store creates: a power of two from 512
        /// to 65,536. A database that exists keeps the size it was created with. A change
        /// rewrites whole pages (each in the log, then again in the database file), so smaller
        /// pages write less per change, and deeper B-trees cost reads more once the data
        /// outgrow the page cache. Measured against the default 4,096 (SQLite's own), 2,048
        /// wrote 17.4-18.0 instead of 23.2-23.5 KiB per seat change at the same CPU, but a `get`
        /// at 100,000 customers took 156-172 instead of 129-132 µs; the default keeps reads.
        public var pageSize: Int
        /// Told after every COMMIT (on the writer thread; keep it quick): how many writes it
        /// held, how long the COMMIT took (its fsync included), and whether it succeeded.
        public var onCommit: (@Sendable (_ writes: Int, _ duration: Duration, _ succeeded: Bool) -> Void)? = nil

        /// Half the online processors, at least 1 and at most 3: a reader is worth a thread only
        /// while it has a processor to run on beside the event loops and the writer, and each
        /// has its own page cache, so more readers than that split the pages they could share.
        /// On a 2-core machine one reader against three: `list` 143 against 172 µs of server
        /// CPU a page, `get` at 100,000 customers 53 against 71 µs (Benchmarks/README.md).
        public static var defaultReaderCount: Int {
            min(3, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) / 2))
        }

        /// Creates a configuration.
        public init(
            readerCount: Int = Config.defaultReaderCount,
            busyTimeoutMilliseconds: Int = 5_000,
            maxBatchSize: Int = 1_000,
            cacheCapacity: Int = 50_000,
            cachedReads: Bool = true,
            maxPageCount: Int? = nil,
            pageCacheKiB: Int = 16_384,
            checkpointKiB: Int = 65_536,
            pageSize: Int = 4_096
        ) {
            self.readerCount = readerCount
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.maxBatchSize = maxBatchSize
            self.cacheCapacity = cacheCapacity
            self.cachedReads = cachedReads
            self.maxPageCount = maxPageCount
            self.pageCacheKiB = pageCacheKiB
            self.checkpointKiB = checkpointKiB
            self.pageSize = pageSize
        }
    }
}

extension PostgresRecordStore {
    /// How a store is opened. The defaults suit one server replica.
    public struct Config: Sendable {
        /// Connections (each with its own thread while in use) for reads.
        public var connectionCount: Int
        /// Connections for writes, each running its own batches (one runs its bodies while
        /// another commits); at least 1.
        public var writerConnections: Int
        /// The most writes committed in one transaction (at most 60: each body is a savepoint).
        public var maxBatchSize: Int
        /// How many times a write body runs at most when PostgreSQL reports a deadlock or a
        /// serialization failure, or a row appeared concurrently (its whole batch runs again).
        public var maxWriteAttempts: Int
        /// How often listeners treat everything as changed even without a notification (see
        /// `PostgresCommitListener`): the longest a replica's caches can be stale if another
        /// replica died between a commit and its notification.
        public var staleTick: Duration
        /// Whether to open the LISTEN/NOTIFY channel (tools that only write once turn it off).
        public var notifications: Bool
        /// Decoded records kept to be found again by their unchanged stored text
        /// (`PostgresDecodedRecords`); 0 decodes every read.
        public var decodedRecords: Int

        /// Creates a configuration.
        public init(
            connectionCount: Int = 8, writerConnections: Int = 2, maxBatchSize: Int = 48, maxWriteAttempts: Int = 50,
            staleTick: Duration = .seconds(1), notifications: Bool = true, decodedRecords: Int = 20_000
        ) {
            self.connectionCount = connectionCount
            self.writerConnections = writerConnections
            self.maxBatchSize = maxBatchSize
            self.maxWriteAttempts = maxWriteAttempts
            self.staleTick = staleTick
            self.notifications = notifications
            self.decodedRecords = decodedRecords
        }
    }
}

extension RecordCache {
    /// The cache's contents and commit epoch; lives inside the cache's `Mutex`.
    ///
    /// Entries are kept in two generations: new entries go to `young`; when `young` is full it
    /// becomes `old` and the previous `old` is dropped, so at most `capacity` entries are kept
    /// and recently used ones survive (a hit in `old` moves the entry back to `young`).
    struct State {
        /// Even: no commit in flight. Odd: a COMMIT is running. +2 per commit attempt.
        private(set) var epoch: UInt64 = 0
        private var young: [RecordKey: any Sendable] = [:]
        private var old: [RecordKey: any Sendable] = [:]
        private let generationSize: Int

        init(capacity: Int) {
            generationSize = capacity > 0 ? max(1, capacity / 2) : 0
        }

        /// The number of cached records.
        var count: Int { young.count + old.count }

        /// The cached value for `key`.
        mutating func value(for key: RecordKey) -> (any Sendable)? {
            if let value = young[key] { return value }
            guard let value = old.removeValue(forKey: key) else { return nil }
            insert(value, for: key)
            return value
        }

        /// Caches `value` for `key` (nothing when the cache is disabled).
        mutating func insert(_ value: any Sendable, for key: RecordKey) {
            guard generationSize > 0 else { return }
            young[key] = value
            if young.count >= generationSize {
                old = young
                young = Dictionary(minimumCapacity: generationSize)
            }
        }

        /// Forgets `key`.
        mutating func remove(_ key: RecordKey) {
            young.removeValue(forKey: key)
            old.removeValue(forKey: key)
        }

        /// Marks a COMMIT as running.
        mutating func beginCommit() {
            precondition(epoch % 2 == 0, "commits never overlap")
            epoch += 1
        }

        /// Marks the COMMIT as over, applying `changes` when it succeeded.
        mutating func endCommit(applying changes: StagedChanges?) {
            precondition(epoch % 2 == 1, "endCommit follows beginCommit")
            if let changes {
                for (key, change) in changes.changes {
                    switch change {
                    case .stored(let value):
                        old.removeValue(forKey: key)
                        insert(value, for: key)
                    case .deleted:
                        remove(key)
                    }
                }
            }
            epoch += 1
        }

        /// Forgets everything.
        mutating func removeAll() {
            young.removeAll()
            old.removeAll()
        }
    }
}

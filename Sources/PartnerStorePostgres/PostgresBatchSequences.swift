import PartnerCore

/// The counters (`sequences` rows) one group-commit transaction holds, the values it has handed
/// out, and the numbered records (`putNumbered`) waiting for their values until the commit.
///
/// - The first value a batch draws from a counter increments its row (`INSERT ... ON CONFLICT
///   DO UPDATE ... RETURNING`), which locks the row until COMMIT; later ones count on from the
///   held value without a round trip. Before COMMIT, `flush` queues one UPDATE per counter that
///   moved, so the row ends at the last value handed out. Values are so handed out in commit
///   order with no gaps, across replicas: a reader that saw value n has seen every value below.
/// - A numbered record draws its value only at commit (`numberPending`), after every body ran:
///   a batch that only appends to a feed holds the feed's counter for the commit alone, so
///   replicas (and writer connections) appending to one feed overlap everything but their
///   commits.
/// - A body rolled back to its savepoint gives its values and its numbered records back: the
///   writer takes a `mark` before each body and `restore`s it on undo (a counter first locked
///   by that body is unlocked by the savepoint's rollback too, and is taken again when next
///   asked for).
///
/// Used only on its writer's queue.
final class PostgresBatchSequences {
    /// Name -> (value in the row as PostgreSQL has it, last value handed out).
    private var held: [String: (stored: Int64, last: Int64)] = [:]
    /// Numbered records in the order their bodies asked, each put with its value at commit.
    private var pending: [(counter: String, put: (PostgresWriteTransaction, Int64) throws -> Void)] = []

    /// What the counters and the waiting records stand at, for `restore`.
    struct Mark {
        fileprivate let held: [String: (stored: Int64, last: Int64)]
        fileprivate let pending: Int
    }

    /// The next value of counter `name`, incrementing its row on the first use in the batch.
    /// - Throws: `PostgresError` from the increment; `StoreError(.unavailable)` when the row
    ///   answered no value.
    func next(_ name: String, tables: PostgresRecordTables) throws -> Int64 {
        if let counter = held[name] {
            held[name] = (counter.stored, counter.last + 1)
            return counter.last + 1
        }
        let rows = try tables.run(
            """
            INSERT INTO sequences (name, value) VALUES ($1, 1)
            ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value
            """, [name])
        guard let text = rows.firstValue, let value = Int64(text) else {
            throw StoreError(code: .unavailable, message: "sequence \(name) answered no value")
        }
        held[name] = (value, value)
        return value
    }

    /// Keeps a record to be put with the next value of `counter` at commit.
    func append(counter: String, put: @escaping (PostgresWriteTransaction, Int64) throws -> Void) {
        pending.append((counter, put))
    }

    /// Draws the values of the waiting numbered records, in order, and puts them through
    /// `transaction` (its statements travel with COMMIT).
    /// - Throws: `PostgresError` from a counter; what `put` throws.
    func numberPending(in transaction: PostgresWriteTransaction, tables: PostgresRecordTables) throws {
        let waiting = pending
        pending = []
        for record in waiting {
            try record.put(transaction, try next(record.counter, tables: tables))
        }
    }

    /// The counters and waiting records as they stand now.
    var mark: Mark { Mark(held: held, pending: pending.count) }

    /// Puts the counters and the waiting records back to `mark` (the body since then was
    /// rolled back).
    func restore(_ mark: Mark) {
        held = mark.held
        if pending.count > mark.pending { pending.removeLast(pending.count - mark.pending) }
    }

    /// Queues the UPDATEs that store the last values handed out (they travel with COMMIT).
    func flush(on connection: PostgresConnection) throws {
        for (name, counter) in held.sorted(by: { $0.key < $1.key }) where counter.last != counter.stored {
            try connection.deferStatement(
                "UPDATE sequences SET value = $2 WHERE name = $1", [name, String(counter.last)])
            held[name] = (counter.last, counter.last)
        }
    }
}

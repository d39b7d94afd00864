import PartnerCore

/// The counters (`sequences` rows) one group-commit transaction holds, and the values it has
/// handed out.
///
/// The first `nextSequence` of a name in a batch increments its row (`INSERT ... ON CONFLICT
/// DO UPDATE ... RETURNING`), which locks the row until COMMIT; later ones in the same batch
/// count on from the held value without a round trip. Before COMMIT, `flush` queues one UPDATE
/// per counter that moved, so the row ends at the last value handed out. The row stays locked
/// from the first increment to COMMIT as before: values are still handed out in commit order,
/// with no gaps, across replicas.
///
/// A body rolled back to its savepoint gives its values back: the writer takes a `mark` before
/// each body and `restore`s it on undo (a counter first locked by that body is then unlocked by
/// the savepoint's rollback too, and is taken again by the next body that asks). Used only on
/// the writer's queue.
final class PostgresBatchSequences {
    /// Name -> (value in the row as PostgreSQL has it, last value handed out).
    private var held: [String: (stored: Int64, last: Int64)] = [:]

    /// What the counters stand at, for `restore`.
    struct Mark {
        fileprivate let held: [String: (stored: Int64, last: Int64)]
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

    /// The counters as they stand now.
    var mark: Mark { Mark(held: held) }

    /// Puts the counters back to `mark` (the body since then was rolled back).
    func restore(_ mark: Mark) { held = mark.held }

    /// Queues the UPDATEs that store the last values handed out (they travel with COMMIT).
    func flush(on connection: PostgresConnection) throws {
        for (name, counter) in held.sorted(by: { $0.key < $1.key }) where counter.last != counter.stored {
            try connection.deferStatement(
                "UPDATE sequences SET value = $2 WHERE name = $1", [name, String(counter.last)])
            held[name] = (counter.last, counter.last)
        }
    }
}

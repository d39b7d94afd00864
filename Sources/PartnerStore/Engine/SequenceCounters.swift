/// The named counters (the `sequences` table) as last committed, held by the writer so that a
/// body draws the next value from memory instead of running a statement.
///
/// Bodies stage what they draw (`StagedChanges.drew`), so a body that rolls back gives its
/// values back with the rest of its changes. Just before COMMIT the batch's last value of each
/// counter it drew from goes to the table, one statement per counter rather than one per draw;
/// only once COMMIT succeeded do those values become the committed ones here. The store holds
/// the database's file lock, so no other process moves a counter behind the writer's back.
/// Used only on the writer thread.
final class SequenceCounters {
    /// How many counters are kept; past it they are forgotten and read again when next used
    /// (a feed per partner, invoice numbers per partner and month: the table grows with time).
    static let capacity = 4_096
    private var committed: [String: Int64] = [:]

    /// The last committed value of `name`, read from the table the first time it is asked for.
    func committedValue(_ name: String, tables: RecordTables) throws -> Int64 {
        if let value = committed[name] { return value }
        let value = try tables.sequenceValue(name)
        committed[name] = value
        return value
    }

    /// Writes the batch's last value of each counter into the table, inside its transaction.
    func store(_ drawn: [String: Int64], in tables: RecordTables) throws {
        for (name, value) in drawn { try tables.storeSequence(name, value: value) }
    }

    /// After COMMIT succeeded: the batch's values are the committed ones.
    func commit(_ drawn: [String: Int64]) {
        guard !drawn.isEmpty else { return }
        if committed.count + drawn.count > Self.capacity { committed.removeAll(keepingCapacity: true) }
        committed.merge(drawn) { _, later in later }
    }
}

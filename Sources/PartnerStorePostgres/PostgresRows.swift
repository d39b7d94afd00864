/// The rows of one query result, copied out of libpq's result in text format.
struct PostgresRows: Sendable {
    /// Each row's column values; nil for SQL NULL.
    var rows: [[String?]]
    /// The number of rows the command affected (INSERT/UPDATE/DELETE), 0 when none or n/a.
    var affected: Int

    /// The first row's first column, when there is one and it is not NULL.
    var firstValue: String? { rows.first?.first ?? nil }
}

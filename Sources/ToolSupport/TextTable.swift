/// A plain-text table for terminals: columns padded to their widest cell.
///
/// ```swift
/// var table = TextTable(columns: ["ID", "NAME"])
/// table.add(["cus_1", "Acme"])
/// print(table.render())
/// ```
public struct TextTable: Sendable {
    /// Column headings.
    public var columns: [String]
    /// Rows of cells; short rows are padded with empty cells.
    public var rows: [[String]] = []

    /// Creates a table with headings.
    public init(columns: [String]) { self.columns = columns }

    /// Appends a row.
    public mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as lines separated by newlines, two spaces between columns.
    public func render() -> String {
        var widths = columns.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for index in columns.indices {
                let cell = index < cells.count ? cells[index] : ""
                text +=
                    index == columns.count - 1
                    ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            return text
        }
        return ([line(columns)] + rows.map(line)).joined(separator: "\n")
    }
}

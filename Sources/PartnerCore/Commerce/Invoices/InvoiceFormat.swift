/// The renderings `Invoices.Download` offers.
public enum InvoiceFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// PDF 1.4 (`application/pdf`).
    case pdf = "PDF"
    /// RFC 4180 CSV, UTF-8 (`text/csv; charset=utf-8`).
    case csv = "CSV"

    /// The MIME type.
    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// The file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .csv: "csv"
        }
    }
}

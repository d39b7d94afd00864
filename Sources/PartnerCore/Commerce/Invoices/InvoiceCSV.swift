/// Renders an invoice as CSV (RFC 4180): CRLF line ends, a header row, one row per line, then a
/// subtotal and a total row. Fields holding a comma, a double quote, CR or LF are quoted, with
/// inner quotes doubled. Amounts are written in major units with the currency's minor digits
/// ("12.34"), so a spreadsheet sums them exactly as the PDF shows them.
public enum InvoiceCSV {
    /// The header row's fields.
    public static let header = [
        "invoice_number", "billing_month", "customer_id", "customer_name", "subscription_id", "sku_id",
        "description", "plan", "first_day", "last_day", "unit_price", "seat_days", "days_in_month", "amount",
        "currency",
    ]

    /// The CSV bytes (UTF-8).
    public static func render(_ invoice: Invoice) -> [UInt8] {
        var rows: [[String]] = [header]
        for line in invoice.lines {
            rows.append([
                invoice.number.description, invoice.billingMonth.description, invoice.customerId, invoice.customerName,
                line.subscriptionId, line.skuId, line.description, line.plan.rawValue, date(line.firstDay),
                date(line.lastDay), line.unitPrice.formattedAmount, String(line.seatDays), String(line.daysInMonth),
                line.amount.formattedAmount, line.amount.currency.code,
            ])
        }
        for (label, money) in [("SUBTOTAL", invoice.subtotal), ("TOTAL", invoice.total)] {
            rows.append([
                invoice.number.description, invoice.billingMonth.description, invoice.customerId, invoice.customerName,
                "", "", label, "", "", "", "", "", "", money.formattedAmount, money.currency.code,
            ])
        }
        var out = ""
        for row in rows {
            out += row.map(field).joined(separator: ",")
            out += "\r\n"
        }
        return Array(out.utf8)
    }

    /// One field, quoted when RFC 4180 requires it.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }

    /// "YYYY-MM-DD".
    static func date(_ time: Timestamp) -> String { String(time.rfc3339.prefix(10)) }
}

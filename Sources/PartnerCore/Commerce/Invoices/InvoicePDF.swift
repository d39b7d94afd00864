/// Renders an invoice as a PDF (see `PDFTextDocument`): a header with the number, customer,
/// billing month and issue date; a table with one row per line (description and SKU, billed
/// days, plan, unit price, seat-days, amount); then subtotal and total. Long tables continue on
/// further pages, each with the invoice number and "Page i of n".
///
/// Amounts are written exactly as in the CSV ("12.34 USD"), so the two renderings agree.
public enum InvoicePDF {
    /// Table rows per page: the first page has room for fewer rows because of the header.
    static let rowsOnFirstPage = 18
    /// Table rows on each following page.
    static let rowsOnOtherPages = 26

    /// The PDF bytes.
    public static func render(_ invoice: Invoice) -> [UInt8] {
        let rowChunks = paginate(invoice.lines)
        let pageCount = rowChunks.count
        var pages: [[PDFTextDocument.Text]] = []
        for (index, rows) in rowChunks.enumerated() {
            var texts: [PDFTextDocument.Text] = []
            var y: Int
            if index == 0 {
                y = header(invoice, into: &texts)
            } else {
                texts.append(.init(x: 50, y: 790, "Invoice \(invoice.number) (continued)", font: .bold, size: 12))
                y = 760
            }
            tableHeader(y: y, into: &texts)
            y -= 22
            for line in rows {
                row(line, y: y, into: &texts)
                y -= 24
            }
            if index == pageCount - 1 {
                totals(invoice, y: y - 6, into: &texts)
            }
            texts.append(.init(x: 50, y: 40, "\(invoice.number) - Page \(index + 1) of \(pageCount)", size: 8))
            pages.append(texts)
        }
        return PDFTextDocument(title: "Invoice \(invoice.number)", creationDate: invoice.createTime, pages: pages)
            .render()
    }

    /// Splits the lines into page-sized chunks; always at least one (possibly empty) chunk.
    /// The last page keeps room for the totals.
    static func paginate(_ lines: [InvoiceLine]) -> [[InvoiceLine]] {
        var chunks: [[InvoiceLine]] = []
        var rest = lines[...]
        var capacity = rowsOnFirstPage
        while true {
            // The totals need about three rows below the last line.
            if rest.count <= capacity - 3 {
                chunks.append(Array(rest))
                return chunks
            }
            let take = min(rest.count, capacity)
            chunks.append(Array(rest.prefix(take)))
            rest = rest.dropFirst(take)
            capacity = rowsOnOtherPages
        }
    }

    private static func header(_ invoice: Invoice, into texts: inout [PDFTextDocument.Text]) -> Int {
        texts.append(.init(x: 50, y: 790, "INVOICE", font: .bold, size: 18))
        texts.append(.init(x: 50, y: 765, "Invoice number: \(invoice.number)", font: .bold, size: 11))
        let fields: [(String, String)] = [
            ("Customer", PDFTextDocument.fitting(invoice.customerName, maxWidth: 380, size: 10)),
            ("Customer id", invoice.customerId),
            (
                "Billing period",
                "\(invoice.billingMonth) (\(day(invoice.billingMonth.start)) to \(day(invoice.billingMonth.end.adding(days: -1))))"
            ),
            ("Issued", day(invoice.createTime)),
            ("Currency", invoice.currency.code),
        ]
        var y = 740
        for (label, value) in fields {
            texts.append(.init(x: 50, y: y, label + ":", font: .bold, size: 10))
            texts.append(.init(x: 150, y: y, value, size: 10))
            y -= 15
        }
        texts.append(
            .init(
                x: 50, y: y - 5,
                "Charges are per seat per month, prorated by seat-days; each line is rounded half up to a minor unit.",
                size: 8))
        return y - 35
    }

    private static func tableHeader(y: Int, into texts: inout [PDFTextDocument.Text]) {
        texts.append(.init(x: 50, y: y, "Description", font: .bold, size: 9))
        texts.append(.init(x: 225, y: y, "Billed days", font: .bold, size: 9))
        texts.append(.init(x: 340, y: y, "Plan", font: .bold, size: 9))
        right("Unit price", edge: 440, y: y, font: .bold, size: 9, into: &texts)
        right("Seat-days", edge: 490, y: y, font: .bold, size: 9, into: &texts)
        right("Amount", edge: 545, y: y, font: .bold, size: 9, into: &texts)
    }

    private static func row(_ line: InvoiceLine, y: Int, into texts: inout [PDFTextDocument.Text]) {
        texts.append(.init(x: 50, y: y, PDFTextDocument.fitting(line.description, maxWidth: 170, size: 9), size: 9))
        texts.append(
            .init(
                x: 50, y: y - 10,
                PDFTextDocument.fitting("\(line.skuId) / \(line.subscriptionId)", maxWidth: 170, size: 7), size: 7))
        texts.append(.init(x: 225, y: y, "\(day(line.firstDay)) to \(day(line.lastDay))", size: 9))
        texts.append(.init(x: 340, y: y, line.plan.rawValue, size: 9))
        right(line.unitPrice.formattedAmount, edge: 440, y: y, size: 9, into: &texts)
        right(String(line.seatDays), edge: 490, y: y, size: 9, into: &texts)
        right(line.amount.formattedAmount, edge: 545, y: y, size: 9, into: &texts)
    }

    private static func totals(_ invoice: Invoice, y: Int, into texts: inout [PDFTextDocument.Text]) {
        texts.append(.init(x: 340, y: y, "Subtotal", font: .bold, size: 10))
        right(invoice.subtotal.description, edge: 545, y: y, size: 10, into: &texts)
        texts.append(.init(x: 340, y: y - 18, "Total due", font: .bold, size: 11))
        right(invoice.total.description, edge: 545, y: y - 18, font: .bold, size: 11, into: &texts)
    }

    private static func right(
        _ string: String, edge: Int, y: Int, font: PDFTextDocument.Font = .regular, size: Int,
        into texts: inout [PDFTextDocument.Text]
    ) {
        texts.append(
            .init(x: edge - PDFTextDocument.width(of: string, size: size), y: y, string, font: font, size: size))
    }

    private static func day(_ time: Timestamp) -> String { String(time.rfc3339.prefix(10)) }
}

import Foundation
import Testing

@testable import PartnerCore

@Suite("Invoice PDF and CSV renderings")
struct InvoiceRenderingTests {
    static func sampleInvoice(lineCount: Int = 3, customerName: String = "Café \"Bianchi\", (Roma) \\ S.r.l.") throws
        -> Invoice
    {
        let month = BillingMonth(year: 2026, month: 3)!
        var lines: [InvoiceLine] = []
        for index in 0..<lineCount {
            let seatDays = Int64(31 * (index + 1) + index)
            let price = Money(minorUnits: 840 + Int64(index) * 7, currency: .usd)
            lines.append(
                InvoiceLine(
                    subscriptionId: "sub_\(index)", skuId: "ws-business-starter-flex",
                    description: index == 1
                        ? "A very long description, with a comma and \"quotes\" that will not fit in its column at all"
                        : "Business Starter (Flexible)",
                    plan: .flexible, unitPrice: price, seatDays: seatDays, daysInMonth: 31,
                    firstDay: month.start, lastDay: month.end.adding(days: -1),
                    amount: try Proration.charge(unitPrice: price, seatDays: seatDays, daysInMonth: 31)))
        }
        return try Invoice(
            id: "inv_1", partnerId: "par_1", customerId: "cus_1", customerName: customerName,
            number: InvoiceNumber(month: month, sequence: 42)!, currency: .usd, lines: lines,
            createTime: Timestamp(year: 2026, month: 4, day: 1, hour: 8))
    }

    @Test("CSV follows RFC 4180: CRLF, quoted commas and doubled quotes; amounts sum to the subtotal")
    func csv() throws {
        let invoice = try Self.sampleInvoice()
        let text = String(decoding: InvoiceCSV.render(invoice), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(text.contains("\"Café \"\"Bianchi\"\", (Roma) \\ S.r.l.\""))
        let rows = try CSVReader.parse(text)
        #expect(rows[0] == InvoiceCSV.header)
        #expect(rows.count == 1 + invoice.lines.count + 2)
        #expect(rows.allSatisfy { $0.count == InvoiceCSV.header.count })
        let amountColumn = try #require(InvoiceCSV.header.firstIndex(of: "amount"))
        let lineRows = rows[1...invoice.lines.count]
        let sum = lineRows.map { Self.minorUnits($0[amountColumn]) }.reduce(0, +)
        #expect(sum == invoice.subtotal.minorUnits)
        #expect(rows[rows.count - 2][6] == "SUBTOTAL")
        #expect(Self.minorUnits(rows[rows.count - 1][amountColumn]) == invoice.total.minorUnits)
        #expect(rows[2][6] == invoice.lines[1].description)
        #expect(InvoiceCSV.field("plain") == "plain")
        #expect(InvoiceCSV.field("a\nb") == "\"a\nb\"")
    }

    @Test("PDF is valid (qpdf --check) and pdftotext shows the number, every amount and the totals")
    func pdf() throws {
        let invoice = try Self.sampleInvoice()
        let bytes = InvoicePDF.render(invoice)
        #expect(bytes.starts(with: Array("%PDF-1.4".utf8)))
        try Self.checkXref(bytes)
        let text = try Self.pdfToText(bytes)
        #expect(text.contains("INV-202603-00042"))
        #expect(text.contains("Café \"Bianchi\", (Roma) \\ S.r.l."))
        for line in invoice.lines {
            #expect(text.contains(line.amount.formattedAmount))
        }
        let subtotal = try #require(Self.amount(after: "Subtotal", in: text))
        let total = try #require(Self.amount(after: "Total due", in: text))
        #expect(subtotal == invoice.subtotal.minorUnits)
        #expect(total == invoice.total.minorUnits)
        // The CSV says the same.
        let rows = try CSVReader.parse(String(decoding: InvoiceCSV.render(invoice), as: UTF8.self))
        #expect(Self.minorUnits(rows[rows.count - 1][13]) == total)
    }

    @Test("a long invoice continues on further pages, each numbered, totals on the last")
    func multiPage() throws {
        let invoice = try Self.sampleInvoice(lineCount: 60)
        let bytes = InvoicePDF.render(invoice)
        try Self.checkXref(bytes)
        let pages = InvoicePDF.paginate(invoice.lines)
        #expect(pages.count == 3)
        #expect(pages.flatMap { $0 }.count == 60)
        let text = try Self.pdfToText(bytes)
        #expect(text.contains("Page 1 of 3"))
        #expect(text.contains("Page 3 of 3"))
        #expect(text.components(separatedBy: "\u{0C}").filter { !$0.isEmpty }.count == 3)
        #expect(Self.amount(after: "Total due", in: text) == invoice.total.minorUnits)
        for line in invoice.lines { #expect(text.contains(line.subscriptionId)) }
    }

    @Test("pagination leaves room for the totals: a full first page pushes them to a second page")
    func paginationBoundaries() throws {
        #expect(InvoicePDF.paginate([]).count == 1)
        let fits = try Self.sampleInvoice(lineCount: InvoicePDF.rowsOnFirstPage - 3)
        #expect(InvoicePDF.paginate(fits.lines).count == 1)
        let full = try Self.sampleInvoice(lineCount: InvoicePDF.rowsOnFirstPage)
        let pages = InvoicePDF.paginate(full.lines)
        #expect(pages.count == 2)
        #expect(pages[1].isEmpty)
    }

    @Test("the same invoice renders to the same bytes")
    func deterministic() throws {
        let invoice = try Self.sampleInvoice()
        #expect(InvoicePDF.render(invoice) == InvoicePDF.render(invoice))
    }

    @Test("PDF strings escape parentheses and backslashes and write non-ASCII in WinAnsi octal")
    func literalEscaping() {
        #expect(String(decoding: PDFTextDocument.literal("a(b)c\\"), as: UTF8.self) == "(a\\(b\\)c\\\\)")
        #expect(String(decoding: PDFTextDocument.literal("é€"), as: UTF8.self) == "(\\351\\200)")
        #expect(PDFTextDocument.winAnsi("日") == [0x3F])
        #expect(PDFTextDocument.width(of: "1234", size: 10) == 23)  // 4 x 556 x 10 / 1000 = 22.24 -> 23
    }

    // MARK: - helpers

    /// Every xref entry points at "n 0 obj", and startxref at "xref".
    static func checkXref(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        let tail = try #require(text.range(of: "startxref\n", options: .backwards))
        let offsetText = text[tail.upperBound...].prefix { $0.isNumber }
        let xrefOffset = try #require(Int(offsetText))
        #expect(bytes[xrefOffset..<(xrefOffset + 4)].elementsEqual(Array("xref".utf8)))
        let xref = String(decoding: bytes[xrefOffset...], as: UTF8.self)
        let entries = xref.components(separatedBy: "\r\n").filter { $0.hasSuffix(" 00000 n") }
        #expect(!entries.isEmpty)
        for (index, entry) in entries.enumerated() {
            let offset = try #require(Int(entry.prefix(10)))
            let expected = Array("\(index + 1) 0 obj".utf8)
            #expect(bytes[offset..<(offset + expected.count)].elementsEqual(expected), "object \(index + 1)")
        }
    }

    /// pdftotext -layout output, after qpdf --check. Both tools are required (`.ci/run`
    /// installs them): a missing one fails the test, naming the package to install.
    static func pdfToText(_ bytes: [UInt8]) throws -> String {
        let qpdf = try Tool.require("qpdf", package: "qpdf")
        let pdftotext = try Tool.require("pdftotext", package: "poppler-utils")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "invoice-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("invoice.pdf")
        try Data(bytes).write(to: pdf)
        let check = try Tool.run(qpdf, ["--check", pdf.path])
        #expect(check.status == 0, "qpdf --check failed: \(check.output)")
        #expect(!check.output.contains("WARNING"), "qpdf warned: \(check.output)")
        let out = directory.appendingPathComponent("invoice.txt")
        let result = try Tool.run(pdftotext, ["-layout", "-enc", "UTF-8", pdf.path, out.path])
        #expect(result.status == 0, "pdftotext failed: \(result.output)")
        #expect(!result.output.contains("Syntax Error"), "pdftotext complained: \(result.output)")
        return try String(contentsOf: out, encoding: .utf8)
    }

    /// The first amount ("12.34") after `label` on the same line, in minor units.
    static func amount(after label: String, in text: String) -> Int64? {
        for line in text.components(separatedBy: "\n") {
            guard let range = line.range(of: label) else { continue }
            let words = line[range.upperBound...].split(separator: " ")
            if let first = words.first { return minorUnits(String(first)) }
        }
        return nil
    }

    static func minorUnits(_ text: String) -> Int64 {
        Int64(text.replacingOccurrences(of: ".", with: "")) ?? .min
    }
}

/// A strict RFC 4180 reader for the tests.
enum CSVReader {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        scalars.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else { throw Malformed() }
                inQuotes = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r" {
                guard scalars.popFirst() == "\n" else { throw Malformed() }
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else if c == "\n" {
                throw Malformed()  // bare LF outside quotes
            } else {
                field.unicodeScalars.append(c)
            }
        }
        guard !inQuotes, row.isEmpty, field.isEmpty else { throw Malformed() }
        return rows
    }
}

/// Finding and running command-line tools.
enum Tool {
    /// A tool a test cannot do without was not found.
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// The path of `name`, or `Missing` saying which Debian package provides it.
    static func require(_ name: String, package: String) throws -> String {
        guard let path = find(name) else {
            throw Missing(description: "\(name) is not installed (apt-get install -y \(package); .ci/run installs it)")
        }
        return path
    }

    static func find(_ name: String) -> String? {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let path = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

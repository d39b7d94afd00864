/// A minimal PDF 1.4 writer for pages of text, written by hand: a catalog, a page tree, the
/// standard Type 1 fonts Helvetica and Helvetica-Bold (WinAnsiEncoding, so no font is embedded),
/// one content stream per page, an info dictionary, a cross-reference table with exact byte
/// offsets and a trailer. Output is deterministic: the same document gives the same bytes.
///
/// Text is encoded to WinAnsi (Latin-1 plus the usual typographic marks and the euro sign);
/// characters outside it are written as `?`. Coordinates are whole points from the bottom-left.
public struct PDFTextDocument: Sendable {
    /// The two faces available.
    public enum Font: Sendable, Hashable {
        /// Helvetica.
        case regular
        /// Helvetica-Bold.
        case bold
    }

    /// One run of text placed at a point.
    public struct Text: Sendable, Hashable {
        /// Left edge of the run, in points.
        public var x: Int
        /// Baseline, in points from the bottom.
        public var y: Int
        /// The text (one line; line breaks are written as spaces).
        public var string: String
        /// The face.
        public var font: Font
        /// Font size in points.
        public var size: Int

        /// Creates a run.
        public init(x: Int, y: Int, _ string: String, font: Font = .regular, size: Int = 10) {
            self.x = x
            self.y = y
            self.string = string
            self.font = font
            self.size = size
        }
    }

    /// Page width in points (A4: 595).
    public var pageWidth: Int
    /// Page height in points (A4: 842).
    public var pageHeight: Int
    /// The document title (info dictionary).
    public var title: String
    /// The creation date (info dictionary).
    public var creationDate: Timestamp
    /// The pages' text runs. An empty list still renders one blank page.
    public var pages: [[Text]]

    /// Creates a document of A4 pages.
    public init(title: String, creationDate: Timestamp, pages: [[Text]], pageWidth: Int = 595, pageHeight: Int = 842) {
        self.title = title
        self.creationDate = creationDate
        self.pages = pages
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
    }

    /// The PDF file's bytes.
    public func render() -> [UInt8] {
        let pageTexts = pages.isEmpty ? [[]] : pages
        var out: [UInt8] = []
        var offsets: [Int] = []  // offsets[n - 1] is object n's offset
        func emit(_ text: String) { out += Array(text.utf8) }
        func beginObject(_ number: Int) {
            precondition(offsets.count == number - 1, "PDF objects must be written in order")
            offsets.append(out.count)
            emit("\(number) 0 obj\n")
        }

        emit("%PDF-1.4\n")
        out += [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]  // binary marker comment

        let firstPageObject = 6
        let kids = (0..<pageTexts.count).map { "\(firstPageObject + 2 * $0) 0 R" }.joined(separator: " ")
        beginObject(1)
        emit("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
        beginObject(2)
        emit("<< /Type /Pages /Kids [\(kids)] /Count \(pageTexts.count) >>\nendobj\n")
        beginObject(3)
        emit("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n")
        beginObject(4)
        emit("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>\nendobj\n")
        beginObject(5)
        out += Array("<< /Title ".utf8) + PDFTextDocument.literal(title)
        emit(" /Producer (PartnerConsole) /CreationDate (\(PDFTextDocument.pdfDate(creationDate))) >>\nendobj\n")

        for (index, texts) in pageTexts.enumerated() {
            let pageObject = firstPageObject + 2 * index
            beginObject(pageObject)
            emit(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(pageWidth) \(pageHeight)] "
                    + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(pageObject + 1) 0 R >>\nendobj\n")
            let stream = PDFTextDocument.contentStream(texts)
            beginObject(pageObject + 1)
            emit("<< /Length \(stream.count) >>\nstream\n")
            out += stream
            emit("\nendstream\nendobj\n")
        }

        let xrefOffset = out.count
        emit("xref\n0 \(offsets.count + 1)\n")
        emit("0000000000 65535 f\r\n")
        for offset in offsets {
            let digits = String(offset)
            emit(String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n\r\n")
        }
        emit("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(xrefOffset)\n%%EOF\n")
        return out
    }

    /// The width of `string` set in Helvetica at `size` points, in points (rounded up).
    /// Helvetica-Bold is measured with the regular widths, which match for digits and
    /// punctuation: good enough for aligning amounts.
    public static func width(of string: String, size: Int) -> Int {
        var units = 0
        for byte in winAnsi(string) {
            units += (byte >= 0x20 && byte <= 0x7E) ? helveticaWidths[Int(byte) - 0x20] : 556
        }
        return (units * size + 999) / 1000
    }

    /// `string` shortened with "..." so that it is at most `maxWidth` points wide at `size`.
    public static func fitting(_ string: String, maxWidth: Int, size: Int) -> String {
        guard width(of: string, size: size) > maxWidth else { return string }
        var characters = Array(string)
        while !characters.isEmpty, width(of: String(characters) + "...", size: size) > maxWidth {
            characters.removeLast()
        }
        return String(characters) + "..."
    }

    private static func contentStream(_ texts: [Text]) -> [UInt8] {
        var stream: [UInt8] = []
        for text in texts {
            let font = text.font == .bold ? "/F2" : "/F1"
            stream += Array("BT \(font) \(text.size) Tf \(text.x) \(text.y) Td ".utf8)
            stream += literal(text.string)
            stream += Array(" Tj ET\n".utf8)
        }
        return stream
    }

    /// A PDF literal string `( ... )` of the WinAnsi bytes: `\`, `(` and `)` escaped, bytes
    /// outside printable ASCII written as octal escapes.
    static func literal(_ string: String) -> [UInt8] {
        var out: [UInt8] = [0x28]
        for byte in winAnsi(string) {
            switch byte {
            case 0x28, 0x29, 0x5C:
                out += [0x5C, byte]
            case 0x20...0x7E:
                out.append(byte)
            default:
                let octal = String(byte, radix: 8)
                out += Array(("\\" + String(repeating: "0", count: 3 - octal.count) + octal).utf8)
            }
        }
        out.append(0x29)
        return out
    }

    /// `string` in WinAnsiEncoding; control characters become spaces, others outside it `?`.
    static func winAnsi(_ string: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in string.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x20...0x7E, 0xA0...0xFF: out.append(UInt8(value))
            case 0x00...0x1F, 0x7F: out.append(0x20)
            default: out.append(winAnsiExtras[value] ?? 0x3F)
            }
        }
        return out
    }

    private static let winAnsiExtras: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// Helvetica advance widths (1/1000 em) for ASCII 0x20...0x7E, from the standard AFM.
    private static let helveticaWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space ... /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 ... ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ ... O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P ... _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` ... o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p ... ~
    ]

    /// "D:YYYYMMDDHHmmSSZ".
    static func pdfDate(_ time: Timestamp) -> String {
        let text = time.rfc3339  // YYYY-MM-DDTHH:MM:SS.mmmZ
        let digits = text.prefix(19).filter { $0.isNumber }
        return "D:" + digits + "Z"
    }
}

/// `Invoices.Download` result: a rendered invoice. The service base64-encodes `bytes`.
public struct InvoiceDocument: Sendable, Hashable {
    /// The invoice rendered.
    public var invoiceId: String
    /// The format.
    public var format: InvoiceFormat
    /// A file name, e.g. `INV-202603-00001.pdf`.
    public var fileName: String
    /// The MIME type.
    public var contentType: String
    /// The file's bytes.
    public var bytes: [UInt8]

    /// Renders `invoice` in `format`.
    public init(rendering invoice: Invoice, as format: InvoiceFormat) {
        self.invoiceId = invoice.id
        self.format = format
        self.fileName = "\(invoice.number).\(format.fileExtension)"
        self.contentType = format.contentType
        switch format {
        case .pdf: self.bytes = InvoicePDF.render(invoice)
        case .csv: self.bytes = InvoiceCSV.render(invoice)
        }
    }
}

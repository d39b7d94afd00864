import Foundation
import FramedRPC
import PartnerAPI
import ToolSupport

/// `invoices ...` and `notifications`.
enum InvoiceCommands {
    static let all: [Command] = [
        Command("invoices list", "[--customer ID]", summary: "invoices as a table", run: list),
        Command("invoices get", "ID", summary: "one invoice with its lines", run: get),
        Command(
            "invoices close", "YYYY-MM", summary: "close a billing month that has ended: issue its invoices",
            run: close),
        Command(
            "invoices download", "ID --format PDF|CSV --out FILE",
            summary: "save an invoice as PDF or CSV ('--out -' writes to standard output)", run: download),
        Command(
            "notifications", "[--related ID] [--kind KIND] [--full | --code]",
            summary: "the outbox: every message the system would email",
            details: """
                OPTIONS
                  --related ID    only messages about this customer, contact or invitation
                  --kind KIND     INVITATION, EMAIL_VERIFICATION, CREDENTIALS or NOTICE
                  --full          print each message's text
                  --code          print only the one-time code of the newest matching message
                """, run: notifications),
    ]

    static func list(_ args: inout CommandArguments, _ session: Session) async throws {
        let customer = args.value("customer")
        try args.done()
        let invoices = try await Paging.all(session, Invoices.methods.list, customer: customer)
        try session.emit(Page(items: invoices)) { Format.invoiceTable($0.items) }
    }

    static func get(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "ID", session.client.invoices.get,
            request: { .init(invoiceId: $0) }, human: Format.invoice)
    }

    static func close(_ args: inout CommandArguments, _ session: Session) async throws {
        let month = try args.positional("YYYY-MM")
        try args.done()
        let closing = try await session.client.invoices.closeBillingPeriod(
            .init(billingMonth: month), options: session.call)
        try session.emit(closing) {
            "closed \($0.billingMonth): \($0.invoices.count) invoice(s)"
                + ($0.invoices.isEmpty ? "" : "\n\n" + Format.invoiceTable($0.invoices))
        }
    }

    static func download(_ args: inout CommandArguments, _ session: Session) async throws {
        let id = try args.positional("ID")
        let format =
            try args.choice("format", ["PDF", "CSV"])
            ?? { throw CommandLineError("missing required option --format") }()
        let out = try args.required("out")
        try args.done()
        let file = try await session.client.invoices.download(
            .init(invoiceId: id, format: format), options: session.call)
        guard let bytes = Data(base64Encoded: file.data) else {
            throw LocalFailure("the server's \(format) of \(id) is not valid base64")
        }
        if out == "-" {
            FileHandle.standardOutput.write(bytes)
            return
        }
        do {
            try bytes.write(to: URL(fileURLWithPath: out))
        } catch {
            throw LocalFailure("cannot write \(out): \(error.localizedDescription)")
        }
        var summary = file
        summary.data = ""
        try session.emit(summary) {
            "wrote \(bytes.count) bytes (\($0.contentType)) of invoice \($0.invoiceId) to \(out)"
        }
    }

    static func notifications(_ args: inout CommandArguments, _ session: Session) async throws {
        let related = args.value("related")
        let kind = args.value("kind")?.uppercased()
        let full = args.flag("full")
        let code = args.flag("code")
        try args.done()
        let messages = try await Paging.all(session, Notifications.methods.list).filter { message in
            (related.map { (message.relatedIds ?? []).contains($0) } ?? true)
                && (kind.map { message.kind == $0 } ?? true)
        }
        if code {
            guard let message = messages.last(where: { oneTimeCode(in: $0.text) != nil }),
                let found = oneTimeCode(in: message.text)
            else { throw LocalFailure("no matching message in the outbox carries a one-time code") }
            Console.out(found)
            return
        }
        try session.emit(Page(items: messages)) { page in
            if full {
                return page.items.map { m in
                    Format.block([
                        ("id", m.id), ("kind", m.kind), ("to", m.recipients.joined(separator: ", ")),
                        ("subject", m.subject), ("time", m.createTime),
                    ]) + "\n\n" + m.text
                }.joined(separator: "\n\n" + String(repeating: "-", count: 60) + "\n\n")
            }
            var table = TextTable(columns: ["ID", "KIND", "TO", "SUBJECT", "ABOUT"])
            for m in page.items {
                table.add([
                    m.id, m.kind, m.recipients.joined(separator: ","), m.subject,
                    (m.relatedIds ?? []).joined(separator: ","),
                ])
            }
            return table.render()
        }
    }

    /// The one-time code in a message: a line holding only 32 or more URL-safe base64 characters.
    static func oneTimeCode(in text: String) -> String? {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { line in
            line.count >= 32
                && line.unicodeScalars.allSatisfy {
                    CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_"
                }
        }
    }
}

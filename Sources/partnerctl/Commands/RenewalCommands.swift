import FramedRPC
import PartnerAPI
import ToolSupport

/// `subscriptions renewal`: an annual plan's auto-renewal and the SKU it renews on (issue #13).
enum RenewalCommands {
    static let all: [Command] = [
        Command(
            "subscriptions renewal", "ID --auto-renew on|off [--renewal-sku SKU|''] [--etag ETAG] [--reason TEXT]",
            summary:
                "turn an annual plan's auto-renewal on or off (off: it ends at its term end); --renewal-sku: the SKU it moves to at renewal ('' clears)",
            run: renewal)
    ]

    static func renewal(_ args: inout CommandArguments, _ session: Session) async throws {
        guard let id = args.nextPositional() else { throw CommandLineError("give the subscription id") }
        let setting = try args.required("auto-renew")
        guard setting == "on" || setting == "off" else {
            throw CommandLineError("--auto-renew takes on or off, not '\(setting)'")
        }
        let request = Subscriptions.UpdateRenewalSettingsRequest(
            subscriptionId: id, etag: args.value("etag"), autoRenew: setting == "on",
            renewalSku: args.value("renewal-sku"), reason: args.value("reason"))
        try args.done()
        let subscription = try await session.client.subscriptions.updateRenewalSettings(request, options: session.call)
        try session.emit(subscription) {
            "\($0.id): auto-renewal \($0.autoRenew == true ? "on" : "off"), term ends \($0.termEndTime ?? "-")"
                + ($0.renewalSku.map { ", renews on \($0)" } ?? "")
        }
    }
}

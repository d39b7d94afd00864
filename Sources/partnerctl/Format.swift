import PartnerAPI
import ToolSupport

/// How results look on a terminal.
enum Format {
    /// `key: value` lines, keys padded to one width; `nil` values are left out.
    static func block(_ pairs: [(String, String?)]) -> String {
        let present = pairs.compactMap { key, value in value.map { (key, $0) } }
        let width = present.map(\.0.count).max() ?? 0
        return present.map { key, value in key + ":" + String(repeating: " ", count: width - key.count + 1) + value }
            .joined(separator: "\n")
    }

    /// `USD 12.34` (two decimals: every catalogue currency has them).
    static func money(_ money: PartnerAPI.Money) -> String {
        let sign = money.minorUnits < 0 ? "-" : ""
        let units = money.minorUnits.magnitude
        let cents = units % 100
        return "\(money.currency) \(sign)\(units / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    static func customer(_ customer: PartnerAPI.Customer) -> String {
        var text = block([
            ("id", customer.id),
            ("display name", customer.displayName),
            ("legal name", customer.organisationName),
            ("domain", customer.primaryDomain),
            ("type", customer.customerType.rawValue),
            ("state", customer.state.rawValue),
            ("cloud identity id", customer.cloudIdentityId),
            ("education", customer.education.map { $0.instituteType.rawValue }),
            ("primary admin", customer.primaryAdminEmail),
            ("alternate email", customer.alternateEmail),
            ("region", customer.regionCode),
            ("language", customer.languageCode),
            ("time zone", customer.timeZone),
            ("missing profile fields", customer.missingProfileFields?.joined(separator: ", ")),
            ("domain verified", customer.domainVerified ? "yes" : "no"),
            ("reseller access", customer.resellerAccess ? "granted" : "not granted"),
            ("subscriptions", customer.subscriptionStatus ?? "-"),
            ("etag", customer.etag),
        ])
        if let mismatch = customer.adminConsoleMismatch {
            text += "\n\nwarning: \(mismatch.warning)"
            if let domain = mismatch.upstreamPrimaryDomain { text += "\n  admin console domain: \(domain)" }
            if let email = mismatch.upstreamAlternateEmail { text += "\n  admin console alternate email: \(email)" }
            text += "\n  run 'partnerctl customers sync \(customer.id)' to copy it here once."
        }
        return text
    }

    static func subscription(_ subscription: PartnerAPI.Subscription) -> String {
        block([
            ("id", subscription.id),
            ("customer", subscription.customerId),
            ("sku", subscription.sku),
            ("plan", subscription.plan.rawValue),
            ("seats", "\(subscription.seats)"),
            ("committed seats", subscription.committedSeats.map { "\($0)" }),
            ("state", subscription.state.rawValue),
            ("term began", subscription.termStartTime),
            ("term ends", subscription.termEndTime),
            ("auto-renew", subscription.autoRenew.map { $0 ? "on" : "off" }),
            ("renews on", subscription.renewalSku),
            ("trial ends", subscription.trialEndTime),
            ("cancelled", subscription.cancelTime),
            (
                "history",
                subscription.historyTruncated == true ? "older changes: subscriptions history \(subscription.id)" : nil
            ),
        ])
    }

    static func subscriptionTable(_ subscriptions: [PartnerAPI.Subscription]) -> String {
        var table = TextTable(columns: ["ID", "CUSTOMER", "SKU", "PLAN", "SEATS", "STATE"])
        for s in subscriptions {
            table.add([s.id, s.customerId, s.sku, s.plan.rawValue, "\(s.seats)", s.state.rawValue])
        }
        return table.render()
    }

    static func invoice(_ invoice: PartnerAPI.Invoice) -> String {
        var table = TextTable(columns: ["SUBSCRIPTION", "SKU", "SEAT-DAYS", "UNIT PRICE", "AMOUNT"])
        for line in invoice.lines {
            table.add([line.subscriptionId, line.sku, "\(line.seatDays)", money(line.unitPrice), money(line.amount)])
        }
        return block([
            ("id", invoice.id), ("number", invoice.number), ("customer", invoice.customerId),
            ("month", invoice.billingMonth), ("subtotal", money(invoice.subtotal)),
        ]) + "\n\n" + table.render()
    }

    static func invoiceTable(_ invoices: [PartnerAPI.Invoice]) -> String {
        var table = TextTable(columns: ["ID", "NUMBER", "CUSTOMER", "MONTH", "SUBTOTAL"])
        for i in invoices { table.add([i.id, i.number, i.customerId, i.billingMonth, money(i.subtotal)]) }
        return table.render()
    }
}

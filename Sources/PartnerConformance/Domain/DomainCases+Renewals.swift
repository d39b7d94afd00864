import FramedJSON

extension DomainCases {
    /// Renewal plans, trials and subscription history (issue #13). Time does not move on a
    /// target, so a renewal or a trial's end is left to the in-process suites; these check what
    /// a call alone decides.
    static var renewalsAndTrials: [ConformanceCase] {
        [
            flow(
                "subscriptions.renewal-plan",
                "Subscriptions.UpdateRenewalSettings renewalSku: a SKU of the same family is set (renewalSku in the result) and empty clears it; an unknown SKU or another family's is -32602 INVALID_ARGUMENT naming renewalSku"
            ) { s in
                let customer = try s.createCustomer("renewal-plan")
                let annual = try s.call(
                    "Orders.Place",
                    ["customerId": customer["id"]!, "sku": "ws-business-starter-annual", "seats": 2])["subscription"]
                guard let id = annual?["id"] else { throw s.context.fail("no annual subscription") }
                for bad in ["no-such-sku-\(s.context.unique(""))", "ci-premium-flex"] {
                    try s.invalidParam(
                        "Subscriptions.UpdateRenewalSettings",
                        ["subscriptionId": id, "autoRenew": true, "renewalSku": .string(bad)], field: "renewalSku")
                }
                let set = try s.call(
                    "Subscriptions.UpdateRenewalSettings",
                    ["subscriptionId": id, "autoRenew": true, "renewalSku": "ws-business-starter-flex"])
                try s.context.expect(
                    set["renewalSku"] == "ws-business-starter-flex" && set["sku"] == "ws-business-starter-annual",
                    "renewal plan not pending: \(set)")
                let cleared = try s.call(
                    "Subscriptions.UpdateRenewalSettings", ["subscriptionId": id, "autoRenew": true, "renewalSku": ""])
                try s.context.expect(cleared["renewalSku"] == nil, "renewalSku not cleared: \(cleared)")
                try s.call("Subscriptions.Cancel", ["subscriptionId": id])
            },
            flow(
                "subscriptions.trial-start-paid",
                "Orders.Place trial: the subscription carries trialEndTime; Subscriptions.StartPaidService converts it (trialEndTime gone, history CREATE_TRIAL then START_PAID_SERVICE); a second StartPaidService is 9 FAILED_PRECONDITION naming subscriptionId"
            ) { s in
                let customer = try s.createCustomer("trial")
                let trial = try s.call(
                    "Orders.Place",
                    [
                        "customerId": customer["id"]!, "sku": .string(DomainSupport.flexibleSku), "seats": 3,
                        "trial": true,
                    ]
                )["subscription"]
                guard let id = trial?["id"] else { throw s.context.fail("no trial subscription") }
                try s.context.expect(trial?["trialEndTime"]?.stringValue != nil, "no trialEndTime: \(trial ?? .null)")
                let paid = try s.call("Subscriptions.StartPaidService", ["subscriptionId": id])
                try s.context.expect(paid["trialEndTime"] == nil, "still a trial: \(paid)")
                try s.refused(
                    "Subscriptions.StartPaidService", ["subscriptionId": id], code: 9, status: "FAILED_PRECONDITION",
                    field: "subscriptionId")
                let actions = try s.call("Subscriptions.Get", ["subscriptionId": id])["history"]?.arrayValue?
                    .compactMap { $0["action"]?.stringValue }
                try s.context.expect(
                    actions == ["CREATE_TRIAL", "START_PAID_SERVICE"], "history \(actions ?? [])")
                try s.call("Subscriptions.Cancel", ["subscriptionId": id])
            },
            flow(
                "subscriptions.history-paged",
                "Subscriptions.ListHistory pages a subscription's history oldest first; its page token is bound to the subscription (another one's is -32602 naming pageToken); Subscriptions.Get says whether older changes exist (historyTruncated)"
            ) { s in
                let (customer, subscription) = try s.customerWithSubscription("history")
                guard let id = subscription["id"] else { throw s.context.fail("no subscription") }
                for _ in 0..<3 { try s.call("Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": 1]) }
                let first = try s.call("Subscriptions.ListHistory", ["subscriptionId": id, "pageSize": 2])
                guard let token = first["nextPageToken"] else { throw s.context.fail("no nextPageToken after 2 of 4") }
                let rest = try s.call(
                    "Subscriptions.ListHistory", ["subscriptionId": id, "pageSize": 2, "pageToken": token])
                let actions = ((first["items"]?.arrayValue ?? []) + (rest["items"]?.arrayValue ?? []))
                    .compactMap { $0["action"]?.stringValue }
                try s.context.expect(
                    actions == ["CREATE", "CHANGE_SEATS", "CHANGE_SEATS", "CHANGE_SEATS"], "history pages \(actions)")
                let other = try s.call(
                    "Orders.Place", ["customerId": customer["id"]!, "sku": "ci-premium-flex", "seats": 1])[
                        "subscription"]
                try s.invalidParam(
                    "Subscriptions.ListHistory", ["subscriptionId": other?["id"] ?? "sub_x", "pageToken": token],
                    field: "pageToken")
                let got = try s.call("Subscriptions.Get", ["subscriptionId": id])
                try s.context.expect(
                    got["historyTruncated"] == false && got["history"]?.arrayValue?.count == 4,
                    "Get of a short history: \(got)")
            },
        ]
    }
}

import FramedJSON

extension DomainCases {
    /// Buying: eligibility, one SKU per family, add-ons.
    static var orders: [ConformanceCase] {
        [
            flow(
                "orders.first-order-sets-status",
                "DESIGN (customers): the first order creates an ACTIVE subscription and sets the customer's subscription status; lists show the order and subscription"
            ) { s in
                let customer = try s.createCustomer("buy")
                let id = customer["id"]!
                let placed = try s.call(
                    "Orders.Place", ["customerId": id, "sku": .string(DomainSupport.flexibleSku), "seats": 10])
                let order = placed["order"] ?? .null
                let subscription = placed["subscription"] ?? .null
                try s.context.expect(order["customerId"] == id, "order for another customer")
                try s.context.expect(
                    order["subscriptionId"] == subscription["id"], "the order names another subscription")
                try s.context.expect(
                    subscription["seats"] == 10 && subscription["state"] == "ACTIVE", "subscription: \(subscription)")
                try s.context.expect(
                    subscription["plan"] == "FLEXIBLE", "a flexible SKU has plan \(subscription["plan"] ?? .null)")
                try s.context.expect(
                    try s.call("Customers.Get", ["customerId": id])["subscriptionStatus"] == "ACTIVE",
                    "status not ACTIVE")
                let subscriptions = try s.call("Subscriptions.List", ["customerId": id])["items"]?.arrayValue?
                    .compactMap { $0["id"] }
                try s.context.expect(
                    subscriptions == [subscription["id"]!], "Subscriptions.List: \(subscriptions ?? [])")
                let orders = try s.call("Orders.List", ["customerId": id])["items"]?.arrayValue?.compactMap { $0["id"] }
                try s.context.expect(orders == [order["id"]!], "Orders.List: \(orders ?? [])")
                try s.call("Subscriptions.Get", ["subscriptionId": subscription["id"]!])
            },
            flow(
                "orders.same-sku-twice-refused",
                "Rule sameSkuTwice: buying a SKU the customer already holds is 6 ALREADY_EXISTS naming sku"
            ) { s in
                let (customer, _) = try s.customerWithSubscription("twice")
                try s.refused(
                    "Orders.Place",
                    ["customerId": customer["id"]!, "sku": .string(DomainSupport.flexibleSku), "seats": 1],
                    code: 6, status: "ALREADY_EXISTS", field: "sku")
            },
            flow(
                "orders.one-sku-per-family",
                "Rule oneSkuPerFamily: a second SKU of a family the customer holds is -32602 INVALID_ARGUMENT naming sku"
            ) { s in
                let (customer, _) = try s.customerWithSubscription("family")
                try s.invalidParam(
                    "Orders.Place", ["customerId": customer["id"]!, "sku": "ws-business-starter-flex", "seats": 1],
                    field: "sku")
            },
            flow(
                "orders.add-on-needs-base",
                "Rule addOnNeedsBase: an add-on without one of its base SKUs is 9 FAILED_PRECONDITION naming sku; with the base it is sold"
            ) { s in
                let customer = try s.createCustomer("addon")
                let id = customer["id"]!
                try s.refused(
                    "Orders.Place", ["customerId": id, "sku": "gemini-business-flex", "seats": 1], code: 9,
                    status: "FAILED_PRECONDITION", field: "sku")
                try s.call("Orders.Place", ["customerId": id, "sku": .string(DomainSupport.flexibleSku), "seats": 2])
                try s.call("Orders.Place", ["customerId": id, "sku": "gemini-business-flex", "seats": 1])
            },
            flow(
                "orders.education-only-skus",
                "DESIGN: education SKUs are sold only to education institutions: 9 FAILED_PRECONDITION naming sku otherwise"
            ) { s in
                let plain = try s.createCustomer("noedu")
                try s.refused(
                    "Orders.Place", ["customerId": plain["id"]!, "sku": "edu-standard-annual", "seats": 10], code: 9,
                    status: "FAILED_PRECONDITION", field: "sku")
                var params = s.domainCustomer(s.domain("school"))
                params["education"] = ["instituteType": "K12"]
                let school = try s.call("Customers.Create", params)
                try s.call("Orders.Place", ["customerId": school["id"]!, "sku": "edu-standard-annual", "seats": 10])
            },
            flow(
                "orders.team-customer-essentials-until-verified",
                "DESIGN: a team customer buys only Essentials until its domain is verified (9 FAILED_PRECONDITION naming sku), then other products"
            ) { s in
                var params = s.domainCustomer(s.domain("teambuy"))
                params["customerType"] = "TEAM"
                params["alternateEmail"] = nil
                params["primaryAdminEmail"] = "owner@example.org"
                let team = try s.call("Customers.Create", params)
                let id = team["id"]!
                try s.refused(
                    "Orders.Place", ["customerId": id, "sku": .string(DomainSupport.flexibleSku), "seats": 2], code: 9,
                    status: "FAILED_PRECONDITION", field: "sku")
                try s.call("Orders.Place", ["customerId": id, "sku": "ess-starter", "seats": 2])
                try s.call("AdminConsoleSim.VerifyDomain", ["customerId": id])
                try s.call("Orders.Place", ["customerId": id, "sku": .string(DomainSupport.flexibleSku), "seats": 2])
            },
            flow(
                "orders.unknown-sku-not-found",
                "Orders.Place: a SKU not in the catalogue is 5 NOT_FOUND naming sku"
            ) { s in
                let customer = try s.createCustomer("nosku")
                try s.refused(
                    "Orders.Place", ["customerId": customer["id"]!, "sku": "no-such-sku-conformance", "seats": 1],
                    code: 5,
                    status: "NOT_FOUND", field: "sku")
            },
            flow(
                "orders.seats-above-maximum-out-of-range",
                "Rule seatRange: more seats than the SKU's maximum is 11 OUT_OF_RANGE naming seats"
            ) { s in
                let customer = try s.createCustomer("maxseats")
                let products =
                    try s.call("Catalog.ListProducts", ["customerId": customer["id"]!])["items"]?.arrayValue ?? []
                guard let product = products.first(where: { $0["sku"] == .string(DomainSupport.flexibleSku) }),
                    let maximum = product["maxSeats"]?.intValue
                else { throw s.context.fail("the catalogue lacks \(DomainSupport.flexibleSku)") }
                try s.refused(
                    "Orders.Place",
                    [
                        "customerId": customer["id"]!, "sku": .string(DomainSupport.flexibleSku),
                        "seats": .int(maximum + 1),
                    ],
                    code: 11, status: "OUT_OF_RANGE", field: "seats")
            },
            flow(
                "orders.catalog-lists-eligible-products",
                "Catalog.ListProducts: every product validates against Product; a plain domain customer is offered no education-only SKU"
            ) { s in
                let all = try s.call("Catalog.ListProducts")["items"]?.arrayValue ?? []
                try s.context.expect(!all.isEmpty, "the catalogue is empty")
                let customer = try s.createCustomer("catalog")
                let offered =
                    try s.call("Catalog.ListProducts", ["customerId": customer["id"]!])["items"]?.arrayValue ?? []
                try s.context.expect(!offered.isEmpty, "nothing offered to a domain customer")
                try s.context.expect(
                    !offered.contains { $0["educationOnly"] == true },
                    "an education-only SKU offered to a non-education customer")
            },
        ]
    }

    /// Seats and the subscription state machine.
    static var subscriptions: [ConformanceCase] {
        [
            flow(
                "subscriptions.add-and-subtract-seats",
                "Subscriptions.ChangeSeats: a positive delta adds seats, a negative one removes them, seats sets the count; history records each change"
            ) { s in
                let (_, subscription) = try s.customerWithSubscription("seats", seats: 5)
                let id = subscription["id"]!
                try s.context.expect(
                    try s.call("Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": 3])["seats"] == 8,
                    "5 + 3 is not 8")
                try s.context.expect(
                    try s.call("Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": -2])["seats"] == 6,
                    "8 - 2 is not 6")
                try s.context.expect(
                    try s.call("Subscriptions.ChangeSeats", ["subscriptionId": id, "seats": 4])["seats"] == 4,
                    "seats 4 not set")
                let history = try s.call("Subscriptions.Get", ["subscriptionId": id])["history"]?.arrayValue ?? []
                try s.context.expect(
                    history.count >= 4, "history has \(history.count) entries, expected creation and three changes")
            },
            flow(
                "subscriptions.seat-range",
                "Rule seatRange: a change to zero seats is INVALID_ARGUMENT naming delta; above the SKU maximum is 11 OUT_OF_RANGE naming delta"
            ) { s in
                let (_, subscription) = try s.customerWithSubscription("range", seats: 5)
                let id = subscription["id"]!
                try s.invalidParam(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": -5], field: "delta")
                try s.refused(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": 100_000], code: 11,
                    status: "OUT_OF_RANGE", field: "delta")
                try s.invalidParam(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id, "seats": 0], field: "seats")
                try s.context.expect(
                    try s.call("Subscriptions.Get", ["subscriptionId": id])["seats"] == 5,
                    "a refused change changed the seats")
            },
            flow(
                "subscriptions.removing-more-than-held-out-of-range",
                "WIRE.md §5.2: removing more seats than a subscription holds is 11 OUT_OF_RANGE"
            ) { s in
                let (_, subscription) = try s.customerWithSubscription("overdraw", seats: 5)
                try s.refused(
                    "Subscriptions.ChangeSeats", ["subscriptionId": subscription["id"]!, "delta": -6], code: 11,
                    status: "OUT_OF_RANGE", field: "delta")
            },
            flow(
                "subscriptions.seat-change-form",
                "Rule seatChangeForm: both seats and delta, or neither, is -32602 INVALID_ARGUMENT"
            ) { s in
                let (_, subscription) = try s.customerWithSubscription("form")
                let id = subscription["id"]!
                try s.refused(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id, "seats": 3, "delta": 1], code: -32602,
                    status: "INVALID_ARGUMENT")
                try s.refused(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id], code: -32602, status: "INVALID_ARGUMENT")
            },
            flow(
                "subscriptions.annual-commitment",
                "Rule annualCommitment: an ANNUAL plan cannot go below its committed seats mid-term (9 FAILED_PRECONDITION naming delta); increases are allowed"
            ) { s in
                let (_, subscription) = try s.customerWithSubscription(
                    "annual", sku: "ws-business-standard-annual", seats: 5)
                let id = subscription["id"]!
                try s.context.expect(subscription["plan"] == "ANNUAL", "plan is \(subscription["plan"] ?? .null)")
                try s.refused(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": -1], code: 9,
                    status: "FAILED_PRECONDITION", field: "delta")
                try s.context.expect(
                    try s.call("Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": 2])["seats"] == 7,
                    "increase refused")
            },
            flow(
                "subscriptions.state-machine",
                "Subscriptions: ACTIVE -> SUSPENDED -> ACTIVE -> CANCELLED; seat changes need ACTIVE and a cancelled one stays cancelled (9 FAILED_PRECONDITION)"
            ) { s in
                let (customer, subscription) = try s.customerWithSubscription("states")
                let id = subscription["id"]!
                try s.context.expect(
                    try s.call("Subscriptions.Suspend", ["subscriptionId": id])["state"] == "SUSPENDED", "not suspended"
                )
                try s.refused(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": 1], code: 9,
                    status: "FAILED_PRECONDITION")
                try s.refused("Subscriptions.Suspend", ["subscriptionId": id], code: 9, status: "FAILED_PRECONDITION")
                try s.context.expect(
                    try s.call("Subscriptions.Activate", ["subscriptionId": id])["state"] == "ACTIVE", "not reactivated"
                )
                try s.context.expect(
                    try s.call("Subscriptions.Cancel", ["subscriptionId": id])["state"] == "CANCELLED", "not cancelled")
                try s.refused("Subscriptions.Activate", ["subscriptionId": id], code: 9, status: "FAILED_PRECONDITION")
                try s.refused(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": 1], code: 9,
                    status: "FAILED_PRECONDITION")
                let status = try s.call("Customers.Get", ["customerId": customer["id"]!])["subscriptionStatus"]
                try s.context.expect(status == "CANCELLED", "customer subscriptionStatus is \(status ?? .null)")
            },
            flow(
                "subscriptions.stale-etag-aborted",
                "DESIGN (persistence): a seat change with a stale etag is 10 ABORTED naming etag"
            ) { s in
                let (_, subscription) = try s.customerWithSubscription("subetag")
                let id = subscription["id"]!
                try s.call(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": 1, "etag": subscription["etag"]!])
                try s.refused(
                    "Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": 1, "etag": subscription["etag"]!],
                    code: 10,
                    status: "ABORTED", field: "etag")
            },
        ]
    }
}

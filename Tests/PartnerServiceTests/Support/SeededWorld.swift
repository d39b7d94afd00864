import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore
import Testing

/// One partner's resources of every kind, made through the API, and minimal valid params for
/// every partner-facing method that name them: the table the role and isolation tests share.
struct SeededWorld: Sendable {
    var customerId: String
    var invitedCustomerId: String
    var subscriptionId: String
    var invoiceId: String
    var contactId: String
    var contactEtag: String
    var customerEtag: String
    var billingEtag: String
    var partnerEtag: String
    var salesAgentId: String
    var salesAgentEtag: String
    var spareTokenId: String
    /// A client of an agent holding only `salesAgent`.
    var sales: PartnerClient
    /// A client of an agent holding only `adminAgent`.
    var admin: PartnerClient

    /// Params names that hold an id of the partner's resources.
    static let idParams: Set<String> = ["customerId", "subscriptionId", "invoiceId", "contactId", "agentId", "tokenId"]

    /// Builds the world with `client` (both roles): two single-role agents with tokens, an
    /// active customer with a subscription and a closed month's invoice, an invited customer,
    /// a contact. Moves the server's clock to the first of the next month.
    static func seed(_ server: TestServer, _ client: PartnerClient) async throws -> SeededWorld {
        let salesAgent = try await client.agents.create(
            .init(displayName: "Sales", email: "sales@reseller.example", roles: [.salesAgent]))
        let adminAgent = try await client.agents.create(
            .init(displayName: "Admin", email: "admin@reseller.example", roles: [.adminAgent]))
        let salesToken = try await client.tokens.create(.init(agentId: salesAgent.id, label: "sales"))
        let adminToken = try await client.tokens.create(.init(agentId: adminAgent.id, label: "admin"))
        let spare = try await client.tokens.create(.init(agentId: salesAgent.id, label: "spare"))
        let (customer, subscription) = try await Fixtures.customerWithSubscription(client, domain: "seeded-world.it")
        let invited = try await client.invitations.send(
            .init(
                name: "Invited", email: "boss@invited-world.it", domain: "invited-world.it", organisationName: "Invited"
            ))
        let contact = try await client.contacts.create(
            .init(
                customerId: customer.id, firstName: "Carla", lastName: "Bassi", businessEmail: "carla@example.org",
                types: [.technical]))
        server.clock.set(Timestamp(year: 2026, month: 4, day: 1))
        let closing = try await client.invoices.closeBillingPeriod(.init(billingMonth: "2026-03"))
        let invoice = try #require(closing.invoices.first)
        let billing = try await client.billingProfiles.get(.init(customerId: customer.id))
        let partner = try await client.partners.getProfile(.init())
        let current = try await client.customers.get(.init(customerId: customer.id))
        return SeededWorld(
            customerId: customer.id, invitedCustomerId: invited.customer.id, subscriptionId: subscription.id,
            invoiceId: invoice.id, contactId: contact.id, contactEtag: contact.etag, customerEtag: current.etag,
            billingEtag: billing.etag, partnerEtag: partner.etag, salesAgentId: salesAgent.id,
            salesAgentEtag: salesAgent.etag, spareTokenId: spare.token.id,
            sales: server.client(token: salesToken.secret), admin: server.client(token: adminToken.secret))
    }

    /// Minimal valid params of `operation`, naming this world's resources wherever the method
    /// takes an id.
    func params(_ operation: Operation) -> JSONValue {
        let customer: JSONValue = .string(customerId)
        switch operation {
        case .partnersGetProfile, .agentsList, .customersList, .notificationsList, .eventsWatch:
            return [:]
        case .auditList: return ["customerId": customer]
        case .partnersUpdateProfile: return ["etag": .string(partnerEtag), "name": "Renamed reseller"]
        case .agentsCreate: return ["displayName": "New", "email": "new@reseller.example", "roles": ["salesAgent"]]
        case .agentsUpdate:
            return ["agentId": .string(salesAgentId), "etag": .string(salesAgentEtag), "displayName": "Sales 2"]
        case .tokensCreate: return ["agentId": .string(salesAgentId)]
        case .tokensList: return ["agentId": .string(salesAgentId)]
        case .tokensRevoke: return ["tokenId": .string(spareTokenId)]
        case .customersCheckDomain: return ["domain": "seeded-world.it"]
        case .customersCreate: return Fixtures.json(Fixtures.domainCustomer("another-world.it"))
        case .customersGet, .customersSyncWithAdminConsole, .customersDelete, .customersSuspend, .customersReactivate,
            .companyProfilesGet, .billingProfilesGet,
            .usersList, .catalogListProducts, .ordersList, .subscriptionsList, .invoicesList:
            return ["customerId": customer]
        case .customersUpdate:
            return [
                "customerId": customer, "etag": .string(customerEtag), "updateMask": ["displayName"],
                "displayName": "Z",
            ]
        case .invitationsSend:
            return ["name": "N", "email": "n@fresh-world.it", "domain": "fresh-world.it", "organisationName": "Fresh"]
        case .invitationsResend, .invitationsRevoke: return ["customerId": .string(invitedCustomerId)]
        case .billingProfilesUpdate:
            return [
                "customerId": customer, "etag": .string(billingEtag),
                "billingContact": ["name": "Accounts", "email": "ap@example.org"],
            ]
        case .usersCreate:
            return ["customerId": customer, "firstName": "U", "lastName": "V", "email": "u@seeded-world.it"]
        case .contactsCreate:
            return [
                "customerId": customer, "firstName": "F", "lastName": "L", "businessEmail": "f@example.org",
                "types": ["BILLING"],
            ]
        case .contactsList: return ["customerId": customer]
        case .contactsUpdate: return ["contactId": .string(contactId), "etag": .string(contactEtag), "jobTitle": "CTO"]
        case .contactsDelete: return ["contactId": .string(contactId)]
        case .contactsSetPrimary: return ["contactId": .string(contactId), "type": "BILLING"]
        case .ordersPlace: return ["customerId": customer, "sku": "ci-premium-flex", "seats": 1]
        case .subscriptionsGet, .subscriptionsSuspend, .subscriptionsActivate, .subscriptionsCancel,
            .subscriptionsStartPaidService, .subscriptionsListHistory:
            return ["subscriptionId": .string(subscriptionId)]
        case .subscriptionsUpdateRenewalSettings:
            return ["subscriptionId": .string(subscriptionId), "autoRenew": false]
        case .subscriptionsChangeSeats: return ["subscriptionId": .string(subscriptionId), "delta": 1]
        case .invoicesGet: return ["invoiceId": .string(invoiceId)]
        case .invoicesDownload: return ["invoiceId": .string(invoiceId), "format": "CSV"]
        case .invoicesCloseBillingPeriod: return ["billingMonth": "2026-02"]
        case .adminConsoleSimRegisterAccount: return ["domain": "upstream-only.it", "edition": "BUSINESS"]
        case .adminConsoleSimChangeDomain: return ["customerId": customer, "domain": "seeded-world-new.it"]
        case .adminConsoleSimRenameOrganisation: return ["customerId": customer, "organisationName": "Renamed S.p.A."]
        case .adminConsoleSimChangeAlternateEmail: return ["customerId": customer, "alternateEmail": "alt@example.net"]
        case .adminConsoleSimGrantResellerAccess, .adminConsoleSimRevokeResellerAccess, .adminConsoleSimVerifyDomain:
            return ["customerId": customer]
        }
    }

    /// Calls `operation` with this world's params through `client`; a streaming method is
    /// opened and its first outcome (an item, or the status that ended it) awaited briefly.
    /// - Returns: the status it failed with, or `nil` when it answered.
    static func outcome(of operation: Operation, params: JSONValue, via client: PartnerClient) async -> RPCError.Code? {
        let options = RPCCallOptions(timeout: .seconds(10))
        do {
            if PartnerSchema.methodsByName[operation.method]?.isStreaming == true {
                let stream = client.caller.rpc.serverStream(
                    operation.method, params: params, options: .init(timeout: .milliseconds(300)))
                var items = stream.makeAsyncIterator()
                _ = try await items.next()
                return nil
            }
            _ = try await client.call(operation.method, params: params, options: options)
            return nil
        } catch {
            return error.code == .deadlineExceeded && PartnerSchema.methodsByName[operation.method]?.isStreaming == true
                ? nil : error.code
        }
    }
}

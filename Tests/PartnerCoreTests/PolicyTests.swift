import Testing

@testable import PartnerCore

/// The policy table written out again from the words, so the code's table is checked
/// against an independent copy: sales = create/invite customers, orders, seat changes, cancel,
/// renewal settings, starting paid service of a trial;
/// admin = sync, suspend/activate, delete, agents and tokens, partner profile, audit, close
/// billing periods, simulator controls; both = every other read, account/company/billing
/// updates, users, contacts.
private let salesOnly: Set<String> = [
    "Customers.Create", "Invitations.Send", "Invitations.Resend", "Invitations.Revoke",
    "Orders.Place", "Subscriptions.ChangeSeats", "Subscriptions.Cancel", "Subscriptions.UpdateRenewalSettings",
    "Subscriptions.StartPaidService",
]
private let adminOnly: Set<String> = [
    "Customers.SyncWithAdminConsole", "Customers.Delete", "Customers.Suspend", "Customers.Reactivate",
    "Subscriptions.Suspend", "Subscriptions.Activate",
    "Agents.Create", "Agents.List", "Agents.Update", "Tokens.Create", "Tokens.List", "Tokens.Revoke",
    "Partners.UpdateProfile", "Audit.List", "Invoices.CloseBillingPeriod",
    "AdminConsoleSim.RegisterAccount", "AdminConsoleSim.ChangeDomain", "AdminConsoleSim.ChangeAlternateEmail",
    "AdminConsoleSim.GrantResellerAccess", "AdminConsoleSim.RevokeResellerAccess", "AdminConsoleSim.VerifyDomain",
    "AdminConsoleSim.RenameOrganisation",
]
private let roleSets: [Set<Role>] = [[.salesAgent], [.adminAgent], [.salesAgent, .adminAgent], []]

@Suite("Policy")
struct PolicyTests {
    @Test(
        "every operation x every role set follows the table",
        arguments: Operation.allCases, roleSets)
    func table(operation: Operation, roles: Set<Role>) {
        let caller = Caller(partnerId: "ptn_1", agentId: "agt_1", roles: roles)
        let expected: Bool
        if salesOnly.contains(operation.method) {
            expected = roles.contains(.salesAgent)
        } else if adminOnly.contains(operation.method) {
            expected = roles.contains(.adminAgent)
        } else {
            expected = !roles.isEmpty
        }
        #expect(Policy.allows(operation, caller) == expected)
        do {
            try Policy.authorize(operation, caller)
            #expect(expected)
        } catch {
            #expect(!expected)
            #expect(error.code == .permissionDenied)
            #expect(error.message.contains(operation.method))
            for role in Policy.allowedRoles(operation) { #expect(error.message.contains(role.rawValue)) }
        }
    }

    @Test("the independent table names only real operations")
    func tableNamesRealOperations() {
        let methods = Set(Operation.allCases.map(\.method))
        #expect(salesOnly.isSubset(of: methods))
        #expect(adminOnly.isSubset(of: methods))
    }

    @Test("token-based and public methods are not operations")
    func tokenBasedMethodsAreNotOperations() {
        let methods = Set(Operation.allCases.map(\.method))
        for method in ["Health.Check", "Health.Watch", "rpc.discover", "Invitations.Accept", "Contacts.ConfirmEmail"] {
            #expect(!methods.contains(method))
        }
        #expect(Operation.allCases.count == 56)
    }

    @Test("reads are marked non-mutating, changes mutating")
    func mutatingFlags() {
        #expect(!Operation.customersGet.isMutating)
        #expect(!Operation.eventsWatch.isMutating)
        #expect(Operation.customersCreate.isMutating)
        #expect(Operation.adminConsoleSimVerifyDomain.isMutating)
    }
}

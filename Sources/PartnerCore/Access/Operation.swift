/// Every partner-facing operation, named by its wire method (`Protocol/partner.openrpc.json`).
///
/// Token-based and public methods (`Health.*`, `rpc.discover`, `Invitations.Accept`,
/// `Contacts.ConfirmEmail`) are not here: they carry no agent and no role.
public enum Operation: String, Sendable, Hashable, Codable, CaseIterable {
    // Partners, agents, tokens
    case partnersGetProfile = "Partners.GetProfile"
    case partnersUpdateProfile = "Partners.UpdateProfile"
    case agentsCreate = "Agents.Create"
    case agentsList = "Agents.List"
    case agentsUpdate = "Agents.Update"
    case tokensCreate = "Tokens.Create"
    case tokensList = "Tokens.List"
    case tokensRevoke = "Tokens.Revoke"

    // Customers
    case customersCheckDomain = "Customers.CheckDomain"
    case customersCreate = "Customers.Create"
    case customersGet = "Customers.Get"
    case customersList = "Customers.List"
    case customersUpdate = "Customers.Update"
    case customersSyncWithAdminConsole = "Customers.SyncWithAdminConsole"
    case customersDelete = "Customers.Delete"
    case customersSuspend = "Customers.Suspend"
    case customersReactivate = "Customers.Reactivate"

    // Invitations
    case invitationsSend = "Invitations.Send"
    case invitationsResend = "Invitations.Resend"
    case invitationsRevoke = "Invitations.Revoke"

    // Profiles
    case companyProfilesGet = "CompanyProfiles.Get"
    case billingProfilesGet = "BillingProfiles.Get"
    case billingProfilesUpdate = "BillingProfiles.Update"

    // Users and contacts
    case usersList = "Users.List"
    case usersCreate = "Users.Create"
    case contactsCreate = "Contacts.Create"
    case contactsList = "Contacts.List"
    case contactsUpdate = "Contacts.Update"
    case contactsDelete = "Contacts.Delete"
    case contactsSetPrimary = "Contacts.SetPrimary"

    // Commerce
    case catalogListProducts = "Catalog.ListProducts"
    case ordersPlace = "Orders.Place"
    case ordersList = "Orders.List"
    case subscriptionsGet = "Subscriptions.Get"
    case subscriptionsList = "Subscriptions.List"
    case subscriptionsChangeSeats = "Subscriptions.ChangeSeats"
    case subscriptionsSuspend = "Subscriptions.Suspend"
    case subscriptionsActivate = "Subscriptions.Activate"
    case subscriptionsCancel = "Subscriptions.Cancel"
    case subscriptionsUpdateRenewalSettings = "Subscriptions.UpdateRenewalSettings"
    case subscriptionsStartPaidService = "Subscriptions.StartPaidService"
    case subscriptionsListHistory = "Subscriptions.ListHistory"
    case invoicesList = "Invoices.List"
    case invoicesGet = "Invoices.Get"
    case invoicesDownload = "Invoices.Download"
    case invoicesCloseBillingPeriod = "Invoices.CloseBillingPeriod"

    // Journals
    case notificationsList = "Notifications.List"
    case auditList = "Audit.List"
    case eventsWatch = "Events.Watch"

    // Admin console simulator controls
    case adminConsoleSimRegisterAccount = "AdminConsoleSim.RegisterAccount"
    case adminConsoleSimChangeDomain = "AdminConsoleSim.ChangeDomain"
    case adminConsoleSimChangeAlternateEmail = "AdminConsoleSim.ChangeAlternateEmail"
    case adminConsoleSimGrantResellerAccess = "AdminConsoleSim.GrantResellerAccess"
    case adminConsoleSimRevokeResellerAccess = "AdminConsoleSim.RevokeResellerAccess"
    case adminConsoleSimVerifyDomain = "AdminConsoleSim.VerifyDomain"
    case adminConsoleSimRenameOrganisation = "AdminConsoleSim.RenameOrganisation"

    /// The wire method name, e.g. `Customers.Create`.
    public var method: String { rawValue }

    /// Whether the operation changes state (audited, emits events, honours idempotency keys).
    public var isMutating: Bool {
        switch self {
        case .partnersGetProfile, .agentsList, .tokensList, .customersCheckDomain, .customersGet,
            .customersList, .companyProfilesGet, .billingProfilesGet, .usersList, .contactsList,
            .catalogListProducts, .ordersList, .subscriptionsGet, .subscriptionsList, .subscriptionsListHistory,
            .invoicesList,
            .invoicesGet, .invoicesDownload, .notificationsList, .auditList, .eventsWatch:
            false
        default:
            true
        }
    }
}

/// The one table of who may do what. Authorization happens in the domain, here, so the whole
/// matrix is testable without any RPC.
///
/// The table (from the seeds):
/// - sales agents: create and invite customers, place orders, change seats, cancel subscriptions,
///   renewal settings, start paid service of trials;
/// - admin agents: sync with the admin console, suspend/activate subscriptions, suspend/reactivate
///   and delete customers,
///   agents and tokens (including listing them), the partner profile update, the audit log,
///   closing billing periods, the admin console simulator controls;
/// - either role: every other read, customer account/company/billing updates, users, contacts.
public enum Policy {
    /// Either role.
    public static let anyAgent: Set<Role> = [.salesAgent, .adminAgent]
    /// Sales agents only.
    public static let sales: Set<Role> = [.salesAgent]
    /// Admin agents only.
    public static let admin: Set<Role> = [.adminAgent]

    /// The roles of which a caller needs at least one to run `operation`.
    public static func allowedRoles(_ operation: Operation) -> Set<Role> {
        switch operation {
        // Sales
        case .customersCreate, .invitationsSend, .invitationsResend, .invitationsRevoke,
            .ordersPlace, .subscriptionsChangeSeats, .subscriptionsCancel, .subscriptionsUpdateRenewalSettings,
            .subscriptionsStartPaidService:
            sales
        // Admin
        case .customersSyncWithAdminConsole, .customersDelete, .customersSuspend, .customersReactivate,
            .subscriptionsSuspend, .subscriptionsActivate,
            .agentsCreate, .agentsList, .agentsUpdate, .tokensCreate, .tokensList, .tokensRevoke,
            .partnersUpdateProfile, .auditList, .invoicesCloseBillingPeriod,
            .adminConsoleSimRegisterAccount, .adminConsoleSimChangeDomain,
            .adminConsoleSimChangeAlternateEmail, .adminConsoleSimGrantResellerAccess,
            .adminConsoleSimRevokeResellerAccess, .adminConsoleSimVerifyDomain, .adminConsoleSimRenameOrganisation:
            admin
        // Both: reads, account/company/billing updates, users and contacts
        case .partnersGetProfile, .customersCheckDomain, .customersGet, .customersList,
            .customersUpdate, .companyProfilesGet, .billingProfilesGet, .billingProfilesUpdate,
            .usersList, .usersCreate, .contactsCreate, .contactsList, .contactsUpdate, .contactsDelete,
            .contactsSetPrimary,
            .catalogListProducts, .ordersList, .subscriptionsGet, .subscriptionsList,
            .subscriptionsListHistory,
            .invoicesList, .invoicesGet, .invoicesDownload, .notificationsList, .eventsWatch:
            anyAgent
        }
    }

    /// Whether `caller` may run `operation`.
    public static func allows(_ operation: Operation, _ caller: Caller) -> Bool {
        !allowedRoles(operation).isDisjoint(with: caller.roles)
    }

    /// Checks `caller` against the table.
    /// - Throws: PERMISSION_DENIED naming the operation and the roles that would allow it.
    public static func authorize(_ operation: Operation, _ caller: Caller) throws(DomainError) {
        guard allows(operation, caller) else {
            let needed = allowedRoles(operation).sorted().map(\.rawValue).joined(separator: " or ")
            let held = caller.roles.isEmpty ? "none" : caller.roles.sorted().map(\.rawValue).joined(separator: ", ")
            throw DomainError.permissionDenied(
                "\(operation.method) needs role \(needed); agent \(caller.agentId) holds \(held)")
        }
    }
}

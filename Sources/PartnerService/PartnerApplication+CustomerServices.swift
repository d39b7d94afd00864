import FramedRPC

extension PartnerApplication {
    /// The customer-side services: customers, invitations, profiles, users, contacts, the
    /// outbox, the audit log and the admin console simulator.
    static func customerServices(backend: PartnerBackend) -> [any RPCService] {
        [
            CustomersService(backend: backend), InvitationsService(backend: backend),
            CompanyProfilesService(backend: backend), BillingProfilesService(backend: backend),
            UsersService(backend: backend), ContactsService(backend: backend),
            NotificationsService(backend: backend), AuditService(backend: backend),
            AdminConsoleSimService(backend: backend),
        ]
    }
}

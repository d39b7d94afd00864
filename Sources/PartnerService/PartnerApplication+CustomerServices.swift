import FramedRPC

extension PartnerApplication {
    /// The customer-side services: customers, invitations, profiles, users, contacts, the
    /// outbox, the audit log and the admin console simulator.
    static func customerServices(backend: PartnerBackend) -> [any RPCService] {
        []
    }
}

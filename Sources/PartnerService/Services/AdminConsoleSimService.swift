import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore

/// `AdminConsoleSim.*`: what a customer does in its own admin console, played by the
/// embedded simulator (register an account, change the domain or alternate email, grant or
/// revoke reseller access, verify a team customer's domain).
struct AdminConsoleSimService: AdminConsoleSim.ServiceProtocol {
    let backend: PartnerBackend
    var operations: AdminConsoleSimOperations { AdminConsoleSimOperations(context: backend.context) }

    func registerAccount(_ request: AdminConsoleSim.RegisterAccountRequest, context: RPCServerContext) async throws
        -> PartnerAPI.UpstreamAccount
    {
        let edition = try WireMapping.edition(request.edition)
        return try await account(context, request) {
            try $0.registerAccount(domain: request.domain, edition: edition, caller: $1, in: $2)
        }
    }

    func changeDomain(_ request: AdminConsoleSim.ChangeDomainRequest, context: RPCServerContext) async throws
        -> PartnerAPI.UpstreamAccount
    {
        try await account(context, request) {
            try $0.changeDomain(customerId: request.customerId, domain: request.domain, caller: $1, in: $2)
        }
    }

    func changeAlternateEmail(_ request: AdminConsoleSim.ChangeAlternateEmailRequest, context: RPCServerContext)
        async throws -> PartnerAPI.UpstreamAccount
    {
        try await account(context, request) {
            try $0.changeAlternateEmail(
                customerId: request.customerId, alternateEmail: request.alternateEmail, caller: $1, in: $2)
        }
    }

    func renameOrganisation(_ request: AdminConsoleSim.RenameOrganisationRequest, context: RPCServerContext)
        async throws -> PartnerAPI.UpstreamAccount
    {
        try await account(context, request) {
            try $0.renameOrganisation(
                customerId: request.customerId, organisationName: request.organisationName, caller: $1, in: $2)
        }
    }

    func grantResellerAccess(_ request: AdminConsoleSim.CustomerRequest, context: RPCServerContext) async throws
        -> PartnerAPI.UpstreamAccount
    {
        try await account(context, request) {
            try $0.grantResellerAccess(customerId: request.customerId, caller: $1, in: $2)
        }
    }

    func revokeResellerAccess(_ request: AdminConsoleSim.CustomerRequest, context: RPCServerContext) async throws
        -> PartnerAPI.UpstreamAccount
    {
        try await account(context, request) {
            try $0.revokeResellerAccess(customerId: request.customerId, caller: $1, in: $2)
        }
    }

    func verifyDomain(_ request: AdminConsoleSim.CustomerRequest, context: RPCServerContext) async throws
        -> PartnerAPI.UpstreamAccount
    {
        try await account(context, request) { try $0.verifyDomain(customerId: request.customerId, caller: $1, in: $2) }
    }

    /// Runs one simulator action as an idempotent write and answers the account it leaves.
    private func account(
        _ context: RPCServerContext, _ request: some JSONEncodable & Sendable,
        _ action:
            @escaping @Sendable (AdminConsoleSimOperations, Caller, any StoreWriting) throws ->
            PartnerCore.UpstreamAccount
    ) async throws -> PartnerAPI.UpstreamAccount {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.UpstreamAccount(try action(operations, caller, tx))
        }
    }
}

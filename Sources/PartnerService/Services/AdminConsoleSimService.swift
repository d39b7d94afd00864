import FramedRPC
import PartnerAPI
import PartnerCore

/// `AdminConsoleSim.*`: what a customer does in its own admin console, played by the
/// embedded simulator (register an account, change the domain or alternate email, grant or
/// revoke reseller access, verify a team customer's domain).
struct AdminConsoleSimService: AdminConsoleSim.ServiceProtocol {
    let backend: PartnerBackend
    var operations: AdminConsoleSimOperations { AdminConsoleSimOperations(context: backend.context) }

    func registerAccount(
        _ request: AdminConsoleSim.RegisterAccountRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.UpstreamAccount {
        let operations = operations
        let edition = try WireMapping.edition(request.edition)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.UpstreamAccount(
                try operations.registerAccount(domain: request.domain, edition: edition, caller: caller, in: tx))
        }
    }

    func changeDomain(
        _ request: AdminConsoleSim.ChangeDomainRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.UpstreamAccount {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.UpstreamAccount(
                try operations.changeDomain(
                    customerId: request.customerId, domain: request.domain, caller: caller, in: tx))
        }
    }

    func changeAlternateEmail(
        _ request: AdminConsoleSim.ChangeAlternateEmailRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.UpstreamAccount {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.UpstreamAccount(
                try operations.changeAlternateEmail(
                    customerId: request.customerId, alternateEmail: request.alternateEmail, caller: caller, in: tx))
        }
    }

    func renameOrganisation(
        _ request: AdminConsoleSim.RenameOrganisationRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.UpstreamAccount {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.UpstreamAccount(
                try operations.renameOrganisation(
                    customerId: request.customerId, organisationName: request.organisationName, caller: caller, in: tx))
        }
    }

    func grantResellerAccess(
        _ request: AdminConsoleSim.CustomerRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.UpstreamAccount {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.UpstreamAccount(
                try operations.grantResellerAccess(customerId: request.customerId, caller: caller, in: tx))
        }
    }

    func revokeResellerAccess(
        _ request: AdminConsoleSim.CustomerRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.UpstreamAccount {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.UpstreamAccount(
                try operations.revokeResellerAccess(customerId: request.customerId, caller: caller, in: tx))
        }
    }

    func verifyDomain(
        _ request: AdminConsoleSim.CustomerRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.UpstreamAccount {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.UpstreamAccount(
                try operations.verifyDomain(customerId: request.customerId, caller: caller, in: tx))
        }
    }
}

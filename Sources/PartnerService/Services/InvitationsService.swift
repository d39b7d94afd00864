import FramedRPC
import PartnerAPI
import PartnerCore

/// `Invitations.*`: invite a customer by email, resend, revoke, and the public, token-based
/// accept.
struct InvitationsService: Invitations.ServiceProtocol {
    let backend: PartnerBackend
    var operations: InvitationOperations { InvitationOperations(context: backend.context) }

    func send(_ request: Invitations.SendRequest, context: RPCServerContext) async throws -> Invitations.SendResponse {
        let operations = operations
        let clock = backend.context.clock
        let input = NewInvitation(
            name: request.name, email: request.email, domain: request.domain,
            organisationName: request.organisationName,
            regionCode: request.regionCode, languageCode: request.languageCode, timeZone: request.timeZone)
        return try await backend.write(context, request: request) { caller, tx in
            let sent = try operations.send(input, caller: caller, in: tx)
            return Invitations.SendResponse(
                customer: PartnerAPI.Customer(sent.customer),
                invitation: PartnerAPI.Invitation(sent.invitation, now: clock.now()))
        }
    }

    func resend(_ request: Invitations.CustomerRequest, context: RPCServerContext) async throws -> PartnerAPI.Invitation
    {
        let operations = operations
        let clock = backend.context.clock
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Invitation(
                try operations.resend(customerId: request.customerId, caller: caller, in: tx), now: clock.now())
        }
    }

    func revoke(_ request: Invitations.CustomerRequest, context: RPCServerContext) async throws -> PartnerAPI.Invitation
    {
        let operations = operations
        let clock = backend.context.clock
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Invitation(
                try operations.revoke(customerId: request.customerId, caller: caller, in: tx), now: clock.now())
        }
    }

    /// Public: the one-time token is the credential, no agent is involved.
    func accept(_ request: Invitations.AcceptRequest, context: RPCServerContext) async throws -> PartnerAPI.Customer {
        let operations = operations
        return try await backend.writeWithoutCaller(context, request: request) { tx in
            PartnerAPI.Customer(try operations.accept(token: request.token, in: tx))
        }
    }
}

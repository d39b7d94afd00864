import FramedRPC
import PartnerAPI
import PartnerCore

/// `Partners.*`: the partner's own profile.
struct PartnersService: Partners.ServiceProtocol {
    let backend: PartnerBackend
    var operations: PartnerOperations { PartnerOperations(context: backend.context) }

    func getProfile(_ request: Empty, context: RPCServerContext) async throws -> PartnerAPI.Partner {
        let operations = operations
        return try await backend.read(context) { caller, tx in
            PartnerAPI.Partner(try operations.getProfile(caller: caller, in: tx))
        }
    }

    func updateProfile(_ request: Partners.UpdateProfileRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Partner
    {
        let operations = operations
        let update = PartnerProfileUpdate(
            name: request.name, websiteUrl: request.websiteUrl, phoneNumber: request.phoneNumber,
            supportEmail: request.supportEmail, etag: request.etag)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Partner(try operations.updateProfile(update, caller: caller, in: tx))
        }
    }
}

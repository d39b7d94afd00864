import FramedRPC
import PartnerAPI
import PartnerCore

/// `CompanyProfiles.Get`: the customer's legal identity, read-only for partners.
struct CompanyProfilesService: CompanyProfiles.ServiceProtocol {
    let backend: PartnerBackend
    var operations: ProfileOperations { ProfileOperations(context: backend.context) }

    func get(_ request: Customers.GetRequest, context: RPCServerContext) async throws -> PartnerAPI.CompanyProfile {
        let operations = operations
        return try await backend.read(context) { caller, tx in
            PartnerAPI.CompanyProfile(try operations.company(customerId: request.customerId, caller: caller, in: tx))
        }
    }
}

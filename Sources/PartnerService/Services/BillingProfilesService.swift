import FramedRPC
import PartnerAPI
import PartnerCore

/// `BillingProfiles.*`: the customer's billing address and contact, with their own etag.
struct BillingProfilesService: BillingProfiles.ServiceProtocol {
    let backend: PartnerBackend
    var operations: ProfileOperations { ProfileOperations(context: backend.context) }

    func get(_ request: Customers.GetRequest, context: RPCServerContext) async throws -> PartnerAPI.BillingProfile {
        let operations = operations
        return try await backend.read(context) { caller, tx in
            PartnerAPI.BillingProfile(try operations.billing(customerId: request.customerId, caller: caller, in: tx))
        }
    }

    func update(_ request: BillingProfiles.UpdateRequest, context: RPCServerContext) async throws
        -> PartnerAPI.BillingProfile
    {
        let operations = operations
        let input = BillingProfileUpdate(
            customerId: request.customerId, etag: request.etag,
            billingAddress: request.billingAddress.map(PartnerCore.PostalAddress.init),
            billingContact: request.billingContact.map(PartnerCore.BillingContact.init))
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.BillingProfile(try operations.updateBilling(input, caller: caller, in: tx))
        }
    }
}

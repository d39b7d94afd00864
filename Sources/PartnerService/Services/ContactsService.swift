import FramedRPC
import PartnerAPI
import PartnerCore

/// `Contacts.*`: contacts of the partner and of each customer, and the public, token-based
/// confirmation of a user-linked contact's new email.
struct ContactsService: Contacts.ServiceProtocol {
    let backend: PartnerBackend
    var operations: ContactOperations { ContactOperations(context: backend.context) }

    func create(_ request: Contacts.CreateRequest, context: RPCServerContext) async throws -> PartnerAPI.Contact {
        let operations = operations
        let input = NewContact(
            customerId: request.customerId, userId: request.userId, firstName: request.firstName,
            lastName: request.lastName, businessEmail: request.businessEmail, businessPhone: request.businessPhone,
            jobTitle: request.jobTitle, types: WireMapping.contactTypes(request.types))
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Contact(try operations.create(input, caller: caller, in: tx))
        }
    }

    func list(_ request: Contacts.ListRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Page<PartnerAPI.Contact>
    {
        let operations = operations
        return try await backend.readPage(context, request.pageSize, request.pageToken, as: PartnerAPI.Contact.init) {
            page, caller, tx in try operations.list(customerId: request.customerId, page: page, caller: caller, in: tx)
        }
    }

    /// A new `businessEmail` of a user-linked contact comes back as `pendingEmail` until
    /// `Contacts.ConfirmEmail`.
    func update(_ request: Contacts.UpdateRequest, context: RPCServerContext) async throws -> PartnerAPI.Contact {
        let operations = operations
        let input = ContactUpdate(
            contactId: request.contactId, etag: request.etag, firstName: request.firstName, lastName: request.lastName,
            businessEmail: request.businessEmail, businessPhone: request.businessPhone, jobTitle: request.jobTitle,
            types: request.types.map(WireMapping.contactTypes))
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Contact(try operations.update(input, caller: caller, in: tx))
        }
    }

    func delete(_ request: Contacts.ContactRequest, context: RPCServerContext) async throws -> PartnerAPI.Contact {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Contact(
                try operations.delete(
                    contactId: request.contactId, successorContactId: request.successorContactId, caller: caller,
                    in: tx))
        }
    }

    func setPrimary(_ request: Contacts.SetPrimaryRequest, context: RPCServerContext) async throws -> PartnerAPI.Contact
    {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Contact(
                try operations.setPrimary(
                    contactId: request.contactId, type: PartnerCore.ContactType(request.type), etag: request.etag,
                    caller: caller, in: tx))
        }
    }

    /// Public: the one-time token from the verification email is the credential.
    func confirmEmail(_ request: Contacts.ConfirmEmailRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Contact
    {
        let operations = operations
        return try await backend.writeWithoutCaller(context, request: request) { tx in
            PartnerAPI.Contact(try operations.confirmEmail(token: request.token, in: tx))
        }
    }
}

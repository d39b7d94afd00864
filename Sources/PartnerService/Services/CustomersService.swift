import FramedRPC
import PartnerAPI
import PartnerCore

/// `Customers.*`: the partner's customers — domain check, create, read, list, update, sync
/// with the admin console, delete.
struct CustomersService: Customers.ServiceProtocol {
    let backend: PartnerBackend
    var operations: CustomerOperations { CustomerOperations(context: backend.context) }

    func checkDomain(
        _ request: Customers.CheckDomainRequest, context: RPCServerContext
    ) async throws -> Customers.CheckDomainResponse {
        let operations = operations
        return try await backend.read(context) { caller, tx in
            Customers.CheckDomainResponse(try operations.checkDomain(request.domain, caller: caller, in: tx))
        }
    }

    func create(_ request: Customers.CreateRequest, context: RPCServerContext) async throws -> PartnerAPI.Customer {
        let operations = operations
        let input = NewCustomer(
            organisationName: request.organisationName, displayName: request.displayName,
            primaryDomain: request.primaryDomain, customerType: PartnerCore.CustomerType(request.customerType),
            education: request.education.map(PartnerCore.EducationData.init),
            postalAddress: PartnerCore.PostalAddress(request.postalAddress),
            primaryAdminEmail: request.primaryAdminEmail,
            alternateEmail: request.alternateEmail, phoneNumber: request.phoneNumber,
            languageCode: request.languageCode,
            regionCode: request.regionCode, timeZone: request.timeZone)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Customer(try operations.create(input, caller: caller, in: tx))
        }
    }

    /// The customer with `adminConsoleMismatch` filled from the admin console port, read in
    /// the same snapshot as the customer.
    func get(_ request: Customers.GetRequest, context: RPCServerContext) async throws -> PartnerAPI.Customer {
        let operations = operations
        return try await backend.read(context) { caller, tx in
            PartnerAPI.Customer(try operations.get(request.customerId, caller: caller, in: tx))
        }
    }

    func list(
        _ request: Customers.ListRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Page<PartnerAPI.Customer> {
        let operations = operations
        let filter = CustomerFilter(
            text: request.text, customerType: request.customerType.map(PartnerCore.CustomerType.init),
            state: request.state.map(PartnerCore.CustomerState.init), education: request.education,
            expression: request.filter, orderBy: request.orderBy)
        return try await backend.readPage(context, request.pageSize, request.pageToken, as: PartnerAPI.Customer.init) {
            page, caller, tx in try operations.list(filter, page: page, caller: caller, in: tx)
        }
    }

    func update(_ request: Customers.UpdateRequest, context: RPCServerContext) async throws -> PartnerAPI.Customer {
        let operations = operations
        let input = CustomerUpdate(
            customerId: request.customerId, etag: request.etag, updateMask: request.updateMask,
            displayName: request.displayName, postalAddress: request.postalAddress.map(PartnerCore.PostalAddress.init),
            primaryAdminEmail: request.primaryAdminEmail, alternateEmail: request.alternateEmail,
            phoneNumber: request.phoneNumber, languageCode: request.languageCode, regionCode: request.regionCode,
            timeZone: request.timeZone, education: request.education.map(PartnerCore.EducationData.init))
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Customer(try operations.update(input, caller: caller, in: tx))
        }
    }

    func syncWithAdminConsole(_ request: Customers.SyncRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Customer
    {
        let operations = operations
        let fields = try WireMapping.syncFields(request.fields)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Customer(
                try operations.syncWithAdminConsole(
                    request.customerId, fields: fields, etag: request.etag, caller: caller, in: tx))
        }
    }

    func delete(_ request: Customers.DeleteRequest, context: RPCServerContext) async throws -> PartnerAPI.Customer {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Customer(try operations.delete(request.customerId, etag: request.etag, caller: caller, in: tx))
        }
    }

    func suspend(_ request: Customers.StateChangeRequest, context: RPCServerContext) async throws -> PartnerAPI.Customer
    {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Customer(
                try operations.suspend(
                    request.customerId, etag: request.etag, reason: request.reason, caller: caller, in: tx))
        }
    }

    func reactivate(_ request: Customers.StateChangeRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Customer
    {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Customer(
                try operations.reactivate(
                    request.customerId, etag: request.etag, reason: request.reason, caller: caller, in: tx))
        }
    }
}

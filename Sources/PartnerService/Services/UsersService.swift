import FramedRPC
import PartnerAPI
import PartnerCore

/// `Users.*`: users of the partner (no `customerId`) and of its customers.
struct UsersService: Users.ServiceProtocol {
    let backend: PartnerBackend
    var operations: UserOperations { UserOperations(context: backend.context) }

    func list(_ request: Users.ListRequest, context: RPCServerContext) async throws -> PartnerAPI.Page<PartnerAPI.User>
    {
        let operations = operations
        let page = WireMapping.pageRequest(request.pageSize, request.pageToken)
        return try await backend.read(context) { caller, tx in
            WireMapping.page(
                try operations.list(customerId: request.customerId, page: page, caller: caller, in: tx),
                PartnerAPI.User.init)
        }
    }

    func create(_ request: Users.CreateRequest, context: RPCServerContext) async throws -> PartnerAPI.User {
        let operations = operations
        let input = NewUser(
            customerId: request.customerId, firstName: request.firstName, lastName: request.lastName,
            email: request.email)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.User(try operations.create(input, caller: caller, in: tx))
        }
    }
}

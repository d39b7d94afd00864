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
        return try await backend.readPage(context, request.pageSize, request.pageToken, as: PartnerAPI.User.init) {
            page, caller, tx in try operations.list(customerId: request.customerId, page: page, caller: caller, in: tx)
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

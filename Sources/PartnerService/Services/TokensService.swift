import FramedRPC
import PartnerAPI
import PartnerCore

/// `Tokens.*`: agents' API tokens. Secrets leave the server once, in the create answer.
struct TokensService: Tokens.ServiceProtocol {
    let backend: PartnerBackend
    var operations: TokenOperations { TokenOperations(context: backend.context) }

    func create(_ request: Tokens.CreateRequest, context: RPCServerContext) async throws -> Tokens.CreateResponse {
        let operations = operations
        let input = NewToken(agentId: request.agentId, label: request.label, ttlSeconds: request.ttlSeconds.map(Int64.init))
        return try await backend.write(context, request: request) { caller, tx in
            let issued = try operations.create(input, caller: caller, in: tx)
            return Tokens.CreateResponse(token: PartnerAPI.ApiToken(issued.token), secret: issued.secret)
        }
    }

    func list(_ request: Tokens.ListRequest, context: RPCServerContext) async throws -> PartnerAPI.Page<PartnerAPI.ApiToken> {
        let operations = operations
        let page = WireMapping.pageRequest(request.pageSize, request.pageToken)
        return try await backend.read(context) { caller, tx in
            WireMapping.page(try operations.list(agentId: request.agentId, page: page, caller: caller, in: tx), PartnerAPI.ApiToken.init)
        }
    }

    func revoke(_ request: Tokens.RevokeRequest, context: RPCServerContext) async throws -> PartnerAPI.ApiToken {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.ApiToken(try operations.revoke(tokenId: request.tokenId, caller: caller, in: tx))
        }
    }
}

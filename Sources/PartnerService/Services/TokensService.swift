import FramedRPC
import PartnerAPI
import PartnerCore
import Synchronization

/// `Tokens.*`: agents' API tokens. Secrets leave the server once, in the create answer.
struct TokensService: Tokens.ServiceProtocol {
    let backend: PartnerBackend
    var operations: TokenOperations { TokenOperations(context: backend.context) }

    func create(_ request: Tokens.CreateRequest, context: RPCServerContext) async throws -> Tokens.CreateResponse {
        let operations = operations
        let input = NewToken(
            agentId: request.agentId, label: request.label, ttlSeconds: request.ttlSeconds.map(Int64.init))
        guard context.metadata.idempotencyKey != nil else {
            return try await backend.write(context, request: request) { caller, tx in
                let issued = try operations.create(input, caller: caller, in: tx)
                return Tokens.CreateResponse(token: PartnerAPI.ApiToken(issued.token), secret: issued.secret)
            }
        }
        // The answer recorded for replays must not hold the secret (only its hash is ever
        // stored): record it without, pass the secret out of the transaction beside it, and
        // answer a replay ALREADY_EXISTS naming the token (WIRE.md §13).
        let handOff = SecretHandOff()
        let recorded = try await backend.write(context, request: request) { caller, tx in
            let issued = try operations.create(input, caller: caller, in: tx)
            handOff.secret.withLock { $0 = issued.secret }
            return Tokens.CreateResponse(token: PartnerAPI.ApiToken(issued.token), secret: "")
        }
        guard let secret = handOff.secret.withLock({ $0 }) else {
            throw DomainError(
                .alreadyExists,
                "token \(recorded.token.id) was already created with this idempotency key; its secret is shown only "
                    + "in the first answer (revoke the token and create another if it was lost)",
                field: "meta.idempotencyKey")
        }
        return Tokens.CreateResponse(token: recorded.token, secret: secret)
    }

    func list(_ request: Tokens.ListRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Page<PartnerAPI.ApiToken>
    {
        let operations = operations
        return try await backend.readPage(context, request.pageSize, request.pageToken, as: PartnerAPI.ApiToken.init) {
            page, caller, tx in try operations.list(agentId: request.agentId, page: page, caller: caller, in: tx)
        }
    }

    func revoke(_ request: Tokens.RevokeRequest, context: RPCServerContext) async throws -> PartnerAPI.ApiToken {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.ApiToken(try operations.revoke(tokenId: request.tokenId, caller: caller, in: tx))
        }
    }
}

/// Carries a new token's secret out of the write transaction without recording it.
private final class SecretHandOff: Sendable {
    let secret = Mutex<String?>(nil)
}

import FramedRPC
import PartnerAPI
import PartnerCore

/// `Agents.*`: the partner's agents and their roles.
struct AgentsService: Agents.ServiceProtocol {
    let backend: PartnerBackend
    var operations: AgentOperations { AgentOperations(context: backend.context) }

    func create(_ request: Agents.CreateRequest, context: RPCServerContext) async throws -> PartnerAPI.Agent {
        let operations = operations
        let input = NewAgent(
            displayName: request.displayName, email: request.email, roles: WireMapping.roles(request.roles))
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Agent(try operations.create(input, caller: caller, in: tx))
        }
    }

    func list(_ request: Agents.ListRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Page<PartnerAPI.Agent>
    {
        let operations = operations
        return try await backend.readPage(context, request.pageSize, request.pageToken, as: PartnerAPI.Agent.init) {
            page, caller, tx in try operations.list(page, caller: caller, in: tx)
        }
    }

    func update(_ request: Agents.UpdateRequest, context: RPCServerContext) async throws -> PartnerAPI.Agent {
        let operations = operations
        let input = AgentUpdate(
            agentId: request.agentId, displayName: request.displayName, roles: request.roles.map(WireMapping.roles),
            disabled: request.disabled, etag: request.etag)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Agent(try operations.update(input, caller: caller, in: tx))
        }
    }
}

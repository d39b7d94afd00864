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
        let page = WireMapping.pageRequest(request.pageSize, request.pageToken)
        return try await backend.read(context) { caller, tx in
            WireMapping.page(try operations.list(page, caller: caller, in: tx), PartnerAPI.Agent.init)
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

import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore
import Testing

/// Roles over the wire: each partner-facing method admits exactly the roles PartnerCore's
/// policy names, whatever the transport.
@Suite("Roles")
struct RoleTests {
    static let cases: [(TransportMode, Operation)] = TransportMode.allCases.flatMap { mode in
        Operation.allCases.map { (mode, $0) }
    }

    @Test(
        "an agent lacking the method's role is PERMISSION_DENIED; an agent holding it is not",
        arguments: cases)
    func methodAdmitsExactlyItsRoles(mode: TransportMode, operation: Operation) async throws {
        try await withPartnerServer(mode) { server, client in
            let world = try await SeededWorld.seed(server, client)
            let params = world.params(operation)
            let allowed = Policy.allowedRoles(operation)
            let agents: [(PartnerCore.Role, PartnerClient)] = [(.salesAgent, world.sales), (.adminAgent, world.admin)]
            // Denied calls first: they must change nothing, so the allowed call still finds the world as seeded.
            for (role, agent) in agents.sorted(by: { allowed.contains($0.0) == false && allowed.contains($1.0) }) {
                let outcome = await SeededWorld.outcome(of: operation, params: params, via: agent)
                if allowed.contains(role) {
                    #expect(outcome != .permissionDenied, "\(operation.method) must admit a \(role.rawValue)")
                    #expect(
                        outcome != .unauthenticated && outcome != .invalidArgument,
                        "\(operation.method) by \(role.rawValue): \(String(describing: outcome))")
                } else {
                    #expect(outcome == .permissionDenied, "\(operation.method) by a \(role.rawValue) only")
                }
            }
        }
    }

    @Test(
        "a public method needs no token and a partner method refuses a missing one", arguments: TransportMode.allCases)
    func tokensAreRequiredExceptForPublicMethods(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { server, _ in
            let anonymous = server.client(anonymous: true)
            #expect(try await anonymous.healthCheck() == "SERVING")
            _ = try await anonymous.discover()
            await expectFailure(.unauthenticated, "Customers.List without a token") {
                try await anonymous.customers.list(.init())
            }
            await expectFailure(.unauthenticated, "Customers.List with a token nobody issued") {
                try await server.client(token: "not-a-token").customers.list(.init())
            }
        }
    }
}

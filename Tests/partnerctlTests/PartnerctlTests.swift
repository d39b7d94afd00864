import Foundation
import PartnerAPI
import PartnerTestSupport
import Testing

/// The real `partnerctl` binary against a real `partner-server`.
@Suite("partnerctl, the real binary, against partner-server", .serialized)
struct PartnerctlTests {
    @Test("--version prints the tool and protocol versions; exit 0")
    func version() async throws {
        for arguments in [["--version"], ["version"]] {
            let run = try await CommandRun.partnerctl(arguments)
            #expect(run.status == 0)
            #expect(run.out.hasPrefix("partnerctl "))
            #expect(run.out.contains("protocol 1.0.0"))
        }
    }

    @Test(
        "usage errors exit 2 and say what is wrong, with a suggestion",
        arguments: [
            (["--bogus"], "unknown option --bogus"),
            (["customers", "list", "--jsno"], "unknown option --jsno; did you mean '--json'?"),
            (["customers", "get", "X", "--bogus"], "unknown option --bogus"),
            (["custmers", "list"], "unknown command 'custmers'; did you mean 'customers'?"),
            (["customers", "lsit"], "did you mean 'customers list'?"),
            (["health", "-H", "novalue"], "option -H takes KEY=VALUE"),
            (["health", "--target", "nohost"], "option --target: address 'nohost' needs a port"),
        ])
    func usageErrors(arguments: [String], message: String) async throws {
        let run = try await CommandRun.partnerctl(arguments)
        #expect(run.status == 2)
        #expect(run.err.contains(message), "stderr: \(run.err)")
    }

    @Test("exit codes: 0 success, 64 + status for a failed call, 1 when the server cannot be reached")
    func exitCodes() async throws {
        let server = try await ServerProcess.start()
        defer { server.remove() }
        let token = try server.token()
        let ok = try await CommandRun.partnerctl(["health", "--target", server.target])
        #expect(ok.status == 0)
        #expect(ok.out.contains("SERVING"))
        let notFound = try await CommandRun.partnerctl(
            ["customers", "get", "cus_missing", "--target", server.target, "--token", token])
        #expect(notFound.status == 64 + 5, "stderr: \(notFound.err)")
        #expect(notFound.err.contains("NOT_FOUND"))
        let unauthenticated = try await CommandRun.partnerctl(
            ["customers", "list", "--target", server.target, "--token", "wrong"])
        #expect(unauthenticated.status == 64 + 16)
        let unreachable = try await CommandRun.partnerctl(["health", "--target", "127.0.0.1:1"])
        #expect(unreachable.status == 1)
        #expect(unreachable.err.contains("UNAVAILABLE"))
    }

    @Test("-H sends any meta key: a custom key reaches the handler, traceparent becomes the audit request id")
    func headers() async throws {
        let server = try await ServerProcess.start()
        defer { server.remove() }
        let token = try server.token()
        let echoed = try await CommandRun.partnerctl([
            "call", "Conformance.Echo", #"{"message":1}"#, "-H", "x-tenant=blue", "--header", "x-b=2", "--json",
            "--target", server.target,
        ])
        #expect(echoed.status == 0, "stderr: \(echoed.err)")
        #expect(echoed.out.contains(#""x-tenant":"blue""#))
        #expect(echoed.out.contains(#""x-b":"2""#))

        let trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let created = try await CommandRun.partnerctl([
            "users", "create", "--first-name", "Ada", "--last-name", "Rossi", "--email", "ada@example.net",
            "-H", "traceparent=\(trace)", "--target", server.target, "--token", token, "--field", "id",
        ])
        #expect(created.status == 0, "stderr: \(created.err)")
        let audit = try await CommandRun.partnerctl([
            "audit", "--json", "--target", server.target, "--token", token,
        ])
        #expect(audit.status == 0)
        #expect(audit.out.contains(trace))

        // meta.timeoutMs alone (no client-side limit): the server itself ends the call.
        let cut = try await CommandRun.partnerctl([
            "call", "Conformance.Echo", #"{"delayMs":10000}"#, "-H", "timeoutMs=300", "--timeout", "0",
            "--target", server.target,
        ])
        #expect(cut.status == 64 + 4, "the server's DEADLINE_EXCEEDED: \(cut.err)")

        let malformed = try await CommandRun.partnerctl(
            ["health", "-H", "traceparent=not-a-trace", "--target", server.target])
        #expect(
            malformed.status == 64 + 3, "a malformed traceparent is the server's INVALID_ARGUMENT: \(malformed.err)"
        )
    }

    @Test("describe TYPE prints fields with $refs named and then described; a method's types follow it")
    func describe() async throws {
        let server = try await ServerProcess.start()
        defer { server.remove() }
        let type = try await CommandRun.partnerctl(["describe", "Customer", "--target", server.target])
        #expect(type.status == 0, "stderr: \(type.err)")
        #expect(type.out.contains("type Customer"))
        #expect(type.out.contains("postalAddress"))
        #expect(type.out.contains("type PostalAddress"))
        #expect(type.out.contains("type CustomerType: one of DOMAIN|TEAM"))
        #expect(!type.out.contains("$ref"))
        let method = try await CommandRun.partnerctl(["describe", "Customers.List", "--target", server.target])
        #expect(method.status == 0)
        #expect(method.out.contains("array of Customer"))
        #expect(method.out.contains("type Customer"))
        #expect(!method.out.contains("$ref"))
        let unknown = try await CommandRun.partnerctl(["describe", "Custmer", "--target", server.target])
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("did you mean Customer"))
    }

    @Test("agents, tokens, users and the audit log")
    func accessCommands() async throws {
        let server = try await ServerProcess.start()
        defer { server.remove() }
        let base = ["--target", server.target, "--token", try server.token()]
        let agent = try await CommandRun.partnerctl(
            [
                "agents", "create", "--name", "Sales Bot", "--email", "bot@example.net", "--roles", "salesAgent",
                "--field", "id",
            ]
                + base)
        #expect(agent.status == 0, "stderr: \(agent.err)")
        let agentId = agent.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let agents = try await CommandRun.partnerctl(["agents", "list"] + base)
        #expect(agents.out.contains("bot@example.net"))
        let token = try await CommandRun.partnerctl(
            ["tokens", "create", "--agent", agentId, "--label", "ci", "--json"] + base)
        #expect(token.status == 0, "stderr: \(token.err)")
        let created = try JSONParser(maxDepth: 16).parse(token.out)
        let secret = try #require(created["secret"]?.stringValue)
        let tokenId = try #require(created["token"]?["id"]?.stringValue)
        let asBot = try await CommandRun.partnerctl([
            "customers", "list", "--target", server.target, "--token", secret,
        ])
        #expect(asBot.status == 0, "stderr: \(asBot.err)")
        let tokens = try await CommandRun.partnerctl(["tokens", "list", "--agent", agentId] + base)
        #expect(tokens.out.contains(tokenId))
        #expect(!tokens.out.contains(secret))
        let revoked = try await CommandRun.partnerctl(["tokens", "revoke", tokenId] + base)
        #expect(revoked.status == 0)
        let refused = try await CommandRun.partnerctl([
            "customers", "list", "--target", server.target, "--token", secret,
        ])
        #expect(refused.status == 64 + 16)
        let disabled = try await CommandRun.partnerctl(["agents", "update", agentId, "--disabled", "true"] + base)
        #expect(disabled.status == 0, "stderr: \(disabled.err)")
        let user = try await CommandRun.partnerctl(
            ["users", "create", "--first-name", "Lia", "--last-name", "Berg", "--email", "lia@example.net"] + base)
        #expect(user.status == 0, "stderr: \(user.err)")
        let users = try await CommandRun.partnerctl(["users", "list"] + base)
        #expect(users.out.contains("lia@example.net"))
        let audit = try await CommandRun.partnerctl(["audit", "--limit", "100"] + base)
        #expect(audit.status == 0)
        #expect(audit.out.contains("Agents.Create"))
        #expect(audit.out.contains("Tokens.Revoke"))
    }

    @Test(
        "trials, renewal plans and history: orders place --trial, subscriptions start-paid, renewal --renewal-sku, history"
    )
    func trialRenewalHistoryCommands() async throws {
        let server = try await ServerProcess.start()
        defer { server.remove() }
        let base = ["--target", server.target, "--token", try server.token()]
        let customer = try await CommandRun.partnerctl(
            [
                "customers", "create", "--org", "Prova S.r.l.", "--domain", "prova-trial.it", "--type", "DOMAIN",
                "--admin-email", "admin@prova-trial.it", "--alternate-email", "alt@example.net", "--region", "IT",
                "--postal-code", "00100", "--field", "id",
            ] + base)
        #expect(customer.status == 0, "stderr: \(customer.err)")
        let customerId = customer.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let trial = try await CommandRun.partnerctl(
            [
                "orders", "place", "--customer", customerId, "--sku", "ws-business-starter-annual", "--seats", "3",
                "--trial", "--json",
            ] + base)
        #expect(trial.status == 0, "stderr: \(trial.err)")
        let placed = try JSONParser(maxDepth: 16).parse(trial.out)
        let id = try #require(placed["subscription"]?["id"]?.stringValue)
        #expect(placed["subscription"]?["trialEndTime"]?.stringValue != nil)
        let paid = try await CommandRun.partnerctl(["subscriptions", "start-paid", id] + base)
        #expect(paid.status == 0 && paid.out.contains("paid service started"), "stderr: \(paid.err)")
        let again = try await CommandRun.partnerctl(["subscriptions", "start-paid", id] + base)
        #expect(again.status == 64 + 9)
        let renewal = try await CommandRun.partnerctl(
            ["subscriptions", "renewal", id, "--auto-renew", "on", "--renewal-sku", "ws-business-starter-flex"]
                + base)
        #expect(renewal.status == 0 && renewal.out.contains("renews on ws-business-starter-flex"), "\(renewal.err)")
        let history = try await CommandRun.partnerctl(["subscriptions", "history", id] + base)
        #expect(history.status == 0, "stderr: \(history.err)")
        for action in ["CREATE_TRIAL", "START_PAID_SERVICE", "UPDATE_RENEWAL_SETTINGS"] {
            #expect(history.out.contains(action), "history: \(history.out)")
        }
        // Every list walks its pages through the same paging: the customer's own, and the partner's.
        for (command, expected) in [
            (["subscriptions", "list", "--customer", customerId], id),
            (["orders", "list", "--customer", customerId], id),
            (["subscriptions", "list"], id), (["invoices", "list", "--customer", customerId], ""),
            (["contacts", "list", "--customer", customerId], ""), (["users", "list", "--customer", customerId], ""),
            (["notifications"], ""),
        ] {
            let listed = try await CommandRun.partnerctl(command + ["--json"] + base)
            #expect(listed.status == 0, "\(command): \(listed.err)")
            #expect(expected.isEmpty || listed.out.contains(expected), "\(command): \(listed.out)")
            #expect((try? JSONParser(maxDepth: 16).parse(listed.out)) != nil, "\(command): \(listed.out)")
        }
    }

    @Test("the simulator's per-customer actions: grant and revoke reseller access show the account as it is after each")
    func simulatorCustomerActions() async throws {
        let server = try await ServerProcess.start()
        defer { server.remove() }
        let base = ["--target", server.target, "--token", try server.token()]
        let customer = try await CommandRun.partnerctl(
            [
                "customers", "create", "--org", "Prova Sim S.r.l.", "--domain", "prova-sim.it", "--type", "DOMAIN",
                "--admin-email", "admin@prova-sim.it", "--alternate-email", "alt@example.net", "--region", "IT",
                "--postal-code", "00100", "--field", "id",
            ] + base)
        #expect(customer.status == 0, "stderr: \(customer.err)")
        let customerId = customer.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let granted = try await CommandRun.partnerctl(["sim", "grant-access", customerId] + base)
        #expect(
            granted.status == 0 && granted.out.contains("granted") && !granted.out.contains("not granted"),
            "\(granted.out)\(granted.err)")
        let revoked = try await CommandRun.partnerctl(["sim", "revoke-access", customerId] + base)
        #expect(revoked.status == 0 && revoked.out.contains("not granted"), "\(revoked.out)\(revoked.err)")
        let unknown = try await CommandRun.partnerctl(["sim", "grant-access", "cus_does_not_exist"] + base)
        #expect(unknown.status == 64 + 5, "\(unknown.out)\(unknown.err)")
    }

    @Test("completion scripts come from the command table and complete in bash")
    func completion() async throws {
        let bash = try await CommandRun.partnerctl(["completion", "bash"])
        #expect(bash.status == 0)
        let zsh = try await CommandRun.partnerctl(["completion", "zsh"])
        #expect(zsh.status == 0)
        #expect(zsh.out.contains("#compdef partnerctl"))
        let script = NSTemporaryDirectory() + "/partnerctl-completion-\(UUID().uuidString).bash"
        try bash.out.write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        func complete(_ words: [String]) async throws -> String {
            let line = words.map { "'\($0)'" }.joined(separator: " ")
            let command =
                "source '\(script)'; COMP_WORDS=(\(line)); COMP_CWORD=\(words.count - 1); _partnerctl; echo \"${COMPREPLY[*]}\""
            return try await onThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/bash")
                process.arguments = ["-c", command]
                let pipe = Pipe()
                process.standardOutput = pipe
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        #expect(try await complete(["partnerctl", "cust"]) == "customers")
        #expect(try await complete(["partnerctl", "customers", "ch"]) == "check-domain")
        #expect(try await complete(["partnerctl", "--target", "h:1", "tokens", "re"]) == "revoke")
        #expect(try await complete(["partnerctl", "customers", "create", "--adm"]) == "--admin-email")
        #expect(try await complete(["partnerctl", "health", "--tim"]) == "--timeout")
    }

    @Test("--target with two replicas: the first down, the command is answered by the second")
    func severalTargets() async throws {
        let a = try await ServerProcess.start()
        defer { a.remove() }
        let b = try await ServerProcess.start()
        defer { b.remove() }
        await a.kill9()
        let run = try await CommandRun.partnerctl(["health", "--target", "\(a.target),\(b.target)"])
        #expect(run.status == 0, "stderr: \(run.err)")
        #expect(run.out.contains("SERVING"))
    }
}

import ToolSupport

/// One `partnerctl` command: the words that name it, its usage line and help, and what it does.
struct Command: Sendable {
    /// The words naming it, e.g. `["customers", "create"]`.
    let path: [String]
    /// Arguments after the words, e.g. `"ID NAME"`.
    let synopsis: String
    /// One line for the command list.
    let summary: String
    /// Extra lines for `--help` (options, examples).
    let details: String
    /// Runs the command; positionals after the path are still in `args`.
    let run: @Sendable (inout CommandArguments, Session) async throws -> Void

    init(
        _ path: String, _ synopsis: String = "", summary: String, details: String = "",
        run: @escaping @Sendable (inout CommandArguments, Session) async throws -> Void
    ) {
        self.path = path.split(separator: " ").map(String.init)
        self.synopsis = synopsis
        self.summary = summary
        self.details = details
        self.run = run
    }

    /// The options this command takes: every `--name` its synopsis or details mention. List
    /// each option there: the unknown-option check, "did you mean" and the shell completion
    /// read them from this.
    var optionNames: [String] {
        var names: [String] = []
        for text in [synopsis, details] {
            let characters = Array(text)
            var index = 0
            while index + 2 < characters.count {
                if characters[index] == "-" && characters[index + 1] == "-"
                    && (index == 0 || characters[index - 1] != "-")
                {
                    var end = index + 2
                    while end < characters.count
                        && (characters[end].isLetter || characters[end].isNumber || characters[end] == "-")
                    {
                        end += 1
                    }
                    let name = String(characters[(index + 2)..<end])
                    if let first = name.first, first.isLetter, !names.contains(name) { names.append(name) }
                    index = end
                } else {
                    index += 1
                }
            }
        }
        return names
    }

    /// `partnerctl customers rename ID NAME`
    var usage: String { (["partnerctl"] + path + (synopsis.isEmpty ? [] : [synopsis])).joined(separator: " ") }

    /// The help text of this command.
    var help: String {
        var text = "\(usage)\n\n  \(summary)\n"
        if !details.isEmpty { text += "\n" + details + "\n" }
        text += "\n" + HelpText.globalOptions
        return text
    }
}

/// Every command, in the order `--help` lists them.
enum Commands {
    static let all: [Command] =
        GeneralCommands.all + CustomerCommands.all + CommerceCommands.all + InvoiceCommands.all
        + RenewalCommands.all + TrialHistoryCommands.all + CustomerLifecycleCommands.all + UpstreamRenameCommands.all
        + PrimaryContactCommands.all + AuditCommands.all + ContactCommands.all + SimulatorCommands.all
        + AccessCommands.all + ToolCommands.all

    /// The command whose path is the longest prefix of `words`, and how many words it used.
    static func find(_ words: [String]) -> (Command, Int)? {
        all.filter { words.starts(with: $0.path) }.max { $0.path.count < $1.path.count }.map { ($0, $0.path.count) }
    }

    /// The commands under a group word (`customers`), for `partnerctl customers --help`.
    static func group(_ word: String) -> [Command] {
        all.filter { $0.path.first == word && $0.path.count > 1 }
    }
}

/// Texts shown by `--help`.
enum HelpText {
    static let globalOptions = """
        GLOBAL OPTIONS
          --target HOST:PORT[,...]  server address (default 127.0.0.1:7420, or $PARTNER_TARGET);
                                    several replicas: the first healthy one, failing over to the
                                    next; safe calls (idempotent, or with a key) are retried there
          --token TOKEN             bearer token (else $PARTNER_TOKEN, else ./data/bootstrap-token)
          --timeout SECONDS         time limit of the call (default 30; 0 = none)
          --idempotency-key KEY     make a mutating call safe to repeat (same key, same answer)
          -H KEY=VALUE              call metadata, repeatable: traceparent, authorization,
                                    idempotencyKey, timeoutMs or any other key (--header too)
          --tls-ca PATH             speak TLS, trusting the server certificate's CAs in PATH (PEM)
          --tls-cert PATH           with --tls-ca: client certificate for mutual TLS (needs --tls-key)
          --tls-key PATH            the private key of --tls-cert
          --json                    print the result as compact JSON
          --field PATH              print one field of the result (id, subscription.id, items[0].id)
          --help                    help for any command
          --version                 partnerctl's version and the protocol it speaks
        """

    static func overview() -> String {
        var table = TextTable(columns: ["COMMAND", "WHAT IT DOES"])
        for command in Commands.all {
            table.add([command.path.joined(separator: " "), command.summary])
        }
        return """
            partnerctl — the PartnerConsole command line (framed JSON-RPC over TCP)

            USAGE
              partnerctl COMMAND [ARGUMENTS] [OPTIONS]      ('partnerctl COMMAND --help' for its arguments)

            \(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

            \(globalOptions)

            Errors print 'error: STATUS: message (field: f)' on standard error.

            \(ExitCode.table)
            """
    }

    static func group(_ word: String, _ commands: [Command]) -> String {
        let list = commands.map { "  \($0.usage)\n      \($0.summary)" }.joined(separator: "\n")
        return "partnerctl \(word) — commands\n\n" + list
            + "\n\nRun 'partnerctl \(word) SUBCOMMAND --help' for one command.\n\n" + globalOptions
    }
}

import ToolSupport

/// `completion`, `version`: about partnerctl itself; no server needed.
enum ToolCommands {
    static let all: [Command] = [
        Command(
            "completion", "bash|zsh", summary: "print a shell completion script, generated from the command table",
            details: """
                  bash:  source <(partnerctl completion bash)       (or save it in /etc/bash_completion.d/)
                  zsh:   source <(partnerctl completion zsh)        (in ~/.zshrc)
                """, run: completion),
        Command(
            "version", summary: "partnerctl's version and the protocol it speaks (same as --version)", run: version),
    ]

    static func completion(_ args: inout CommandArguments, _ session: Session) async throws {
        let shell = try args.positional("SHELL")
        try args.done()
        switch shell {
        case "bash": Console.out(Completion.bash())
        case "zsh": Console.out(Completion.zsh())
        default: throw CommandLineError("completion scripts exist for bash and zsh, not '\(shell)'")
        }
    }

    static func version(_ args: inout CommandArguments, _ session: Session) async throws {
        try args.done()
        Console.out(Version.text)
    }
}

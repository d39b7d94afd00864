import Foundation
// partnerctl: the PartnerConsole command line. See `partnerctl --help`.
import FramedRPC
import ToolSupport

/// Flags that take no value, across every command.
let booleanFlags: Set<String> = ["json", "help", "code", "full", "trial"]

func run(_ arguments: [String]) async -> Int32 {
    var args: CommandArguments
    let scan: ArgumentScan
    do {
        scan = try ArgumentScan(arguments)
        args = try CommandArguments(scan.arguments, flags: booleanFlags.union(["version"]))
    } catch {
        Console.error("error: \(error.message)\nRun 'partnerctl --help' for usage.")
        return ExitCode.usage
    }
    if args.flag("version") {
        Console.out(Version.text)
        return ExitCode.success
    }
    let words = args.positionals
    let wantsHelp = args.flag("help")
    guard let (command, used) = Commands.find(words) else {
        if let first = words.first, !Commands.group(first).isEmpty {
            if wantsHelp {
                Console.out(HelpText.group(first, Commands.group(first)))
                return ExitCode.success
            }
            if words.count == 1 {
                Console.error(HelpText.group(first, Commands.group(first)))
                return ExitCode.usage
            }
            let subcommands = Commands.group(first).compactMap { $0.path.dropFirst().first }
            Console.error(
                "error: unknown command 'partnerctl \(words.prefix(2).joined(separator: " "))'"
                    + Suggestions.hint(for: words[1], in: subcommands, prefix: "\(first) ")
                    + "\nRun 'partnerctl \(first) --help' for its commands.")
            return ExitCode.usage
        }
        if wantsHelp {
            Console.out(HelpText.overview())
            return ExitCode.success
        }
        if words.isEmpty {
            Console.error(HelpText.overview())
            return ExitCode.usage
        }
        Console.error(
            "error: unknown command '\(words[0])'"
                + Suggestions.hint(for: words[0], in: Commands.all.map { $0.path[0] })
                + "\nRun 'partnerctl --help' for the commands.")
        return ExitCode.usage
    }
    if wantsHelp {
        Console.out(command.help)
        return ExitCode.success
    }
    for _ in 0..<used { _ = args.nextPositional() }
    let options: GlobalOptions
    do {
        options = try GlobalOptions.read(&args, environment: ProcessInfo.processInfo.environment, headers: scan.headers)
    } catch {
        return usageError(error, command)
    }
    let session = Session(options: options)
    let code = await execute(command, &args, session)
    await session.rpc.close()
    return code
}

func execute(_ command: Command, _ args: inout CommandArguments, _ session: Session) async -> Int32 {
    let options = session.options
    do {
        try await command.run(&args, session)
        return ExitCode.success
    } catch let error as CommandLineError {
        return usageError(error, command)
    } catch let error as RPCError {
        Console.error(Console.describe(error))
        if error.code == .unauthenticated { Console.error("hint: the token came from \(options.tokenSource)") }
        return ExitCode.of(error)
    } catch let error as LocalFailure {
        Console.error("error: \(error.message)")
        return ExitCode.local
    } catch {
        Console.error("error: \(error)")
        return ExitCode.local
    }
}

func usageError(_ error: CommandLineError, _ command: Command) -> Int32 {
    var message = error.message
    if message.hasPrefix("unknown option --") {
        let name = String(message.dropFirst("unknown option --".count))
        message += Suggestions.hint(for: name, in: command.optionNames + ArgumentScan.globalOptions, prefix: "--")
    }
    Console.error(
        "error: \(message)\nusage: \(command.usage)\nRun '\(command.usage.split(separator: " ").prefix(1 + command.path.count).joined(separator: " ")) --help' for details."
    )
    return ExitCode.usage
}

exit(await run(Array(CommandLine.arguments.dropFirst())))

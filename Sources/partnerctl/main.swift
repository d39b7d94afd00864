import Foundation
// partnerctl: the PartnerConsole command line. See `partnerctl --help`.
import FramedRPC
import ToolSupport

BuildInfo.exitIfVersionAsked(tool: "partnerctl")

/// Flags that take no value, across every command.
let booleanFlags: Set<String> = ["json", "help", "code", "full"]

func run(_ arguments: [String]) async -> Int32 {
    var args: CommandArguments
    do {
        args = try CommandArguments(arguments, flags: booleanFlags)
    } catch {
        Console.error("error: \(error.message)\nRun 'partnerctl --help' for usage.")
        return 2
    }
    let words = args.positionals
    let wantsHelp = args.flag("help")
    guard let (command, used) = Commands.find(words) else {
        if let first = words.first, !Commands.group(first).isEmpty {
            if wantsHelp {
                Console.out(HelpText.group(first, Commands.group(first)))
                return 0
            }
            if words.count == 1 {
                Console.error(HelpText.group(first, Commands.group(first)))
                return 2
            }
            Console.error(
                "error: unknown command 'partnerctl \(words.prefix(2).joined(separator: " "))'\nRun 'partnerctl \(first) --help' for its commands."
            )
            return 2
        }
        if wantsHelp {
            Console.out(HelpText.overview())
            return 0
        }
        if words.isEmpty {
            Console.error(HelpText.overview())
            return 2
        }
        Console.error("error: unknown command '\(words[0])'\nRun 'partnerctl --help' for the commands.")
        return 2
    }
    if wantsHelp {
        Console.out(command.help)
        return 0
    }
    for _ in 0..<used { _ = args.nextPositional() }
    let options: GlobalOptions
    do {
        options = try GlobalOptions.read(&args, environment: ProcessInfo.processInfo.environment)
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
        return 0
    } catch let error as CommandLineError {
        return usageError(error, command)
    } catch let error as RPCError {
        Console.error(Console.describe(error))
        if error.code == .unauthenticated { Console.error("hint: the token came from \(options.tokenSource)") }
        return 1
    } catch let error as LocalFailure {
        Console.error("error: \(error.message)")
        return 1
    } catch {
        Console.error("error: \(error)")
        return 1
    }
}

func usageError(_ error: CommandLineError, _ command: Command) -> Int32 {
    Console.error(
        "error: \(error.message)\nusage: \(command.usage)\nRun '\(command.usage.split(separator: " ").prefix(1 + command.path.count).joined(separator: " ")) --help' for details."
    )
    return 2
}

exit(await run(Array(CommandLine.arguments.dropFirst())))

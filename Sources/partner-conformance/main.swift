// partner-conformance: holds any server of the PartnerConsole protocol to Protocol/.
import FramedJSON
import PartnerConformance
import ToolSupport

#if canImport(Glibc)
    import Glibc
#endif

BuildInfo.exitIfVersionAsked(tool: "partner-conformance")

let usage = """
    usage: partner-conformance --target HOST:PORT [--token T | --token-file F] [--only PATTERN] [--list] [--json]
           partner-conformance serve --listen HOST:PORT [--script NAME]

    Runs the conformance cases against a server and prints one line per case (PASS, FAIL with
    the reason and the frames sent and received, SKIP with the reason), then `N passed, N failed`.
    Exit status: 0 when no case failed, 1 when one did, 2 for a usage error or an unreachable target.

      --target HOST:PORT     the server under test
      --token T              a token with every role of one partner (cases that need one are skipped without)
      --token-file F         read the token from file F
      --only PATTERN         run only matching cases: comma-separated, `*` wildcards, a plain word is a prefix
      --list                 list the cases (with --target, including those generated from rpc.discover)
      --json                 one JSON object per case and a JSON summary line
      --parallel N           cases run at once (default 4)
      --read-timeout SECONDS how long one read waits for the target before the case fails (default 10)
      --help                 this text
    """

func fail(_ message: String) -> Never {
    let bytes = Array("partner-conformance: \(message)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

func readToken(_ path: String) -> String {
    guard let file = fopen(path, "r") else { fail("cannot read token file \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    let text = String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }
    guard !text.isEmpty else { fail("token file \(path) is empty") }
    return text
}

var args: CommandArguments
do {
    args = try CommandArguments(Array(CommandLine.arguments.dropFirst()), flags: ["help", "list", "json"])
} catch { fail("\(error)\n\(usage)") }
if args.positionals.first == "serve" {
    _ = args.nextPositional()
    if args.flag("help") {
        print(ConformanceServeCommand.usage)
        exit(0)
    }
    do {
        try ConformanceServeCommand.run(&args)
    } catch { fail("\(error)") }
}

if args.flag("help") {
    print(usage)
    exit(0)
}
do {
    let list = args.flag("list")
    let json = args.flag("json")
    let pattern = CasePattern(args.value("only") ?? "")
    let parallelism = try args.integer("parallel", default: 4, in: 1...64)
    let readTimeout = try args.seconds("read-timeout", default: 10)
    guard readTimeout > 0 && readTimeout <= 600 else { fail("--read-timeout must be in (0, 600] seconds") }
    let targetText = args.value("target")
    var token = args.value("token")
    if let path = args.value("token-file") {
        if token != nil { fail("give --token or --token-file, not both") }
        token = readToken(path)
    }
    try args.finish()
    guard let targetText else {
        if list {
            for testCase in ConformanceSuite.staticCases where pattern.matches(testCase.name) {
                print("\(testCase.name)  \(testCase.rule)")
            }
            print("(schema cases are generated from the target's rpc.discover: give --target to list them)")
            exit(0)
        }
        fail("missing --target HOST:PORT\n\(usage)")
    }
    let (host, port) = try parseHostPort(targetText)
    let runner = ConformanceRunner(
        target: ConformanceTarget(
            host: host, port: port, token: token, readTimeout: .milliseconds(Int64(readTimeout * 1000))),
        parallelism: parallelism)
    let discovery: JSONObject?
    do {
        discovery = try runner.discover()
    } catch {
        fail("cannot read rpc.discover from \(targetText): \(error)")
    }
    let cases = ConformanceSuite.cases(discovery: discovery).filter { pattern.matches($0.name) }
    if list {
        for testCase in cases { print("\(testCase.name)  \(testCase.rule)") }
        print("\(cases.count) cases")
        exit(0)
    }
    let summary = runner.run(cases, discovery: discovery) { result in
        let line = Array(((json ? ConformanceReport.json(result) : ConformanceReport.text(result)) + "\n").utf8)
        _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }
    print(json ? ConformanceReport.json(summary) : summary.description)
    exit(summary.failed == 0 ? 0 : 1)
} catch {
    fail("\(error)\n\(usage)")
}

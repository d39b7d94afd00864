import Dispatch
public import ToolSupport

/// `partner-conformance serve`: the suite as a scripted, misbehaving server for client tests.
public enum ConformanceServeCommand {
    /// The usage text of `serve`.
    public static var usage: String {
        "usage: partner-conformance serve --listen HOST:PORT --script NAME\n\nscripts:\n"
            + ServeScript.allCases.map { "  \($0.rawValue.padding(16))\($0.summary)" }.joined(separator: "\n")
    }

    /// Parses the serve options from `args`, prints `listening on HOST:PORT script=NAME`,
    /// and serves until the process is killed.
    /// - Throws: `CommandLineError` for bad options or an address that cannot be bound.
    public static func run(_ args: inout CommandArguments) throws -> Never {
        let (host, port) = try parseHostPort(try args.required("listen"))
        let name = try args.required("script")
        guard let script = ServeScript(rawValue: name) else {
            throw CommandLineError("unknown script '\(name)'\n\(usage)")
        }
        try args.finish()
        let server: ScriptedServer
        do {
            server = try ScriptedServer(script: script, host: host, port: port)
        } catch {
            throw CommandLineError("\(error)")
        }
        print("listening on \(host):\(server.port) script=\(script.rawValue)")
        dispatchMain()
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

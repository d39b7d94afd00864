import FramedRPC
import PartnerAPI
import ToolSupport

extension Session {
    /// Runs a command whose one positional argument (`name` in its usage) is all its request
    /// needs: reads it, calls `method` with the request `request` makes of it and this
    /// session's call options, and prints the answer (`human` for people; JSON with `--json`,
    /// one field with `--field`).
    /// - Throws: a usage error for a missing or extra argument; the call's `RPCError`.
    func run<Request, Response>(
        _ args: inout CommandArguments, with name: String, _ method: PartnerCall<Request, Response>,
        request: (String) -> Request, human: (Response) -> String
    ) async throws {
        let argument = try args.positional(name)
        try args.done()
        try emit(try await method(request(argument), options: call), human: human)
    }
}

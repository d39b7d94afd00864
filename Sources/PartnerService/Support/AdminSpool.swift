import Foundation
import FramedJSON
public import PartnerCore

#if canImport(Glibc)
    import Glibc
#endif

/// Online administration for a server on SQLite, whose store only one process may open: a
/// folder `<data>/admin/` (mode 0700) that the running server watches. `partner-server
/// create-partner` drops `<id>.request` there (`{"name": ...}`), the server creates the
/// partner and its first agent in its own store and answers with `<id>.response` (mode 0600,
/// `{"partnerId", "agentId", "token"}` or `{"error"}`), which the tool reads and removes.
/// Whoever may write the data folder may administer the server: the same trust the SQLite
/// file itself demands. (On PostgreSQL the tool writes to the shared database directly.)
public struct AdminSpool: Sendable {
    /// A request: create a partner named `name`.
    struct Request: Codable {
        var name: String
    }

    /// The answer to a request.
    struct Response: Codable {
        var partnerId: String?
        var agentId: String?
        var token: String?
        var error: String?
    }

    /// The watched folder.
    public let folder: String

    /// The spool of the data folder `dataDirectory`.
    public init(dataDirectory: String) {
        folder = dataDirectory + "/admin"
    }

    // MARK: Server side

    /// Answers requests every `interval` until the task is cancelled.
    public func serve(
        store: any RecordStore, context: DomainContext, interval: Duration = .milliseconds(100)
    ) async {
        _ = mkdir(folder, 0o700)
        while !Task.isCancelled {
            for id in pendingRequests() {
                await answer(id, store: store, context: context)
            }
            try? await Task.sleep(for: interval)
        }
    }

    private func pendingRequests() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".request") }.map { String($0.dropLast(".request".count)) }.sorted()
    }

    private func answer(_ id: String, store: any RecordStore, context: DomainContext) async {
        let requestPath = "\(folder)/\(id).request"
        guard let data = FileManager.default.contents(atPath: requestPath) else { return }
        unlink(requestPath)
        var response = Response()
        do {
            let request = try Self.decode(Request.self, from: data)
            let created = try await PartnerApplication.createPartner(name: request.name, store: store, context: context)
            response = Response(partnerId: created.partnerId, agentId: created.agentId, token: created.token)
        } catch {
            response.error = "\(error)"
        }
        let text = String(decoding: (try? JSONStreamEncoder.bytes(of: response)) ?? [], as: UTF8.self)
        try? PartnerApplication.writeSecretFile("\(folder)/\(id).response", contents: text)
    }

    /// A request or response file read back with FramedJSON, the product's one JSON coding.
    /// - Throws: `JSONParseError` when the file is not JSON, `JSONDecodingError` when it is
    ///   not a `T`.
    private static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONValueDecoder().decode(T.self, from: try JSONParser().parse(data))
    }

    // MARK: Tool side

    /// Asks the running server to create a partner and waits for its answer.
    /// - Returns: the partner id, agent id and first token.
    /// - Throws: `StoreError(.unavailable)` when no server answered within `timeout`
    ///   (the request is withdrawn), or the server's error.
    public func createPartner(name: String, timeout: Duration = .seconds(15)) async throws
        -> (partnerId: String, agentId: String, token: String)
    {
        let id = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let body = String(decoding: try JSONStreamEncoder.bytes(of: Request(name: name)), as: UTF8.self)
        try PartnerApplication.writeSecretFile("\(folder)/\(id).request", contents: body)
        let responsePath = "\(folder)/\(id).response"
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: responsePath) {
                unlink(responsePath)
                let response = try Self.decode(Response.self, from: data)
                if let partnerId = response.partnerId, let agentId = response.agentId, let token = response.token {
                    return (partnerId, agentId, token)
                }
                throw StoreError(
                    code: .unavailable, message: "the running server refused: \(response.error ?? "no reason given")")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        unlink("\(folder)/\(id).request")
        throw StoreError(
            code: .unavailable,
            message: "the store is open in another process, but no running partner-server answered in \(folder) "
                + "within \(timeout); is it a partner-server of this version?")
    }
}

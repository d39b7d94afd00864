import Foundation
import FramedJSON
import PartnerTestSupport

/// Polls `condition` every few milliseconds until it holds; fails naming `what` after `timeout`.
func waitFor(_ what: String, timeout: Duration = .seconds(10), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    var pause = 1
    while !condition() {
        guard ContinuousClock.now < deadline else {
            throw TestFailure("timed out after \(timeout) waiting for \(what)")
        }
        try await Task.sleep(for: .milliseconds(pause))
        pause = min(pause * 2, 20)
    }
}

/// Runs `body`, failing naming `what` if it has not finished after `timeout` (`body` is then
/// cancelled).
func within<T: Sendable>(
    _ timeout: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw TestFailure("timed out after \(timeout) waiting for \(what)")
        }
        return value
    }
}

/// The resident set size of this process (VmRSS in /proc/self/status), in bytes. The server
/// under test runs in this process, so this is the server's memory plus the test's.
func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
    return 0
}

/// The repository root, found from this file even when the test folder is reached through a
/// symbolic link (a side package).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

extension JSONValue {
    /// `error.code` of a response.
    var wireErrorCode: Int64? { self["error"]?["code"]?.intValue }
    /// `error.data.status` of a response.
    var wireStatus: String? { self["error"]?["data"]?["status"]?.stringValue }
    /// `error.message` of a response.
    var wireMessage: String? { self["error"]?["message"]?.stringValue }
    /// The `field` of the first detail of an error response.
    var wireField: String? { self["error"]?["data"]?["details"]?.arrayValue?.first?["field"]?.stringValue }
    /// True when the response has an `id` member whose value is `null`.
    var hasNullID: Bool {
        guard case .object(let object) = self, let id = object["id"] else { return false }
        return id == .null
    }
    /// The `method` of a notification, if it is one.
    var notificationMethod: String? { self["method"]?.stringValue }
}

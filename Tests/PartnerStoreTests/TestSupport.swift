import Foundation
import Glibc
import PartnerCore
import PartnerTestSupport
import Synchronization
import Testing

@testable import PartnerStore

/// A temporary folder removed when the test ends.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path = try TemporaryFolders.make("partnerstore")
    }

    /// The database path inside the folder.
    var database: String { path + "/data/partner.sqlite" }

    deinit {
        TemporaryFolders.remove(path)
    }
}

/// Extracts the `StoreError` a call threw, or records an issue.
func storeError(_ body: () async throws -> Void) async -> StoreError? {
    do {
        try await body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)")
        return nil
    }
}

extension Result where Failure == any Error {
    /// Async version of `init(catching:)`.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

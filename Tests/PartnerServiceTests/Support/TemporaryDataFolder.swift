import Foundation
import Glibc
import PartnerTestSupport

/// A fresh data folder under the system's temporary directory, removed on `remove()`.
struct TemporaryDataFolder: Sendable {
    /// The folder holding the server's `data` folder.
    let root: String

    /// The data folder handed to `PartnerApplication` (created by it on first open).
    var data: String { root + "/data" }

    init() throws {
        root = try TemporaryFolders.make("partnerservice")
    }

    /// Deletes the folder and everything in it.
    func remove() {
        TemporaryFolders.remove(root)
    }
}

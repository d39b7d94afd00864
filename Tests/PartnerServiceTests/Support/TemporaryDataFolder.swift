import Foundation
import Glibc

/// A fresh data folder under the system's temporary directory, removed on `remove()`.
struct TemporaryDataFolder: Sendable {
    /// The folder holding the server's `data` folder.
    let root: String

    /// The data folder handed to `PartnerApplication` (created by it on first open).
    var data: String { root + "/data" }

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/partnerservice-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed: errno \(errno)") }
        root = String(cString: made)
    }

    /// Deletes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

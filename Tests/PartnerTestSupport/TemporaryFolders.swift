import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Fresh folders under the system's temporary directory for tests: the one place tests make
/// and delete them.
///
/// ```swift
/// let folder = try TemporaryFolders.make("partner-config")
/// defer { TemporaryFolders.remove(folder) }
/// ```
public enum TemporaryFolders {
    /// Why a folder could not be made.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed, with errno's words.
        public let description: String
    }

    /// Makes `<tmp>/<prefix>-XXXXXX` (mode 0700, a unique name) and returns its path.
    /// - Throws: `Failure` when `mkdtemp` fails.
    public static func make(_ prefix: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Failure(description: "mkdtemp \(prefix) failed: \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// Deletes `path` and everything in it; a missing folder is not an error.
    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

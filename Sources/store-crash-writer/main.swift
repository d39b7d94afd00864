// store-crash-writer: writes to a PartnerStore database in a loop until killed, printing one
// line per acknowledged write. The crash test runs it, kills it with SIGKILL at a random
// moment, and checks that the reopened store holds every acknowledged write, whole.
//
// Usage: store-crash-writer <database-path> [concurrent-writers]
// Output: "ready" once the store is open, then "ack <id> <number>" after each write returned.
import Foundation
import Glibc
import PartnerCore
import PartnerStore

/// An entry; each write stores one together with its `CrashShadow` (same id).
struct CrashEntry: StoredRecord {
    static let kind = RecordKind("crash-entry")
    var id: String
    var partnerId: String
    var number: Int64
    var payload: String
    var uniqueKeys: [String] { ["number:\(number)"] }
    var lookupKeys: [String] { ["run:\(partnerId)"] }
}

/// The second record of each write: present exactly when its entry is.
struct CrashShadow: StoredRecord {
    static let kind = RecordKind("crash-shadow")
    var id: String
    var partnerId: String
    var number: Int64
}

/// Writes a whole line with one write(2): atomic on a pipe, never interleaved.
func emit(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 { exit(3) }
            offset += written
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: store-crash-writer <database-path> [writers]\n".utf8))
    exit(2)
}
let path = arguments[1]
let writers = arguments.count >= 3 ? max(1, Int(arguments[2]) ?? 8) : 8
let run = "run\(getpid())"

do {
    let store = try await SQLiteRecordStore.open(path: path)
    emit("ready")
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                var count = 0
                while true {
                    let id = "\(run)-\(writer)-\(count)"
                    count += 1
                    let number = try await store.write { tx in
                        let number = try tx.nextSequence("crash-entries")
                        try tx.put(
                            CrashEntry(
                                id: id, partnerId: run, number: number, payload: String(repeating: "x", count: 200)))
                        try tx.put(CrashShadow(id: id, partnerId: run, number: number))
                        return number
                    }
                    emit("ack \(id) \(number)")
                }
            }
        }
        try await group.waitForAll()
    }
} catch {
    FileHandle.standardError.write(Data("store-crash-writer: \(error)\n".utf8))
    exit(1)
}

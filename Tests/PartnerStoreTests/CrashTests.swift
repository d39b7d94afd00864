import Foundation
import PartnerCore
import PartnerTestSupport
import Testing

@testable import PartnerStore

@Suite("Crash safety")
struct CrashTests {
    @Test("a writer killed with SIGKILL at a random moment loses no acknowledged write and nothing is half-applied")
    func killedWriterLosesNothing() async throws {
        let executable = try Binaries.path("store-crash-writer")
        let folder = try TemporaryFolder()
        var acknowledged: [String: Int64] = [:]
        var runs: Set<String> = []
        let rounds = 5
        for round in 1...rounds {
            let child = try CrashWriterProcess(executable: executable, database: folder.database, writers: 8)
            let target = Int.random(in: 20...600)
            do {
                try await waitUntil(60, "round \(round): \(target) acknowledged writes") {
                    if !child.isRunning { throw TestFailure("writer exited early: \(child.standardError)") }
                    return child.acknowledged.count >= target
                }
            } catch {
                try? await child.kill()
                throw error
            }
            try await child.kill()
            let acks = child.acknowledged
            #expect(acks.count >= target)
            for ack in acks {
                acknowledged[ack.id] = ack.number
                runs.insert(String(ack.id.split(separator: "-")[0]))
            }

            let store = try SQLiteRecordStore(path: folder.database, config: .init(cacheCapacity: 0))
            #expect(try await store.integrityProblems().isEmpty, "round \(round)")
            let expected = acknowledged
            let runList = runs
            let missing = try await store.read { tx -> [String] in
                var missing: [String] = []
                for (id, number) in expected {
                    let entry = try tx.get(CrashEntry.self, id: id)
                    let shadow = try tx.get(CrashShadow.self, id: id)
                    let byNumber = try tx.find(CrashEntry.self, uniqueKey: "number:\(number)")
                    if entry?.number != number || shadow?.number != number || byNumber?.id != id { missing.append(id) }
                }
                _ = runList
                return missing
            }
            #expect(missing.isEmpty, "round \(round): acknowledged but missing: \(missing.prefix(5))")
            // Nothing half-applied: every stored entry has its shadow and the other way round.
            let halves = try await store.read { tx -> [String] in
                var halves: [String] = []
                for run in runList {
                    var after: String?
                    while true {
                        let entries = try tx.list(
                            CrashEntry.self, partnerId: run, lookupKey: "run:\(run)", after: after, limit: 500)
                        for entry in entries where try tx.get(CrashShadow.self, id: entry.id)?.number != entry.number {
                            halves.append(entry.id)
                        }
                        guard let last = entries.last else { break }
                        after = last.id
                    }
                    var shadowAfter: String?
                    while true {
                        let shadows = try tx.list(
                            CrashShadow.self, partnerId: run, lookupKey: nil, after: shadowAfter, limit: 500)
                        for shadow in shadows where try tx.get(CrashEntry.self, id: shadow.id) == nil {
                            halves.append(shadow.id)
                        }
                        guard let last = shadows.last else { break }
                        shadowAfter = last.id
                    }
                }
                return halves
            }
            #expect(halves.isEmpty, "round \(round): half-applied writes: \(halves.prefix(5))")
            await store.close()
        }
        #expect(Set(acknowledged.values).count == acknowledged.count, "sequence numbers are unique")
    }
}

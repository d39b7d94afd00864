import Foundation
import PartnerTestSupport
import Testing

/// The README's Swift quick start is the Examples/QuickStart program, word for word
/// (`Examples/run.sh` builds and runs that program; `.ci/run` calls it).
@Suite("README quick start")
struct QuickStartDocTests {
    @Test("the README holds Examples/QuickStart/Sources/QuickStart/main.swift verbatim")
    func readmeMatchesExample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let program = try String(
            contentsOf: root.appendingPathComponent("Examples/QuickStart/Sources/QuickStart/main.swift"),
            encoding: .utf8)
        #expect(readme.contains("```swift\n" + program + "```"))
    }
}

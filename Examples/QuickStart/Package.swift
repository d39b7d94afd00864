// swift-tools-version: 6.1
// A program that uses PartnerConsole's client library the way the README's quick start does.
// It depends on the project by path; a service of yours would name the repository instead:
//     .package(url: "https://example.com/partnerconsole.git", from: "1.0.0")
import PackageDescription

let package = Package(
    name: "QuickStart",
    dependencies: [.package(name: "PartnerConsole", path: "../..")],
    targets: [
        .executableTarget(
            name: "QuickStart",
            dependencies: [.product(name: "PartnerAPI", package: "PartnerConsole")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)

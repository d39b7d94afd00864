import Foundation
import FramedJSON
import PartnerTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Helpers of the operability tests: the probe listener's port, plain HTTP GETs, where a tool
/// (promtool, prometheus) is.
enum Ops {
    /// The `metrics=HOST:PORT` port of the server's `server.listening` line.
    static func metricsPort(of server: ServerProcess) throws -> Int {
        let line = server.log().split(separator: "\n").first { $0.contains("event=server.listening") } ?? ""
        guard let field = line.split(separator: " ").first(where: { $0.hasPrefix("metrics=") }),
            let port = field.split(separator: ":").last.flatMap({ Int($0) })
        else { throw TestFailure("no metrics=HOST:PORT in the listening line: \(line)") }
        return port
    }

    /// `GET path` on 127.0.0.1:port, HTTP/1.1 with `Connection: close`; status and body.
    static func get(port: Int, _ path: String, timeout: Double = 10) throws -> (status: Int, body: String) {
        let socket = try WireSocket(port: port)
        defer { socket.close() }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        guard socket.write(Array(request.utf8)) else { throw TestFailure("GET \(path): send failed") }
        let bytes: [UInt8]
        do {
            bytes = try socket.readToEnd(timeout: timeout)
        } catch {
            throw TestFailure("GET \(path): no complete answer within \(timeout) s")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n"),
            let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap({ Int($0) })
        else { throw TestFailure("GET \(path): not an HTTP answer: \(text.prefix(200))") }
        return (status, String(text[headEnd.upperBound...]))
    }

    /// The path of a tool on PATH (or the usual Debian places), or a failure naming the package.
    static func tool(_ name: String, package: String = "prometheus") throws -> String {
        let folders =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/local/bin", "/usr/sbin"]
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
            return folder + "/" + name
        }
        throw TestFailure("\(name) is not installed: apt-get install \(package) (.ci/run does it)")
    }

    /// The access-log `call` lines of a logfmt log, each as its fields.
    static func callLines(_ log: String) -> [[String: String]] {
        log.split(separator: "\n").filter { $0.contains(" event=call ") }.map { logfmtFields(String($0)) }
    }

    /// The fields of one logfmt line (quoted values unescaped).
    static func logfmtFields(_ line: String) -> [String: String] {
        var fields: [String: String] = [:]
        var characters = Substring(line)
        while !characters.isEmpty {
            while characters.first == " " { characters = characters.dropFirst() }
            guard let equals = characters.firstIndex(of: "=") else { break }
            let key = String(characters[..<equals])
            characters = characters[characters.index(after: equals)...]
            var value = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                while let c = characters.first, c != "\"" {
                    characters = characters.dropFirst()
                    if c == "\\", let next = characters.first {
                        characters = characters.dropFirst()
                        value.append(next == "n" ? "\n" : next)
                    } else {
                        value.append(c)
                    }
                }
                characters = characters.dropFirst()
            } else {
                let end = characters.firstIndex(of: " ") ?? characters.endIndex
                value = String(characters[..<end])
                characters = characters[end...]
            }
            fields[key] = value
        }
        return fields
    }
}

/// A real Prometheus (Debian's `prometheus`) in a temporary folder on a free loopback port,
/// scraping one target every second. Stop it with `stop()`, also on failure.
final class PrometheusServer: @unchecked Sendable {
    let process: Process
    let port: Int
    let root: String
    let logPath: String

    /// Starts Prometheus scraping `target` ("127.0.0.1:PORT") and waits (30 s at most) until
    /// its `/-/ready` answers 200.
    /// - Throws: when `prometheus` is missing or does not become ready (with its log).
    init(scraping target: String) throws {
        let binary = try Ops.tool("prometheus")
        root = try TemporaryFolders.make("prometheus")
        logPath = root + "/prometheus.log"
        let config = """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: partner-server
                scrape_interval: 1s
                scrape_timeout: 900ms
                static_configs:
                  - targets: ["\(target)"]
            """
        try config.write(toFile: root + "/prometheus.yml", atomically: true, encoding: .utf8)
        port = try LoopbackPorts.free()
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--config.file=\(root)/prometheus.yml", "--storage.tsdb.path=\(root)/tsdb",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try? log.close()
        let ready = Hostile.wait(30) {
            (try? Ops.get(port: port, "/-/ready", timeout: 2).status) == 200 || !process.isRunning
        }
        guard ready, process.isRunning else {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            stop()
            throw TestFailure("prometheus did not become ready within 30 s on port \(port):\n\(text.suffix(2000))")
        }
    }

    /// The value of the instant query `expression`: the first sample's value, or nil when the
    /// result is empty.
    func query(_ expression: String) throws -> Double? {
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? expression
        let answer = try Ops.get(port: port, "/api/v1/query?query=\(encoded)")
        guard answer.status == 200 else {
            throw TestFailure("query \(expression): HTTP \(answer.status) \(answer.body)")
        }
        let json = try JSONParser(maxDepth: 64).parse(Array(answer.body.utf8))
        guard json["status"]?.stringValue == "success" else {
            throw TestFailure("query \(expression): \(answer.body)")
        }
        guard let first = json["data"]?["result"]?.arrayValue?.first,
            let value = first["value"]?.arrayValue, value.count == 2, let text = value[1].stringValue
        else { return nil }
        return Double(text)
    }

    /// Waits (up to `timeout` seconds) until `expression` equals `expected`; the last value seen.
    func waitFor(_ expression: String, toEqual expected: Double, timeout: Double = 60) throws -> Double? {
        var last: Double?
        _ = Hostile.wait(timeout) {
            last = try? query(expression)
            return last == expected
        }
        return last
    }

    /// SIGTERM, then SIGKILL after 10 s; removes the folder.
    func stop() {
        if process.isRunning { process.terminate() }
        if !Hostile.wait(10, { !process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}

// idle-connections: holds many idle connections to a server, for the hostile-client tests, so
// that the test process itself never holds thousands of descriptors (spawning child processes
// from a process with thousands of open descriptors is not safe with Foundation's Process).
//
// Usage: idle-connections <port> <count>
// Opens <count> connections to 127.0.0.1:<port>, sends `$/ping` with an id on every 250th and
// reads its answer, then prints "ready <count>". On "close" (or end of input) on standard input
// it closes every connection, prints "closed" and exits 0. Any failure prints "error <what>"
// and exits 1.
import Glibc
import ToolSupport

/// Writes one line to standard output at once (no buffering: the test reads it live).
func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

func fail(_ what: String) -> Never {
    say("error \(what)")
    exit(1)
}

func connectLoopback(port: UInt16) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { fail("socket: \(String(cString: strerror(errno)))") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard result == 0 else { fail("connect: \(String(cString: strerror(errno)))") }
    return fd
}

/// Sends `$/ping` with `id` and waits (5 s at most) for any complete frame in answer.
func ping(_ fd: Int32, id: Int) -> Bool {
    let payload = Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"$/ping"}"#.utf8)
    let count = UInt32(payload.count)
    let frame =
        [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)] + payload
    guard frame.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == frame.count else {
        return false
    }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 5000) == 1 else { return false }
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        received += buffer[0..<n]
        if received.count >= 4 {
            let length = Int(received[0]) << 24 | Int(received[1]) << 16 | Int(received[2]) << 8 | Int(received[3])
            if received.count >= 4 + length { return true }
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = UInt16(arguments[1]), let count = Int(arguments[2]), count > 0 else {
    fail("usage: idle-connections <port> <count>")
}
let limit = DescriptorLimit.raiseToHard()
guard limit >= count + 64 else { fail("the open-file limit is \(limit), under \(count + 64)") }
var descriptors: [Int32] = []
descriptors.reserveCapacity(count)
for _ in 0..<count { descriptors.append(connectLoopback(port: port)) }
for index in stride(from: 0, to: count, by: 250) where !ping(descriptors[index], id: index + 1) {
    fail("idle connection \(index) does not answer $/ping")
}
say("ready \(count)")
while let line = readLine(), line != "close" {}
for fd in descriptors { close(fd) }
say("closed")
exit(0)

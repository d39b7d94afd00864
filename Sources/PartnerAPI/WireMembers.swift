/// A message that appends its own members as JSON bytes (with `WireBytes`), so that it can be
/// nested inside another message's bytes without a writer.
protocol WireMembers {
    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8])
}

extension WireMembers {
    /// Appends the message as a JSON object.
    func write(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        writeMembers(into: &out)
        out.append(UInt8(ascii: "}"))
    }
}

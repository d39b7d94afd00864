/// The status codes of WIRE.md §5.2 and the `error.code` values §5.3 allows for each, as the
/// suite reads them from the text (never from the server's code).
public enum KnownStatus {
    /// `data.status` name -> the `error.code` values that may carry it. `OK` never appears in
    /// an error, so it is not listed.
    public static let codes: [String: Set<Int64>] = [
        "CANCELLED": [1],
        "UNKNOWN": [2],
        "INVALID_ARGUMENT": [-32700, -32600, -32602, 3],
        "DEADLINE_EXCEEDED": [4],
        "NOT_FOUND": [5],
        "ALREADY_EXISTS": [6],
        "PERMISSION_DENIED": [7],
        "RESOURCE_EXHAUSTED": [8],
        "FAILED_PRECONDITION": [9],
        "ABORTED": [10],
        "OUT_OF_RANGE": [11],
        "UNIMPLEMENTED": [-32601, 12],
        "INTERNAL": [-32603],
        "UNAVAILABLE": [14],
        "DATA_LOSS": [15],
        "UNAUTHENTICATED": [16],
    ]

    /// The status a client derives from `code` alone (§5.3), or `nil` for an unknown code.
    public static func status(forCode code: Int64) -> String? {
        codes.first { $0.value.contains(code) }?.key
    }

    /// Why (`code`, `status`) is not a pairing of §5.2/§5.3, or `nil` when it is. A missing
    /// status is judged by the code alone.
    public static func problem(code: Int64?, status: String?) -> String? {
        guard let code else { return "an error without an integer code" }
        guard let derived = Self.status(forCode: code) else { return "code \(code) is not a status of WIRE.md §5.2" }
        guard let status else { return nil }
        guard let allowed = codes[status] else { return "status \(status) is not a status of WIRE.md §5.2" }
        guard allowed.contains(code) else {
            return
                "status \(status) cannot have code \(code) (§5.3: \(derived) does; \(status) uses \(allowed.sorted()))"
        }
        return nil
    }
}

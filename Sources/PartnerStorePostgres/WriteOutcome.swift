/// How one attempt of a write ended.
enum WriteOutcome<T>: @unchecked Sendable {
    case committed(T, Set<String>)
    case failed(any Error)
    case retry(String)
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}

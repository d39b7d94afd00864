import Synchronization

extension RPCClient {
    /// The connection new calls use: the current one, one being opened, or a new one.
    func connection() async throws(RPCError) -> RPCClientConnection {
        enum Step {
            case use(RPCClientConnection)
            case wait(Task<RPCClientConnection, any Error>)
            case closed
        }
        let step: Step = state.withLock { s in
            if s.closed { return .closed }
            if let current = s.current, current.isUsable { return .use(current) }
            s.current = nil
            if let connecting = s.connecting { return .wait(connecting) }
            let task = Task { try await self.establish() }
            s.connecting = task
            return .wait(task)
        }
        switch step {
        case .use(let connection): return connection
        case .closed: throw RPCError(code: .unavailable, message: "the client is closed")
        case .wait(let task):
            do {
                let connection = try await task.value
                return connection
            } catch let error as RPCError {
                throw error
            } catch {
                throw RPCError(code: .unavailable, message: "could not connect: \(error)", cause: error)
            }
        }
    }

    /// Opens a connection, retrying with exponential backoff.
    private func establish() async throws -> RPCClientConnection {
        var delay = config.connectBackoffInitial
        var lastError: (any Error)?
        let attempts = max(1, config.connectAttempts)
        for attempt in 1...attempts {
            try Task.checkCancellation()
            let connection = RPCClientConnection(maxDepth: config.maxDepth) { [weak self] gone in self?.dropped(gone) }
            do {
                let outbound = try await transport.connect(inbound: connection)
                connection.attach(outbound)
                state.withLock { s in
                    s.connecting = nil
                    if !s.closed { s.current = connection }
                }
                return connection
            } catch {
                lastError = error
            }
            if attempt < attempts {
                try await Task.sleep(for: delay)
                delay = min(delay * 2, config.connectBackoffMax)
            }
        }
        state.withLock { $0.connecting = nil }
        let reason = (lastError as? RPCError)?.message ?? lastError.map { "\($0)" } ?? "unknown"
        throw RPCError(
            code: .unavailable, message: "could not connect after \(attempts) attempts: \(reason)", cause: lastError)
    }

    /// Stops handing `connection` to new calls (lost, or `$/goaway` received).
    func dropped(_ connection: RPCClientConnection) {
        state.withLock { s in
            if s.current === connection { s.current = nil }
        }
    }
}

import Synchronization

extension RPCClient {
    /// The connection new calls use: the current one, one being opened, or a new one.
    /// - Throws: UNAVAILABLE (closed, or no endpoint reachable), RESOURCE_EXHAUSTED (already
    ///   `maxWaitingCalls` calls wait for a connection), CANCELLED.
    func connection() async throws(RPCError) -> RPCClientConnection {
        enum Step {
            case use(RPCClientConnection)
            case wait(Task<RPCClientConnection, any Error>)
            case closed
            case full(Int)
        }
        let limit = config.maxWaitingCalls
        let step: Step = state.withLock { s in
            if s.closed { return .closed }
            if let current = s.current, current.isUsable { return .use(current) }
            s.current = nil
            if s.waiting >= limit { return .full(s.waiting) }
            s.waiting += 1
            if let connecting = s.connecting { return .wait(connecting) }
            let task = Task { try await self.establish() }
            s.connecting = task
            return .wait(task)
        }
        switch step {
        case .use(let connection): return connection
        case .closed: throw RPCError(code: .unavailable, message: "the client is closed")
        case .full(let count):
            throw RPCError(
                code: .resourceExhausted,
                message: "\(count) calls already wait for a connection (maxWaitingCalls \(limit)); not queued")
        case .wait(let task):
            defer { state.withLock { $0.waiting -= 1 } }
            do {
                return try await task.value
            } catch let error as RPCError {
                throw error
            } catch {
                throw RPCError(code: .unavailable, message: "could not connect: \(error)", cause: error)
            }
        }
    }

    /// The endpoints to try, in order: the healthy ones by preference, then those cooling down
    /// (soonest back first), so a client whose every endpoint failed still tries them all.
    func endpointOrder(now: ContinuousClock.Instant) -> [Int] {
        state.withLock { s in
            let healthy = s.downUntil.indices.filter { s.downUntil[$0].map { $0 <= now } ?? true }
            let cooling = s.downUntil.indices.filter { !healthy.contains($0) }
                .sorted { s.downUntil[$0]! < s.downUntil[$1]! }
            return healthy + cooling
        }
    }

    /// Opens a connection, trying every endpoint per attempt, with jittered exponential
    /// backoff between attempts.
    private func establish() async throws -> RPCClientConnection {
        var delay = config.connectBackoffInitial
        var lastError: (any Error)?
        let attempts = max(1, config.connectAttempts)
        for attempt in 1...attempts {
            for endpoint in endpointOrder(now: .now) {
                try Task.checkCancellation()
                let connection = RPCClientConnection(maxDepth: config.maxDepth, endpoint: endpoint) {
                    [weak self] gone in self?.dropped(gone)
                }
                do {
                    let outbound = try await transports[endpoint].connect(inbound: connection)
                    connection.attach(outbound)
                    state.withLock { s in
                        s.connecting = nil
                        s.downUntil[endpoint] = nil
                        if !s.closed { s.current = connection }
                    }
                    if let interval = config.keepaliveInterval {
                        connection.startKeepalive(interval: interval, timeout: config.keepaliveTimeout) { [weak self] in
                            self?.nextID.wrappingAdd(1, ordering: .relaxed).newValue ?? 0
                        }
                    }
                    return connection
                } catch {
                    lastError = error
                    markDown(endpoint)
                }
            }
            if attempt < attempts {
                try await Task.sleep(for: Self.jittered(delay, fraction: config.connectBackoffJitter))
                delay = min(delay * 2, config.connectBackoffMax)
            }
        }
        state.withLock { $0.connecting = nil }
        let reason = (lastError as? RPCError)?.message ?? lastError.map { "\($0)" } ?? "unknown"
        throw RPCError(
            code: .unavailable, message: "could not connect after \(attempts) attempts: \(reason)", cause: lastError)
    }

    /// `delay` plus a random share of up to `fraction` of it (0...1).
    static func jittered(_ delay: Duration, fraction: Double) -> Duration {
        let share = min(max(fraction, 0), 1)
        guard share > 0 else { return delay }
        return delay * (1 + Double.random(in: 0...share))
    }

    /// Skips `endpoint` for `endpointCooldown` while another one is healthy.
    private func markDown(_ endpoint: Int) {
        let until = ContinuousClock.now + config.endpointCooldown
        state.withLock { $0.downUntil[endpoint] = until }
    }

    /// Stops handing `connection` to new calls (lost, or `$/goaway` received), and cools its
    /// endpoint down.
    func dropped(_ connection: RPCClientConnection) {
        let wasCurrent = state.withLock { s in
            guard s.current === connection else { return false }
            s.current = nil
            return !s.closed
        }
        if wasCurrent && transports.count > 1 { markDown(connection.endpoint) }
    }
}

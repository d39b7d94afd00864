import FramedJSON

/// WIRE.md §3.2 and §3.4: notifications (no `id`) are never answered, not even with an error.
enum NotificationCases {
    static let rule = "WIRE.md §3.2, §3.4: a notification is never answered, not even an error"

    static var all: [ConformanceCase] {
        [
            WireCheck.silent(
                "wire.notification.success-not-answered",
                "\(rule): Conformance.Echo as a notification runs and sends nothing",
                #"{"jsonrpc":"2.0","method":"Conformance.Echo","params":{"message":"fire and forget"}}"#,
                requires: [.conformanceService]),
            WireCheck.silent(
                "wire.notification.error-not-answered",
                "\(rule): Echo failing NOT_FOUND as a notification sends nothing",
                #"{"jsonrpc":"2.0","method":"Conformance.Echo","params":{"status":"NOT_FOUND"}}"#,
                requires: [.conformanceService]),
            WireCheck.silent(
                "wire.notification.unknown-method-dropped",
                "\(rule): a notification to an unknown method is dropped silently",
                #"{"jsonrpc":"2.0","method":"Nope.Nothing"}"#),
            WireCheck.silent(
                "wire.notification.invalid-params-dropped",
                "\(rule): a notification with invalid params is dropped silently",
                #"{"jsonrpc":"2.0","method":"Conformance.Echo","params":{"delayMs":"soon"}}"#,
                requires: [.conformanceService]),
            WireCheck.silent(
                "wire.notification.params-array-dropped",
                "\(rule) (step 4 comes after the notification line): array params in a notification are dropped",
                #"{"jsonrpc":"2.0","method":"Conformance.Echo","params":[1]}"#),
            WireCheck.silent(
                "wire.notification.invalid-meta-dropped",
                "\(rule): a notification with invalid meta is dropped silently",
                #"{"jsonrpc":"2.0","method":"Conformance.Echo","meta":{"timeoutMs":"soon"}}"#),
            WireCheck.silent(
                "wire.notification.meta-too-large-dropped",
                "\(rule): a notification whose meta breaks maxMetaKeys is dropped silently",
                #"{"jsonrpc":"2.0","method":"Conformance.Echo","meta":{\#((0..<70).map { "\"k\($0)\":\"v\"" }.joined(separator: ","))}}"#
            ),
            WireCheck.silent(
                "wire.notification.deadline-zero-dropped",
                "\(rule): a notification with timeoutMs 0 fails DEADLINE_EXCEEDED silently",
                #"{"jsonrpc":"2.0","method":"Conformance.Echo","meta":{"timeoutMs":0}}"#),
            WireCheck.silent(
                "wire.notification.unknown-control-dropped", "\(rule): an unknown $/ notification is dropped silently",
                #"{"jsonrpc":"2.0","method":"$/nothing","params":{}}"#),
            WireCheck.silent(
                "wire.notification.ping-not-answered", "WIRE.md §11.1: $/ping as a notification gets no answer",
                #"{"jsonrpc":"2.0","method":"$/ping"}"#),
            WireCheck.silent(
                "wire.notification.streaming-not-run",
                "\(rule): a streaming method sent as a notification is not run: no $/item, no answer",
                #"{"jsonrpc":"2.0","method":"Conformance.Stream","params":{"count":3}}"#,
                requires: [.conformanceService]),
            ConformanceCase(
                "wire.notification.missing-token-dropped",
                rule: "\(rule): a notification without a valid token to a method that needs one is dropped silently"
            ) { context in
                let method = try context.tokenOnlyMethod()
                let connection = try context.connect()
                try connection.send(method, id: nil, params: [:], meta: ["authorization": "Bearer not-a-token"])
                try WireCheck.expectNothing(connection, context)
            },
        ]
    }
}

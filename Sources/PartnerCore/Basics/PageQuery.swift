/// The filters of a list query, as the text its page tokens are bound to: a token made for
/// one query is refused by another (INVALID_ARGUMENT `pageToken`).
///
/// The text is exactly what `String(reflecting:)` writes for the value (tests hold each
/// conformance to it), so tokens made before and after a change of this code, or by replicas
/// of different versions, bind alike; it is built field by field instead of through the
/// runtime's reflection, which cost a list tens of microseconds.
public protocol PageQuery: Sendable {
    /// The query as `String(reflecting:)` writes it.
    var pageBinding: String { get }
}

extension String: PageQuery {
    /// The string quoted and escaped, as `String(reflecting:)` writes it.
    public var pageBinding: String { debugDescription }
}

/// Writes a struct's fields as `String(reflecting:)` does: `Module.Type(field: value, ...)`,
/// an absent optional as `nil`, a present one as `Optional(value)`.
struct PageQueryText {
    private var text: String
    private var first = true

    /// Starts the text of a value of the type `String(reflecting:)` names `typeName` (a
    /// conformance keeps that name in a static constant: reflecting costs microseconds a page).
    init(typeName: String) {
        text = typeName + "("
    }

    /// Adds an optional string field.
    consuming func field(_ label: String, _ value: String?) -> Self {
        adding(label, value.map { "Optional(\($0.debugDescription))" } ?? "nil")
    }

    /// Adds an optional Boolean field.
    consuming func field(_ label: String, _ value: Bool?) -> Self {
        adding(label, value.map { "Optional(\($0))" } ?? "nil")
    }

    /// Adds an optional field of any other type (reflected only when present).
    consuming func field(_ label: String, _ value: (some Any)?) -> Self {
        adding(label, value.map { "Optional(\(String(reflecting: $0)))" } ?? "nil")
    }

    /// The finished text.
    consuming func result() -> String {
        text += ")"
        return text
    }

    /// Appends in place: each step consumes the text so far, so it is never copied.
    private consuming func adding(_ label: String, _ value: String) -> Self {
        if !first { text += ", " }
        first = false
        text += label
        text += ": "
        text += value
        return self
    }
}

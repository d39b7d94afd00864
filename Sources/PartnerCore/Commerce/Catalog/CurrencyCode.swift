/// An ISO 4217 alphabetic currency code ("USD", "EUR") with the number of minor-unit digits
/// the standard assigns it.
///
/// Only the shape is checked (three upper-case ASCII letters); the minor-unit exponent comes
/// from a short table of currencies with an exponent other than 2 and defaults to 2.
public struct CurrencyCode: Sendable, Hashable, TextCodable {
    /// The three-letter code.
    public let code: String

    /// Creates a code, or `nil` when `code` is not three upper-case ASCII letters.
    public init?(_ code: String) {
        let bytes = Array(code.utf8)
        guard bytes.count == 3, bytes.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        self.code = code
    }

    /// US dollar.
    public static let usd = CurrencyCode(uncheckedCode: "USD")
    /// Euro.
    public static let eur = CurrencyCode(uncheckedCode: "EUR")

    private init(uncheckedCode: String) { self.code = uncheckedCode }

    /// Digits after the decimal point in this currency's major unit (JPY 0, KWD 3, most 2).
    public var minorUnitDigits: Int {
        switch code {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
            "VND", "VUV", "XAF", "XOF", "XPF":
            return 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
            return 3
        default:
            return 2
        }
    }

    /// The code.
    public var description: String { code }

    /// How a malformed text is named.
    public static let textForm = "an ISO 4217 code"
}

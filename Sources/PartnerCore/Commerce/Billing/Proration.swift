/// Integer money for part-month use.
///
/// A SKU's unit price is per seat per month. The exact charge for a month is
/// `unitPrice × seatDays / daysInMonth`; it is rounded once, per invoice line, to a whole minor
/// unit, **half up** (a remainder of exactly one half rounds up: 0.5 cent -> 1 cent). The
/// subtotal is the sum of the rounded lines. No floating point is involved anywhere.
///
/// Example: 840 (8.40 USD) × 45 seat-days / 30 days = 1260 exactly; 840 × 13 / 31 = 352.258...
/// -> 352; 1 × 1 / 2 = 0.5 -> 1.
public enum Proration {
    /// The charge for `seatDays` seat-days of a month of `daysInMonth` days at `unitPrice` per
    /// seat per month, rounded half up to a minor unit.
    /// - Throws: OUT_OF_RANGE (field `amount`) when the amount does not fit in 64 bits;
    ///   INVALID_ARGUMENT for negative seat-days, a negative price or a month of no days.
    public static func charge(unitPrice: Money, seatDays: Int64, daysInMonth: Int) throws -> Money {
        guard daysInMonth > 0 else {
            throw DomainError.invalid(field: "daysInMonth", reason: "must be positive, got \(daysInMonth)")
        }
        guard seatDays >= 0 else {
            throw DomainError.invalid(field: "seatDays", reason: "must not be negative, got \(seatDays)")
        }
        guard unitPrice.minorUnits >= 0 else {
            throw DomainError.invalid(field: "unitPrice", reason: "must not be negative, got \(unitPrice.minorUnits)")
        }
        let (product, overflow) = unitPrice.minorUnits.multipliedReportingOverflow(by: seatDays)
        guard !overflow else {
            throw DomainError.outOfRange(
                field: "amount", "the charge of \(seatDays) seat-days at \(unitPrice) does not fit in 64 bits")
        }
        let days = Int64(daysInMonth)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: days)
        // Half up: round up when the remainder is at least half the divisor.
        let rounded = remainder * 2 >= days ? quotient + 1 : quotient
        return Money(minorUnits: rounded, currency: unitPrice.currency)
    }
}

/// The contact rules of the seeds.
public enum ContactRules {
    /// Rule `contactHasType`: a contact has at least one type (BILLING, TECHNICAL, BUSINESS).
    /// - Throws: INVALID_ARGUMENT field `types`.
    public static func contactHasType(_ types: Set<ContactType>) throws(DomainError) {
        guard !types.isEmpty else {
            throw DomainError.invalid(field: "types", reason: "needs at least one of BILLING, TECHNICAL, BUSINESS")
        }
    }

    /// Rule `contactNameAndEmailRequired`: first name, last name and business email are
    /// required; phone and job title are optional.
    /// - Throws: INVALID_ARGUMENT field `firstName`, `lastName` or `businessEmail`.
    public static func contactNameAndEmailRequired(
        firstName: String?, lastName: String?, businessEmail: String?
    ) throws(DomainError) -> (firstName: String, lastName: String, businessEmail: String) {
        (
            try FieldRules.requireText(firstName, field: "firstName"),
            try FieldRules.requireText(lastName, field: "lastName"),
            try FieldRules.email(businessEmail, field: "businessEmail")
        )
    }
}

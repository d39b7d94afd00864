/// `CompanyProfiles.Get`, `BillingProfiles.Get`, `BillingProfiles.Update`.
public struct ProfileOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// `CompanyProfiles.Get`: legal name, domain, Cloud Identity id.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`.
    public func company(customerId: String, caller: Caller, in tx: any StoreReading) throws -> CompanyProfile {
        try Policy.authorize(.companyProfilesGet, caller)
        return CompanyProfile(of: try CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx))
    }

    /// `BillingProfiles.Get`.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`.
    public func billing(customerId: String, caller: Caller, in tx: any StoreReading) throws -> BillingProfile {
        try Policy.authorize(.billingProfilesGet, caller)
        let customer = try CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx)
        return try current(of: customer, in: tx)
    }

    /// `BillingProfiles.Update`: billing address and/or billing contact, guarded by the
    /// profile's own etag.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND; ABORTED field `etag`; INVALID_ARGUMENT
    ///   (`billingAddress.*`, `billingContact.name`, `billingContact.email`,
    ///   `billingContact.phoneNumber`, or nothing to change).
    public func updateBilling(_ input: BillingProfileUpdate, caller: Caller, in tx: any StoreWriting) throws
        -> BillingProfile
    {
        try Policy.authorize(.billingProfilesUpdate, caller)
        let customer = try CustomerOperations.fetch(input.customerId, partnerId: caller.partnerId, in: tx)
        var profile = try current(of: customer, in: tx)
        try profile.checkEtag(input.etag, kind: "billing profile", id: customer.id)
        guard input.billingAddress != nil || input.billingContact != nil else {
            throw DomainError.invalid(field: "billingAddress", reason: "give billingAddress, billingContact or both")
        }
        let before = summary(profile)
        if let address = input.billingAddress {
            profile.billingAddress = try AddressRules.postalAddress(address, field: "billingAddress")
        }
        if let contact = input.billingContact {
            profile.billingContact = BillingContact(
                name: try FieldRules.requireText(contact.name, field: "billingContact.name"),
                email: try FieldRules.email(contact.email, field: "billingContact.email"),
                phoneNumber: try FieldRules.phone(contact.phoneNumber, field: "billingContact.phoneNumber"))
        }
        try tx.putNextVersion(&profile, at: context.now())
        try Audit.recordChange(
            .billingProfilesUpdate, target: customer.id, from: before, to: summary(profile), caller: caller,
            context: context, in: tx)
        try Events.emit(
            "billing_profile.updated", resourceId: profile.id, customerId: customer.id, partnerId: caller.partnerId,
            context: context, in: tx)
        return profile
    }

    private func current(of customer: Customer, in tx: any StoreReading) throws -> BillingProfile {
        var profile = try tx.get(BillingProfile.self, id: "bpr_" + customer.id) ?? BillingProfile(defaultFor: customer)
        profile.displayName = customer.displayName
        return profile
    }

    private func summary(_ p: BillingProfile) -> [String: String] {
        [
            "billingAddress": p.billingAddress.map(AddressRules.summary) ?? "",
            "billingContact": p.billingContact.map {
                "\($0.name) <\($0.email)>" + ($0.phoneNumber.map { " \($0)" } ?? "")
            } ?? "",
        ]
    }
}

import PartnerAPI
import PartnerCore

/// Customers, invitations and the company and billing profiles: domain <-> wire.

extension PartnerAPI.Customer {
    /// The wire form of `customer`, made once per state of the customer and kept with it
    /// (`Customer.derived`): a customer answered again unchanged (from the record cache, by
    /// `get` and `list`) is not mapped again.
    init(_ customer: PartnerCore.Customer) {
        self = customer.derived(Self.init(mapping:))
    }

    private init(mapping customer: PartnerCore.Customer) {
        self.init(
            id: customer.id, organisationName: customer.organisationName, displayName: customer.displayName,
            primaryDomain: customer.primaryDomain, customerType: PartnerAPI.CustomerType(customer.customerType),
            education: customer.education.map(PartnerAPI.EducationData.init), cloudIdentityId: customer.cloudIdentityId,
            postalAddress: customer.postalAddress.map(PartnerAPI.PostalAddress.init),
            primaryAdminEmail: customer.primaryAdminEmail, alternateEmail: customer.alternateEmail,
            phoneNumber: customer.phoneNumber, languageCode: customer.languageCode, regionCode: customer.regionCode,
            timeZone: customer.timeZone,
            missingProfileFields: customer.missingProfileFields.isEmpty ? nil : customer.missingProfileFields,
            resellerAccess: customer.resellerAccess,
            domainVerified: customer.domainVerified,
            state: PartnerAPI.CustomerState(customer.state), subscriptionStatus: customer.subscriptionStatus,
            adminConsoleMismatch: customer.adminConsoleMismatch.map(PartnerAPI.AdminConsoleMismatch.init),
            etag: customer.etag, createTime: WireMapping.time(customer.createTime),
            updateTime: WireMapping.time(customer.updateTime))
    }
}

extension PartnerAPI.CustomerType {
    init(_ type: PartnerCore.CustomerType) {
        switch type {
        case .domain: self = .domain
        case .team: self = .team
        }
    }
}

extension PartnerCore.CustomerType {
    init(_ type: PartnerAPI.CustomerType) {
        switch type {
        case .domain: self = .domain
        case .team: self = .team
        }
    }
}

extension PartnerAPI.CustomerState {
    init(_ state: PartnerCore.CustomerState) {
        switch state {
        case .invited: self = .invited
        case .active: self = .active
        case .suspended: self = .suspended
        case .deleted: self = .deleted
        }
    }
}

extension PartnerCore.CustomerState {
    init(_ state: PartnerAPI.CustomerState) {
        switch state {
        case .invited: self = .invited
        case .active: self = .active
        case .suspended: self = .suspended
        case .deleted: self = .deleted
        }
    }
}

extension PartnerAPI.EducationData {
    init(_ education: PartnerCore.EducationData) {
        let type: PartnerAPI.InstituteType = education.instituteType == .k12 ? .k12 : .university
        self.init(instituteType: type, websiteUrl: education.websiteUrl)
    }
}

extension PartnerCore.EducationData {
    init(_ education: PartnerAPI.EducationData) {
        let type: PartnerCore.EducationData.InstituteType = education.instituteType == .k12 ? .k12 : .university
        self.init(instituteType: type, websiteUrl: education.websiteUrl)
    }
}

extension PartnerAPI.PostalAddress {
    /// Empty street lines are left out rather than sent as `[]`.
    init(_ address: PartnerCore.PostalAddress) {
        self.init(
            regionCode: address.regionCode, postalCode: address.postalCode,
            administrativeArea: address.administrativeArea,
            locality: address.locality, addressLines: address.addressLines.isEmpty ? nil : address.addressLines,
            organizationName: address.organizationName)
    }
}

extension PartnerCore.PostalAddress {
    init(_ address: PartnerAPI.PostalAddress) {
        self.init(
            regionCode: address.regionCode, postalCode: address.postalCode,
            administrativeArea: address.administrativeArea,
            locality: address.locality, addressLines: address.addressLines ?? [],
            organizationName: address.organizationName)
    }
}

extension PartnerAPI.AdminConsoleMismatch {
    init(_ mismatch: PartnerCore.AdminConsoleMismatch) {
        self.init(
            fields: mismatch.fields.map(\.rawValue), upstreamPrimaryDomain: mismatch.upstreamPrimaryDomain,
            upstreamAlternateEmail: mismatch.upstreamAlternateEmail,
            upstreamOrganisationName: mismatch.upstreamOrganisationName, warning: mismatch.warning)
    }
}

extension Customers.CheckDomainResponse {
    init(_ availability: DomainAvailability) {
        self.init(
            existing: availability.existing, owned: availability.owned, upstreamAccount: availability.upstreamAccount,
            customerId: availability.customerId)
    }
}

extension PartnerAPI.Invitation {
    /// The invitation as of `now`: a pending one past its expiry reads EXPIRED.
    init(_ invitation: PartnerCore.Invitation, now: Timestamp) {
        self.init(
            id: invitation.id, customerId: invitation.customerId, email: invitation.email,
            state: invitation.state(at: now).rawValue, expireTime: WireMapping.time(invitation.expireTime),
            createTime: WireMapping.time(invitation.createTime))
    }
}

extension PartnerAPI.CompanyProfile {
    init(_ profile: PartnerCore.CompanyProfile) {
        self.init(
            customerId: profile.customerId, legalName: profile.legalName, primaryDomain: profile.primaryDomain,
            cloudIdentityId: profile.cloudIdentityId)
    }
}

extension PartnerAPI.BillingProfile {
    init(_ profile: PartnerCore.BillingProfile) {
        self.init(
            customerId: profile.customerId, displayName: profile.displayName,
            billingAddress: profile.billingAddress.map(PartnerAPI.PostalAddress.init),
            billingContact: profile.billingContact.map(PartnerAPI.BillingContact.init), etag: profile.etag,
            updateTime: WireMapping.time(profile.updateTime))
    }
}

extension PartnerAPI.BillingContact {
    init(_ contact: PartnerCore.BillingContact) {
        self.init(name: contact.name, email: contact.email, phoneNumber: contact.phoneNumber)
    }
}

extension PartnerCore.BillingContact {
    init(_ contact: PartnerAPI.BillingContact) {
        self.init(name: contact.name, email: contact.email, phoneNumber: contact.phoneNumber)
    }
}

extension WireMapping {
    /// Wire sync field names as domain fields.
    /// - Throws: INVALID_ARGUMENT field `fields` for a name other than `primaryDomain` or
    ///   `alternateEmail`.
    static func syncFields(_ names: [String]?) throws -> [SyncField]? {
        try names.map { names in
            try names.map { name in
                guard let field = SyncField(rawValue: name) else {
                    throw DomainError.invalid(
                        field: "fields",
                        reason: "\(name) cannot be synced; use primaryDomain, alternateEmail or organisationName")
                }
                return field
            }
        }
    }
}

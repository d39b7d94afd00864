import PartnerAPI
import PartnerCore

/// Users and contacts: domain <-> wire.

extension PartnerAPI.User {
    init(_ user: PartnerCore.User) {
        self.init(
            id: user.id, customerId: user.customerId, firstName: user.firstName, lastName: user.lastName,
            email: user.email,
            contactTypes: WireMapping.contactTypes(user.contactTypes), createTime: WireMapping.time(user.createTime))
    }
}

extension PartnerAPI.Contact {
    init(_ contact: PartnerCore.Contact) {
        self.init(
            id: contact.id, customerId: contact.customerId, userId: contact.userId, firstName: contact.firstName,
            lastName: contact.lastName, businessEmail: contact.businessEmail, businessPhone: contact.businessPhone,
            jobTitle: contact.jobTitle, types: WireMapping.contactTypes(contact.types),
            pendingEmail: contact.pendingEmail,
            primaryFor: contact.primaryFor.map { WireMapping.contactTypes($0) },
            etag: contact.etag, createTime: WireMapping.time(contact.createTime),
            updateTime: WireMapping.time(contact.updateTime))
    }
}

extension PartnerAPI.ContactType {
    init(_ type: PartnerCore.ContactType) {
        switch type {
        case .billing: self = .billing
        case .technical: self = .technical
        case .business: self = .business
        }
    }
}

extension PartnerCore.ContactType {
    init(_ type: PartnerAPI.ContactType) {
        switch type {
        case .billing: self = .billing
        case .technical: self = .technical
        case .business: self = .business
        }
    }
}

extension WireMapping {
    /// Domain contact types as wire types, sorted and without repeats (the schema wants
    /// unique items).
    static func contactTypes(_ types: some Sequence<PartnerCore.ContactType>) -> [PartnerAPI.ContactType] {
        Set(types).sorted().map(PartnerAPI.ContactType.init)
    }

    /// Wire contact types as a domain set.
    static func contactTypes(_ types: [PartnerAPI.ContactType]) -> Set<PartnerCore.ContactType> {
        Set(types.map(PartnerCore.ContactType.init))
    }
}

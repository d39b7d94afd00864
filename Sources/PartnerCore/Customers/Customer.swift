public import Synchronization

/// A customer (tenant) of one partner.
///
/// `organisationName` is the legal name kept as created (shown in the company profile);
/// renames change `displayName` only. The contact emails and domain here are the partner
/// console's copy; the admin console's may differ (the wire view says so in `adminConsoleMismatch`, PartnerAPI `Customer`).
///
/// The fields live in one shared box, copied on write: a copy of a customer (each read from
/// the record cache, each step of a page and of an answer makes one) retains one reference
/// instead of each of its twenty-odd strings, which made copies the largest cost of a
/// `Customers.List` page. They read and change as members (`customer.displayName`); equality,
/// hashing and the stored JSON are the fields'.
@dynamicMemberLookup
public struct Customer: StoredRecord, Versioned, Hashable {
    /// Stored kind `customer`.
    public static let kind = RecordKind("customer")

    /// A customer's fields, each read and written as a member of the customer.
    public struct Fields: Codable, Hashable, Sendable {
        /// Id, `cus_...`.
        public var id: String
        /// The owning partner.
        public var partnerId: String
        /// Legal organisation name, as created. Read-only.
        public var organisationName: String
        /// Friendly name shown in lists and billing details; renames change only this.
        public var displayName: String
        /// Primary domain, lower-case.
        public var primaryDomain: String
        /// DOMAIN or TEAM.
        public var customerType: CustomerType
        /// Education institution data, or `nil` for other customers.
        public var education: EducationData?
        /// Unique Cloud Identity style id (`C0...`): tells equal team names apart.
        public var cloudIdentityId: String
        /// Postal address: required at `Customers.Create`; an invited customer may lack it until
        /// an update supplies it.
        public var postalAddress: PostalAddress?
        /// The super admin's email (domain customers: inside the primary domain).
        public var primaryAdminEmail: String
        /// Alternate email, never inside the primary domain; required for DOMAIN customers.
        public var alternateEmail: String?
        /// Phone number (E.164-like), optional.
        public var phoneNumber: String?
        /// BCP 47 language tag, e.g. `it-IT`; `nil` when never given (an invited customer whose
        /// invitation did not say).
        public var languageCode: String?
        /// ISO 3166-1 alpha-2 region for settings, e.g. `IT`; `nil` when never given.
        public var regionCode: String?
        /// IANA time zone, e.g. `Europe/Rome`; `nil` when never given.
        public var timeZone: String?
        /// Whether the reseller may use the customer's admin console. Off by default; only the
        /// customer turns it on (in its admin console).
        public var resellerAccess: Bool
        /// Whether the domain is verified (DOMAIN customers always; TEAM customers once verified).
        public var domainVerified: Bool
        /// Life-cycle state.
        public var state: CustomerState
        /// Summary subscription status; `nil` (empty) until the first order. Set by commerce.
        public var subscriptionStatus: String?
        /// Filled by `Customers.Get` (never stored): how the admin console's values differ.
        public var adminConsoleMismatch: AdminConsoleMismatch?
        /// The linked admin console account's values, as of its last change (kept by the
        /// transactions that link or change the account). `nil` for a customer without an
        /// account, and in records written before the copy was kept: then the account is read.
        public var upstream: UpstreamFields?
        /// Version counter.
        public var version: Int64
        /// Etag of `version`.
        public var etag: String
        /// Creation time.
        public var createTime: Timestamp
        /// Last change time.
        public var updateTime: Timestamp
    }

    /// The box holding the fields: changed only while uniquely referenced (`fields` is
    /// replaced in a new box otherwise), so no box is ever changed while shared. `derived`
    /// holds what `derived(_:)` made from these fields; a change of the fields empties it.
    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline var fields: Fields
        @usableFromInline let derived = Mutex<AnyObject?>(nil)
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    /// A value `derived(_:)` made, in a class so that finding it again is a class cast.
    @usableFromInline final class Derived<Value: Sendable>: Sendable {
        @usableFromInline let value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    /// The field at `member`.
    @inlinable public subscript<Value>(dynamicMember member: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: member] }
        set {
            if isKnownUniquelyReferenced(&box) {
                box.derived.withLock { $0 = nil }
            } else {
                box = Box(box.fields)
            }
            box.fields[keyPath: member] = newValue
        }
    }

    /// The value `make` derives from this customer, made once per state of its fields and kept
    /// with them: every copy sharing those fields (a customer read from the record cache again)
    /// gets the same value without `make`, and changing any field forgets it. For a layer above
    /// that answers the same customer many times in its own form (the wire message): `make`
    /// must depend on the fields alone. One kind of value is kept per customer; asking for
    /// another kind replaces it.
    @inlinable public func derived<T: Sendable>(_ make: (Customer) -> T) -> T {
        if let kept = box.derived.withLock({ $0 }) as? Derived<T> { return kept.value }
        let value = make(self)
        box.derived.withLock { $0 = Derived(value) }
        return value
    }

    /// Id, `cus_...`.
    @inlinable public var id: String { box.fields.id }
    /// The owning partner.
    @inlinable public var partnerId: String { box.fields.partnerId }
    /// Version counter.
    @inlinable public var version: Int64 {
        get { box.fields.version }
        set { self[dynamicMember: \.version] = newValue }
    }
    /// Etag of `version`.
    @inlinable public var etag: String {
        get { box.fields.etag }
        set { self[dynamicMember: \.etag] = newValue }
    }
    /// Last change time.
    @inlinable public var updateTime: Timestamp {
        get { box.fields.updateTime }
        set { self[dynamicMember: \.updateTime] = newValue }
    }

    /// Decodes the fields (the stored JSON is the fields' own).
    public init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    /// Encodes the fields.
    public func encode(to encoder: any Encoder) throws {
        try box.fields.encode(to: encoder)
    }

    /// Equal fields; the same box is equal without looking.
    public static func == (lhs: Customer, rhs: Customer) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    /// Hashes the fields.
    public func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }

    /// Creates a customer at version 1.
    public init(
        id: String, partnerId: String, organisationName: String, displayName: String, primaryDomain: String,
        customerType: CustomerType, education: EducationData?, cloudIdentityId: String,
        postalAddress: PostalAddress?, primaryAdminEmail: String, alternateEmail: String?, phoneNumber: String?,
        languageCode: String?, regionCode: String?, timeZone: String?, state: CustomerState, time: Timestamp
    ) {
        box = Box(
            Fields(
                id: id, partnerId: partnerId, organisationName: organisationName, displayName: displayName,
                primaryDomain: primaryDomain, customerType: customerType, education: education,
                cloudIdentityId: cloudIdentityId, postalAddress: postalAddress, primaryAdminEmail: primaryAdminEmail,
                alternateEmail: alternateEmail, phoneNumber: phoneNumber, languageCode: languageCode,
                regionCode: regionCode, timeZone: timeZone, resellerAccess: false,
                domainVerified: customerType == .domain, state: state, subscriptionStatus: nil, version: 1,
                etag: Etag.initial, createTime: time, updateTime: time))
    }

    /// The fields `Customers.Create` requires that this record lacks (an invited customer
    /// gives them later through `Customers.Update`), in a stable order; empty when complete.
    public var missingProfileFields: [String] {
        var missing: [String] = []
        if self.postalAddress == nil { missing.append("postalAddress") }
        if self.customerType == .domain, self.alternateEmail == nil { missing.append("alternateEmail") }
        if self.languageCode == nil { missing.append("languageCode") }
        if self.regionCode == nil { missing.append("regionCode") }
        if self.timeZone == nil { missing.append("timeZone") }
        return missing
    }

    /// Whether the customer is an education institution.
    public var isEducation: Bool { self.education != nil }

    /// A live DOMAIN customer holds its domain; every live customer its Cloud Identity id.
    public var uniqueKeys: [String] {
        guard self.state != .deleted else { return [] }
        var keys = ["cloudIdentityId:\(self.cloudIdentityId)"]
        if self.customerType == .domain { keys.append("domain:\(self.primaryDomain)") }
        return keys
    }

    /// `domain:<d>` for every customer, so team customers of a domain can be listed.
    public var lookupKeys: [String] { ["domain:\(self.primaryDomain)"] }
}

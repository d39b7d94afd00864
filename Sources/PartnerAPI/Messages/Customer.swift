public import FramedJSON

/// A reseller's customer (tenant).
///
/// The fields live in one shared box, copied on write: a copy (each item of a page, each
/// answer written from the encoding memo) retains one reference instead of each of its
/// twenty-odd strings, and the memo knows an unchanged customer by its box without comparing
/// fields. They read and change as members (`customer.displayName`); equality, hashing and
/// the JSON are the fields'.
@dynamicMemberLookup
public struct Customer: Codable, Sendable, Hashable, JSONCodable {
    /// A customer's fields, each read and written as a member of the customer.
    public struct Fields: Codable, Sendable, Hashable {
        /// Opaque id, "cus_...".
        public var id: String
        /// Legal name as created; renames do not change it.
        public var organisationName: String
        /// Friendly name shown in lists and billing.
        public var displayName: String
        /// Lower-case primary domain.
        public var primaryDomain: String
        /// DOMAIN or TEAM.
        public var customerType: CustomerType
        /// Present for education institutions.
        public var education: EducationData?
        /// Unique id that tells equal team names apart.
        public var cloudIdentityId: String
        /// Postal address; absent for an invited customer until an update supplies it.
        public var postalAddress: PostalAddress?
        /// The super admin.
        public var primaryAdminEmail: String
        /// Receives password information; never in the primary domain.
        public var alternateEmail: String?
        /// Phone.
        public var phoneNumber: String?
        /// BCP 47; absent when never given (an invitation that did not say).
        public var languageCode: String?
        /// ISO 3166-1 alpha-2; absent when never given.
        public var regionCode: String?
        /// IANA time zone; absent when never given.
        public var timeZone: String?
        /// Fields `Customers.Create` requires that this record lacks (e.g. after an accepted
        /// invitation); absent when complete. `Customers.Update` supplies them.
        public var missingProfileFields: [String]?
        /// Reseller access to the admin console; only the customer grants it.
        public var resellerAccess: Bool
        /// Team customers start unverified.
        public var domainVerified: Bool
        /// INVITED, ACTIVE, SUSPENDED or DELETED.
        public var state: CustomerState
        /// Absent until the first order.
        public var subscriptionStatus: String?
        /// Present when the admin console differs.
        public var adminConsoleMismatch: AdminConsoleMismatch?
        /// Send back to update.
        public var etag: String
        /// RFC 3339.
        public var createTime: String
        /// RFC 3339.
        public var updateTime: String
    }

    /// The box holding the fields: changed only while uniquely referenced (`fields` is
    /// replaced in a new box otherwise), so no box is ever changed while shared.
    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline var fields: Fields
        /// Where the encoding memo finds this box's entry again.
        @usableFromInline let memoSlot = JSONEncodingMemoSlot()
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    /// The field at `member`.
    @inlinable public subscript<Value>(dynamicMember member: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: member] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            box.fields[keyPath: member] = newValue
        }
    }

    /// Decodes the fields (the JSON is the fields' own).
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

    /// Creates the message.
    public init(
        id: String, organisationName: String, displayName: String, primaryDomain: String, customerType: CustomerType,
        education: EducationData? = nil, cloudIdentityId: String, postalAddress: PostalAddress? = nil,
        primaryAdminEmail: String, alternateEmail: String? = nil, phoneNumber: String? = nil,
        languageCode: String? = nil, regionCode: String? = nil, timeZone: String? = nil,
        missingProfileFields: [String]? = nil, resellerAccess: Bool, domainVerified: Bool, state: CustomerState,
        subscriptionStatus: String? = nil, adminConsoleMismatch: AdminConsoleMismatch? = nil, etag: String,
        createTime: String, updateTime: String
    ) {
        box = Box(
            Fields(
                id: id, organisationName: organisationName, displayName: displayName, primaryDomain: primaryDomain,
                customerType: customerType, education: education, cloudIdentityId: cloudIdentityId,
                postalAddress: postalAddress, primaryAdminEmail: primaryAdminEmail, alternateEmail: alternateEmail,
                phoneNumber: phoneNumber, languageCode: languageCode, regionCode: regionCode, timeZone: timeZone,
                missingProfileFields: missingProfileFields, resellerAccess: resellerAccess,
                domainVerified: domainVerified, state: state, subscriptionStatus: subscriptionStatus,
                adminConsoleMismatch: adminConsoleMismatch, etag: etag, createTime: createTime, updateTime: updateTime))
    }
}

extension Customer: JSONMemoizedEncodable {
    /// The encodings of up to 8,192 customers answered, those read again kept first (about 2.4 KB
    /// each): a `get` or `list` answering one unchanged since copies its bytes.
    public static let encodingMemo = JSONEncodingMemo<Customer>(capacity: 8192)
    /// One entry per customer id.
    public var memoKey: String { box.fields.id }
    /// The box's slot: an unchanged customer finds its encoding without a lookup by id.
    public var memoSlot: JSONEncodingMemoSlot? { box.memoSlot }
}

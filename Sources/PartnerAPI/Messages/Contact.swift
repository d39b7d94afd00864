public import FramedJSON

/// A contact of the partner or a customer, external or linked to a user.
public struct Contact: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Absent for the partner's own contacts.
    public var customerId: String?
    /// Present when made from a user.
    public var userId: String?
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// The email in force.
    public var businessEmail: String
    /// Phone.
    public var businessPhone: String?
    /// Job title.
    public var jobTitle: String?
    /// BILLING, TECHNICAL, BUSINESS: at least one.
    public var types: [ContactType]
    /// A new email awaiting confirmation.
    public var pendingEmail: String?
    /// The types for which it is its scope's primary contact.
    public var primaryFor: [ContactType]?
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(
        id: String, customerId: String? = nil, userId: String? = nil, firstName: String, lastName: String,
        businessEmail: String, businessPhone: String? = nil, jobTitle: String? = nil, types: [ContactType],
        pendingEmail: String? = nil, primaryFor: [ContactType]? = nil, etag: String, createTime: String,
        updateTime: String
    ) {
        self.id = id
        self.customerId = customerId
        self.userId = userId
        self.firstName = firstName
        self.lastName = lastName
        self.businessEmail = businessEmail
        self.businessPhone = businessPhone
        self.jobTitle = jobTitle
        self.types = types
        self.pendingEmail = pendingEmail
        self.primaryFor = primaryFor
        self.etag = etag
        self.createTime = createTime
        self.updateTime = updateTime
    }
}

// MARK: JSON coding

extension Contact: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"id\":", into: &out)
        WireBytes.string(id, into: &out)
        if let customerId {
            WireBytes.literal(",\"customerId\":", into: &out)
            WireBytes.string(customerId, into: &out)
        }
        if let userId {
            WireBytes.literal(",\"userId\":", into: &out)
            WireBytes.string(userId, into: &out)
        }
        WireBytes.literal(",\"firstName\":", into: &out)
        WireBytes.string(firstName, into: &out)
        WireBytes.literal(",\"lastName\":", into: &out)
        WireBytes.string(lastName, into: &out)
        WireBytes.literal(",\"businessEmail\":", into: &out)
        WireBytes.string(businessEmail, into: &out)
        if let businessPhone {
            WireBytes.literal(",\"businessPhone\":", into: &out)
            WireBytes.string(businessPhone, into: &out)
        }
        if let jobTitle {
            WireBytes.literal(",\"jobTitle\":", into: &out)
            WireBytes.string(jobTitle, into: &out)
        }
        WireBytes.literal(",\"types\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in types.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element.rawValue, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let pendingEmail {
            WireBytes.literal(",\"pendingEmail\":", into: &out)
            WireBytes.string(pendingEmail, into: &out)
        }
        if let primaryFor {
            WireBytes.literal(",\"primaryFor\":", into: &out)
            out.append(UInt8(ascii: "["))
            for (index, element) in primaryFor.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireBytes.string(element.rawValue, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        WireBytes.literal(",\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
        WireBytes.literal(",\"updateTime\":", into: &out)
        WireBytes.string(updateTime, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.customerId = try fields.optional("customerId")
        self.userId = try fields.optional("userId")
        self.firstName = try fields.required("firstName")
        self.lastName = try fields.required("lastName")
        self.businessEmail = try fields.required("businessEmail")
        self.businessPhone = try fields.optional("businessPhone")
        self.jobTitle = try fields.optional("jobTitle")
        self.types = try fields.required("types")
        self.pendingEmail = try fields.optional("pendingEmail")
        self.primaryFor = try fields.optional("primaryFor")
        self.etag = try fields.required("etag")
        self.createTime = try fields.required("createTime")
        self.updateTime = try fields.required("updateTime")
    }
}

public import FramedJSON

/// The canned records the scripted server answers with: valid against the OpenRPC schemas,
/// plus (for ``ServeScript/unknownFields``) members no schema defines.
public enum ServeFixtures {
    /// How many items `Events.Watch` sends before its final response.
    public static let streamLength = 40

    /// A customer whose `id` is `id`.
    public static func customer(id: String, extraMembers: Bool) -> JSONValue {
        var object: JSONObject = [
            "id": .string(id),
            "organisationName": "Conformance Fixture Ltd",
            "displayName": "Conformance Fixture",
            "primaryDomain": "fixture.example",
            "customerType": "DOMAIN",
            "cloudIdentityId": "C0fixture",
            "primaryAdminEmail": "admin@fixture.example",
            "alternateEmail": "owner@elsewhere.example",
            "languageCode": "en-GB",
            "regionCode": "GB",
            "timeZone": "Europe/London",
            "resellerAccess": false,
            "domainVerified": true,
            "state": "ACTIVE",
            "etag": "1",
            "createTime": "2026-11-01T09:00:00Z",
            "updateTime": "2026-11-01T09:00:00Z",
            "postalAddress": ["regionCode": "GB", "postalCode": "EC1A 1BB"],
        ]
        if extraMembers {
            object.members.append(.init(key: "loyaltyTier", value: ["name": "gold", "since": 2031]))
            object.members.append(.init(key: "futureFlags", value: [true, false, nil]))
        }
        return .object(object)
    }

    /// Event number `sequence` of the `Events.Watch` stream.
    public static func event(sequence: Int) -> JSONValue {
        .object([
            "id": .string("evt_fixture_\(sequence)"),
            "sequence": .int(Int64(sequence)),
            "type": "customer.updated",
            "resourceId": "cus_fixture",
            "customerId": "cus_fixture",
            "time": "2026-11-01T09:00:00Z",
        ])
    }
}

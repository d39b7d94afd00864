import FramedJSON
import Testing

private struct Address: Codable, Equatable, JSONCodable {
    var regionCode: String
    var postalCode: String
    var lines: [String]
}

private enum Kind: String, Codable {
    case domain = "DOMAIN"
    case team = "TEAM"
}

private struct Customer: Codable, Equatable, JSONCodable {
    var id: String
    var seats: Int
    var price: Int64
    var ratio: Double
    var active: Bool
    var kind: Kind
    var address: Address
    var tags: [String]
    var alternateEmail: String?
    var extra: JSONValue?
    var nested: [[Int]]
}

private struct Optionals: Codable, Equatable, JSONCodable {
    var text: String?
    var flag: Bool?
    var count: Int?
    var ratio: Double?
    var kind: Kind?
}

@Suite("Codable over FramedJSON")
struct JSONCodableBridgeTests {
    private let sample = Customer(
        id: "cus_1", seats: 3, price: -1_999, ratio: 0.25, active: true, kind: .team,
        address: Address(regionCode: "IT", postalCode: "00100", lines: ["Via \"Roma\" 1", "Scala\tB"]),
        tags: [], alternateEmail: nil, extra: ["k": [1, "two", nil]], nested: [[1, 2], [], [3]])

    @Test("the stream encoder writes compact JSON in declaration order and omits nil optionals")
    func encodesInOrder() throws {
        let text = String(decoding: sample.jsonBytes(), as: UTF8.self)
        #expect(
            text
                == #"{"id":"cus_1","seats":3,"price":-1999,"ratio":0.25,"active":true,"kind":"TEAM","address":{"regionCode":"IT","postalCode":"00100","lines":["Via \"Roma\" 1","Scala\tB"]},"tags":[],"extra":{"k":[1,"two",null]},"nested":[[1,2],[],[3]]}"#
        )
    }

    @Test("optional members of every kind: present ones are written, absent ones leave no member")
    func optionalMembers() throws {
        let present = Optionals(text: "t", flag: false, count: -5, ratio: 1.5, kind: .domain)
        #expect(
            String(decoding: present.jsonBytes(), as: UTF8.self)
                == #"{"text":"t","flag":false,"count":-5,"ratio":1.5,"kind":"DOMAIN"}"#)
        #expect(try Optionals.decode(from: present.jsonBytes()) == present)
        let absent = Optionals()
        #expect(String(decoding: absent.jsonBytes(), as: UTF8.self) == "{}")
        #expect(try Optionals.decode(from: absent.jsonBytes()) == absent)
    }

    @Test("what the encoder writes, the decoder reads back equal")
    func roundTrip() throws {
        let decoded = try Customer.decode(from: sample.jsonBytes())
        #expect(decoded == sample)
    }

    @Test("members decode the same in any order: reversed, rotated, or with absent optionals between")
    func membersInAnyOrder() throws {
        let members = try #require(try JSONParser().parse(sample.jsonBytes()).objectValue).members
        for order in [Array(members.reversed()), Array(members[3...] + members[..<3])] {
            let decoded = try Customer(json: .object(JSONObject(order)), path: "")
            #expect(decoded == sample)
        }
        var withNull = members
        withNull.insert(JSONObject.Member(key: "alternateEmail", value: .null), at: 4)
        #expect(try Customer(json: .object(JSONObject(withNull)), path: "") == sample)
    }

    @Test(
        "decoding errors name the field path and the reason",
        arguments: [
            (#"{"id":"c","seats":"3"}"#, "seats", "must be an integer, got string"),
            (
                #"{"id":"c","seats":3,"price":1,"ratio":1,"active":true,"kind":"TEAM","address":{"regionCode":"IT","lines":[]},"tags":[],"nested":[]}"#,
                "address.postalCode", "is required"
            ),
            (
                #"{"id":"c","seats":3,"price":1,"ratio":1,"active":true,"kind":"TEAM","address":{"regionCode":"IT","postalCode":"1","lines":["a",2]},"tags":[],"nested":[]}"#,
                "address.lines[1]", "must be a string, got integer"
            ),
            (
                #"{"id":"c","seats":3,"price":1,"ratio":1,"active":true,"kind":"BIG","address":{"regionCode":"IT","postalCode":"1","lines":[]},"tags":[],"nested":[]}"#,
                "kind", "Cannot initialize Kind from invalid String value BIG"
            ),
            (#"{"id":null}"#, "id", "is required"),
            (#"{"id":"c","seats":1.5}"#, "seats", "must be an integer, got number"),
        ])
    func errorsNameTheField(json: String, field: String, reason: String) throws {
        let value = try JSONParser().parse(json)
        do {
            _ = try Customer(json: value, path: "")
            Issue.record("expected a decoding error")
        } catch {
            #expect(error.field == field)
            #expect(error.reason == reason)
        }
    }

    @Test("a nested path prefix is kept in errors")
    func pathPrefix() throws {
        do {
            _ = try Address(json: ["regionCode": 1], path: "customer.address")
            Issue.record("expected a decoding error")
        } catch {
            #expect(error.field == "customer.address.regionCode")
        }
    }
}

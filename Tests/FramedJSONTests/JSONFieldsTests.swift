import FramedJSON
import Testing

/// A small message tree in the shape the stubs decode: nested objects and arrays of objects.
private struct Address: JSONDecodable, Equatable {
    var regionCode: String
    var postalCode: String

    init(regionCode: String, postalCode: String) {
        self.regionCode = regionCode
        self.postalCode = postalCode
    }

    init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path, allowed: ["regionCode", "postalCode"])
        regionCode = try fields.required("regionCode")
        postalCode = try fields.required("postalCode")
    }
}

private struct LineItem: JSONDecodable, Equatable {
    var sku: String
    var seats: Int

    init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path, allowed: ["sku", "seats"])
        sku = try fields.required("sku")
        seats = try fields.optional("seats") ?? 1
    }
}

private struct Order: JSONDecodable {
    var name: String
    var address: Address
    var items: [LineItem]
    var note: String?

    init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path, allowed: ["name", "address", "items", "note"])
        name = try fields.required("name")
        address = try fields.required("address")
        items = try fields.required("items")
        note = try fields.optional("note")
    }
}

@Suite("JSONFields: decoding errors name the field and the reason")
struct JSONFieldsTests {
    static let valid: JSONValue = [
        "name": "Acme",
        "address": ["regionCode": "IT", "postalCode": "00100"],
        "items": [["sku": "a"], ["sku": "b", "seats": 2], ["sku": "c"]],
    ]

    /// `valid` with one change applied at a path of object keys.
    static func changing(_ keys: [String], to newValue: JSONValue?) -> JSONValue {
        func apply(_ value: JSONValue, _ keys: ArraySlice<String>) -> JSONValue? {
            guard let key = keys.first else { return newValue }
            if case .array(var elements) = value, let index = Int(key) {
                elements[index] = apply(elements[index], keys.dropFirst()) ?? .null
                return .array(elements)
            }
            guard case .object(var object) = value else { return value }
            object[key] = apply(object[key] ?? .null, keys.dropFirst())
            return .object(object)
        }
        return apply(valid, keys[...]) ?? .null
    }

    @Test("a complete value decodes")
    func decodes() throws {
        let order = try Order(json: Self.valid, path: "")
        #expect(order.name == "Acme")
        #expect(order.address == Address(regionCode: "IT", postalCode: "00100"))
        #expect(order.items.map(\.sku) == ["a", "b", "c"])
        #expect(order.items.map(\.seats) == [1, 2, 1])
        #expect(order.note == nil)
    }

    @Test(
        "each fault is reported at its dotted path with a plain reason",
        arguments: [
            (["address", "postalCode"], nil, "address.postalCode", "is required"),
            (["address", "postalCode"], .null, "address.postalCode", "is required"),
            (["name"], nil, "name", "is required"),
            (["name"], .int(5), "name", "must be a string, got integer"),
            (["name"], .double(5.5), "name", "must be a string, got number"),
            (["name"], .bool(true), "name", "must be a string, got boolean"),
            (["name"], .array([]), "name", "must be a string, got array"),
            (["address"], .string("Via Roma 1"), "address", "must be an object, got string"),
            (["address", "country"], .string("IT"), "address.country", "is not a known field"),
            (["extra"], .int(1), "extra", "is not a known field"),
            (["items"], .object(JSONObject()), "items", "must be an array, got object"),
            (["items", "2", "sku"], nil, "items[2].sku", "is required"),
            (["items", "2", "sku"], .int(9), "items[2].sku", "must be a string, got integer"),
            (["items", "1", "seats"], .string("2"), "items[1].seats", "must be an integer, got string"),
            (["items", "1", "seats"], .double(2.5), "items[1].seats", "must be an integer, got number"),
            (["items", "0"], .string("a"), "items[0]", "must be an object, got string"),
            (["items", "0", "colour"], .string("red"), "items[0].colour", "is not a known field"),
            (["note"], .array([]), "note", "must be a string, got array"),
        ] as [([String], JSONValue?, String, String)]
    )
    func faults(keys: [String], value: JSONValue?, field: String, reason: String) {
        let json = Self.changing(keys, to: value)
        #expect(throws: JSONDecodingError(field: field, reason: reason)) { try Order(json: json, path: "") }
    }

    @Test("paths are prefixed by the path the value was found at")
    func nestedRoot() {
        let json = Self.changing(["address", "postalCode"], to: nil)
        #expect(throws: JSONDecodingError(field: "params.address.postalCode", reason: "is required")) {
            try Order(json: json, path: "params")
        }
        #expect(throws: JSONDecodingError(field: "[3].sku", reason: "is required")) {
            try [LineItem](json: [["sku": "a"], ["sku": "b"], ["sku": "c"], [:]], path: "")
        }
    }

    @Test("the root must be an object")
    func rootType() {
        #expect(throws: JSONDecodingError(field: "", reason: "must be an object, got array")) {
            try Order(json: [], path: "")
        }
    }

    @Test("description joins field and reason")
    func description() {
        #expect(
            JSONDecodingError(field: "items[2].sku", reason: "is required").description == "items[2].sku: is required")
        #expect(
            JSONDecodingError(field: "", reason: "must be an object, got null").description
                == "must be an object, got null")
    }

    @Test(
        "integers accept whole numbers only",
        arguments: [
            (JSONValue.int(3), Int64?.some(3)),
            (.double(3.0), 3),
            (.double(3.5), nil),
            (.double(1e19), nil),
            (.double(.infinity), nil),
            (.string("3"), nil),
        ] as [(JSONValue, Int64?)]
    )
    func integers(value: JSONValue, expected: Int64?) throws {
        if let expected {
            #expect(try Int64(json: value, path: "n") == expected)
        } else {
            #expect(throws: JSONDecodingError.self) { try Int64(json: value, path: "n") }
        }
    }

    @Test("has(_:) treats null like absent; decode(from:) parses then decodes")
    func presence() throws {
        let fields = try JSONFields(["a": 1, "b": nil], path: "")
        #expect(fields.has("a"))
        #expect(!fields.has("b"))
        #expect(!fields.has("c"))
        #expect(fields.path("a") == "a")
        let item = try LineItem.decode(from: Array(#"{"sku":"x","seats":4}"#.utf8))
        #expect(item.sku == "x")
        #expect(item.seats == 4)
        #expect(throws: JSONParseError.self) { try LineItem.decode(from: Array(#"{"sku":}"#.utf8)) }
        #expect(throws: JSONDecodingError(field: "sku", reason: "is required")) {
            try LineItem.decode(from: Array("{}".utf8))
        }
    }
}

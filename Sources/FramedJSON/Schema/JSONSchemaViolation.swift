/// One way a value fails a JSON Schema: `field` is the offending value's path ("" for the
/// root, "customer.address.postalCode", "items[3]") and `reason` the rule it broke ("is
/// required", "must be one of [A, B]", "must be at most 200 characters").
///
/// The same value as a decoding error: a violation is what decoding the value the way the
/// schema describes refuses, so both are one type.
public typealias JSONSchemaViolation = JSONDecodingError

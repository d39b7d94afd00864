import FramedJSON
import FramedRPC
import Testing

/// The contract checker under every end-to-end test must itself catch what it is there for.
@Suite("Contract checker")
struct ResultSchemaRecorderTests {
    static func frame(_ json: String) -> [UInt8] {
        let payload = Array(json.utf8)
        let count = UInt32(payload.count)
        return [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)] + payload
    }

    @Test("a result off its method's schema is a violation naming the field; a result on it is not")
    func resultsAreValidated() {
        let recorder = ResultSchemaRecorder()
        recorder.sent(
            Self.frame(#"{"jsonrpc":"2.0","id":1,"method":"Health.Check","params":{}}"#)
                + Self.frame(#"{"jsonrpc":"2.0","id":2,"method":"Health.Check","params":{}}"#))
        recorder.received(Array(#"{"jsonrpc":"2.0","id":1,"result":{"status":"SERVING"}}"#.utf8))
        #expect(recorder.violations.isEmpty)
        recorder.received(Array(#"{"jsonrpc":"2.0","id":2,"result":{"status":"MAYBE"}}"#.utf8))
        #expect(recorder.violations.count == 1)
        #expect(recorder.violations.first?.description.contains("status") == true)
        #expect(recorder.validatedResults["Health.Check"] == 2)
    }

    @Test("an error status the method does not document, or INTERNAL, is a violation")
    func errorsAreChecked() {
        let recorder = ResultSchemaRecorder()
        recorder.sent(Self.frame(#"{"jsonrpc":"2.0","id":"a","method":"Customers.Get","params":{"customerId":"c"}}"#))
        recorder.received(
            Array(
                #"{"jsonrpc":"2.0","id":"a","error":{"code":5,"message":"m","data":{"status":"NOT_FOUND","details":[]}}}"#
                    .utf8))
        #expect(recorder.violations.isEmpty, "NOT_FOUND is documented for Customers.Get")
        recorder.sent(Self.frame(#"{"jsonrpc":"2.0","id":"b","method":"Customers.Get","params":{}}"#))
        recorder.received(
            Array(
                #"{"jsonrpc":"2.0","id":"b","error":{"code":6,"message":"m","data":{"status":"ALREADY_EXISTS","details":[]}}}"#
                    .utf8))
        recorder.sent(Self.frame(#"{"jsonrpc":"2.0","id":"c","method":"Customers.Get","params":{}}"#))
        recorder.received(
            Array(
                #"{"jsonrpc":"2.0","id":"c","error":{"code":-32603,"message":"internal error","data":{"status":"INTERNAL","details":[]}}}"#
                    .utf8))
        #expect(recorder.violations.count == 2)
    }
}

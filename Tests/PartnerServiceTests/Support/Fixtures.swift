import Foundation
import FramedJSON
import FramedRPC
import PartnerAPI
import Testing

/// Requests and look-ups the flow tests share.
enum Fixtures {
    /// A complete, valid domain customer for `domain` (admin inside it, alternate outside).
    static func domainCustomer(
        _ domain: String, organisation: String = "Acme Italia S.r.l.", education: EducationData? = nil
    ) -> Customers.CreateRequest {
        Customers.CreateRequest(
            organisationName: organisation, primaryDomain: domain, customerType: .domain, education: education,
            postalAddress: PostalAddress(regionCode: "IT", postalCode: "20121", locality: "Milano"),
            primaryAdminEmail: "admin@\(domain)", alternateEmail: "it-backup@example.net",
            languageCode: "it", timeZone: "Europe/Rome")
    }

    /// Creates a domain customer and buys `seats` seats of a flexible Workspace plan for it.
    static func customerWithSubscription(
        _ client: PartnerClient, domain: String, seats: Int = 5
    ) async throws -> (customer: Customer, subscription: Subscription) {
        let customer = try await client.customers.create(domainCustomer(domain))
        let placed = try await client.orders.place(.init(customerId: customer.id, sku: flexibleSku, seats: seats))
        return (customer, placed.subscription)
    }

    /// A typed message as a JSON value, for raw calls.
    static func json(_ message: some JSONEncodable) -> JSONValue {
        (try? JSONParser(maxDepth: 512).parse(message.jsonBytes())) ?? .null
    }

    /// A FLEXIBLE plan any domain customer may buy and change freely.
    static let flexibleSku = "ws-business-standard-flex"

    /// Every outbox message, oldest first (all pages).
    static func outbox(_ client: PartnerClient) async throws -> [PartnerAPI.Notification] {
        var messages: [PartnerAPI.Notification] = []
        var token: String?
        repeat {
            let page = try await client.notifications.list(.init(pageSize: 200, pageToken: token))
            messages += page.items
            token = page.nextPageToken
        } while token != nil
        return messages
    }

    /// The one-time code of the newest outbox message of `kind` related to `id` (the code a
    /// recipient would copy from the email).
    static func oneTimeCode(_ client: PartnerClient, kind: String, relatedTo id: String) async throws -> String {
        let messages = try await outbox(client).filter { $0.kind == kind && ($0.relatedIds ?? []).contains(id) }
        let message = try #require(messages.last, "no \(kind) message related to \(id) in the outbox")
        return try #require(code(in: message.text), "no one-time code in: \(message.text)")
    }

    /// The first line of `text` that is a bare token (32+ URL-safe base64 characters).
    static func code(in text: String) -> String? {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.count >= 32 && $0.allSatisfy(alphabet.contains) }
    }
}

extension RPCError {
    /// The `field` of every field-violation detail.
    var fields: [String] { details.compactMap { $0["field"]?.stringValue } }
}

/// Runs `body`, which must fail with `code`; returns the error for further checks.
@discardableResult
func expectFailure<T>(
    _ code: RPCError.Code, _ what: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation, _ body: @Sendable () async throws -> T
) async -> RPCError? {
    do {
        let value = try await body()
        Issue.record("\(what()): expected \(code), got a result: \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as RPCError {
        #expect(error.code == code, "\(what()): \(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("\(what()): expected \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

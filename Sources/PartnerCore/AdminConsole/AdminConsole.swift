/// The port to the customer's admin console, the outside system where a customer's account
/// lives. The partner console reads it to check editions and to show mismatches, and writes
/// to it once, when it provisions a new customer's account.
///
/// Calls take the current transaction so that an implementation keeping its state in the
/// store (the embedded `SimulatedAdminConsole`) reads and writes consistently with the
/// operation. An adapter for a remote admin console reads from a mirror refreshed outside the
/// transaction and queues provisioning through the outbox; it must not block.
///
/// A customer keeps a copy of its account's values (`Customer.upstream`, set when it is
/// created with the account `provision` returns): whatever changes a linked account's
/// domain, alternate email or organisation name refreshes that copy in the same transaction
/// (in the simulator, `AdminConsoleSimOperations`), since `Customers.Get` compares with the
/// copy and reads the account only for a customer that has none.
///
/// ```swift
/// if let upstream = try context.adminConsole.account(domain: "example.com", in: tx),
///    !upstream.edition.isResellable { throw DomainError.failedPrecondition(...) }
/// ```
public protocol AdminConsole: Sendable {
    /// The verified upstream account holding `domain` (lower-case), if any.
    func account(domain: String, in tx: any StoreReading) throws -> UpstreamAccount?

    /// The upstream account linked to customer `customerId`, if any.
    func account(customerId: String, in tx: any StoreReading) throws -> UpstreamAccount?

    /// Creates (or takes over an existing, unlinked) upstream account for a new customer.
    /// - Throws: ALREADY_EXISTS (field `primaryDomain`) when the domain is held by another
    ///   linked account; FAILED_PRECONDITION when the existing account's edition is not
    ///   resellable.
    func provision(_ customer: Customer, in tx: any StoreWriting) throws -> UpstreamAccount

    /// Unlinks the account of a deleted customer (the upstream account itself lives on).
    func release(customerId: String, in tx: any StoreWriting) throws
}

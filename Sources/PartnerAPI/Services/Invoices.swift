public import FramedJSON
public import FramedRPC

/// Invoices per customer and billing month.
///
/// Mirrors the `Invoices.*` methods of `Protocol/partner.openrpc.json`.
public enum Invoices {
    /// Params of Invoices.List.
    public struct ListRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?
        /// Limit to one customer; absent for the partner's own.
        public var customerId: String?

        /// Creates the message.
        public init(pageSize: Int? = nil, pageToken: String? = nil, customerId: String? = nil) {
            self.pageSize = pageSize
            self.pageToken = pageToken
            self.customerId = customerId
        }
    }

    /// Params of Invoices.Get.
    public struct GetRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Invoice.
        public var invoiceId: String

        /// Creates the message.
        public init(invoiceId: String) {
            self.invoiceId = invoiceId
        }
    }

    /// Params of Invoices.Download.
    public struct DownloadRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Invoice.
        public var invoiceId: String
        /// PDF or CSV.
        public var format: String

        /// Creates the message.
        public init(invoiceId: String, format: String) {
            self.invoiceId = invoiceId
            self.format = format
        }
    }

    /// Result of Invoices.Download.
    public struct DownloadResponse: Codable, Sendable, Hashable, JSONCodable {
        /// Invoice.
        public var invoiceId: String
        /// PDF or CSV.
        public var format: String
        /// MIME type.
        public var contentType: String
        /// The file, base64.
        public var data: String

        /// Creates the message.
        public init(invoiceId: String, format: String, contentType: String, data: String) {
            self.invoiceId = invoiceId
            self.format = format
            self.contentType = contentType
            self.data = data
        }
    }

    /// Params of Invoices.CloseBillingPeriod.
    public struct CloseBillingPeriodRequest: Codable, Sendable, Hashable, JSONCodable {
        /// YYYY-MM.
        public var billingMonth: String

        /// Creates the message.
        public init(billingMonth: String) {
            self.billingMonth = billingMonth
        }
    }

    /// Result of Invoices.CloseBillingPeriod.
    public struct CloseBillingPeriodResponse: Codable, Sendable, Hashable, JSONCodable {
        /// YYYY-MM.
        public var billingMonth: String
        /// The month's invoices.
        public var invoices: [Invoice]

        /// Creates the message.
        public init(billingMonth: String, invoices: [Invoice]) {
            self.billingMonth = billingMonth
            self.invoices = invoices
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = [
        "Invoices.List", "Invoices.Get", "Invoices.Download", "Invoices.CloseBillingPeriod",
    ]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Invoices.List`: Invoices.
        func list(_ request: Invoices.ListRequest, context: RPCServerContext) async throws -> Page<Invoice>
        /// `Invoices.Get`: One invoice.
        func get(_ request: Invoices.GetRequest, context: RPCServerContext) async throws -> Invoice
        /// `Invoices.Download`: An invoice as PDF or CSV bytes (base64).
        func download(_ request: Invoices.DownloadRequest, context: RPCServerContext) async throws
            -> Invoices.DownloadResponse
        /// `Invoices.CloseBillingPeriod`: Computes the month's invoices (idempotent).
        func closeBillingPeriod(_ request: Invoices.CloseBillingPeriodRequest, context: RPCServerContext) async throws
            -> Invoices.CloseBillingPeriodResponse
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Invoices.List`: Invoices.
        /// - Throws: `RPCError` with the status the schema documents for `Invoices.List`.
        public func list(_ request: Invoices.ListRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Page<Invoice>
        {
            try await caller.unary("Invoices.List", request, options: options)
        }

        /// `Invoices.Get`: One invoice.
        /// - Throws: `RPCError` with the status the schema documents for `Invoices.Get`.
        public func get(_ request: Invoices.GetRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Invoice
        {
            try await caller.unary("Invoices.Get", request, options: options)
        }

        /// `Invoices.Download`: An invoice as PDF or CSV bytes (base64).
        /// - Throws: `RPCError` with the status the schema documents for `Invoices.Download`.
        public func download(_ request: Invoices.DownloadRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Invoices.DownloadResponse
        {
            try await caller.unary("Invoices.Download", request, options: options)
        }

        /// `Invoices.CloseBillingPeriod`: Computes the month's invoices (idempotent).
        /// - Throws: `RPCError` with the status the schema documents for `Invoices.CloseBillingPeriod`.
        public func closeBillingPeriod(_ request: Invoices.CloseBillingPeriodRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Invoices.CloseBillingPeriodResponse
        {
            try await caller.unary("Invoices.CloseBillingPeriod", request, options: options)
        }
    }
}

extension Invoices.ServiceProtocol {
    /// Registers every `Invoices.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Invoices.List", Invoices.ListRequest.self) { try await self.list($0, context: $1) }
        router.registerPartnerUnary("Invoices.Get", Invoices.GetRequest.self) { try await self.get($0, context: $1) }
        router.registerPartnerUnary("Invoices.Download", Invoices.DownloadRequest.self) {
            try await self.download($0, context: $1)
        }
        router.registerPartnerUnary("Invoices.CloseBillingPeriod", Invoices.CloseBillingPeriodRequest.self) {
            try await self.closeBillingPeriod($0, context: $1)
        }
    }
}

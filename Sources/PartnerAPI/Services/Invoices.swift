public import FramedJSON
public import FramedRPC

/// Invoices per customer and billing month.
///
/// Mirrors the `Invoices.*` methods of `Protocol/partner.openrpc.json`.
public enum Invoices {
    /// Params of Invoices.List: one page of the partner's own, or of one customer's.
    public typealias ListRequest = CustomerPageRequest

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

    /// The methods of this service, each named once: the client calls them
    /// (`client.invoices.list(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Invoices.List`: Invoices.
        public let list = PartnerMethod<ListRequest, Page<Invoice>>("Invoices.List")
        /// `Invoices.Get`: One invoice.
        public let get = PartnerMethod<GetRequest, Invoice>("Invoices.Get")
        /// `Invoices.Download`: An invoice as PDF or CSV bytes (base64).
        public let download = PartnerMethod<DownloadRequest, DownloadResponse>("Invoices.Download")
        /// `Invoices.CloseBillingPeriod`: Computes the month's invoices (idempotent).
        public let closeBillingPeriod = PartnerMethod<CloseBillingPeriodRequest, CloseBillingPeriodResponse>(
            "Invoices.CloseBillingPeriod")
    }

    /// The methods of `Invoices.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Invoices.List`: Invoices.
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<Invoice>
        /// `Invoices.Get`: One invoice.
        func get(_ request: GetRequest, context: RPCServerContext) async throws -> Invoice
        /// `Invoices.Download`: An invoice as PDF or CSV bytes (base64).
        func download(_ request: DownloadRequest, context: RPCServerContext) async throws
            -> DownloadResponse
        /// `Invoices.CloseBillingPeriod`: Computes the month's invoices (idempotent).
        func closeBillingPeriod(_ request: CloseBillingPeriodRequest, context: RPCServerContext) async throws
            -> CloseBillingPeriodResponse
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Invoices.ServiceProtocol {
    /// Registers every `Invoices.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Invoices.methods.list) { try await self.list($0, context: $1) }
        router.register(Invoices.methods.get) { try await self.get($0, context: $1) }
        router.register(Invoices.methods.download) { try await self.download($0, context: $1) }
        router.register(Invoices.methods.closeBillingPeriod) { try await self.closeBillingPeriod($0, context: $1) }
    }
}

import FramedRPC
import PartnerAPI
import PartnerCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `Invoices.*`: closing a billing month, listing, reading and downloading invoices.
struct InvoicesService: Invoices.ServiceProtocol {
    let backend: PartnerBackend
    var operations: InvoiceOperations { PartnerDomain(context: backend.context).invoices }

    func list(_ request: Invoices.ListRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Page<PartnerAPI.Invoice>
    {
        let operations = operations
        let filter = InvoiceFilter(customerId: request.customerId)
        return try await backend.readPage(context, request.pageSize, request.pageToken, as: PartnerAPI.Invoice.init) {
            page, caller, tx in try operations.list(filter, page: page, caller: caller, in: tx)
        }
    }

    func get(_ request: Invoices.GetRequest, context: RPCServerContext) async throws -> PartnerAPI.Invoice {
        let operations = operations
        return try await backend.read(context) { caller, tx in
            PartnerAPI.Invoice(try operations.get(request.invoiceId, caller: caller, in: tx))
        }
    }

    /// The rendering is made inside the read; the base64 text outside it, so the reader is
    /// held only for the lookup and the rendering.
    func download(
        _ request: Invoices.DownloadRequest, context: RPCServerContext
    ) async throws -> Invoices.DownloadResponse {
        let operations = operations
        let document = try await backend.read(context) { caller, tx in
            try operations.download(request.invoiceId, format: request.format, caller: caller, in: tx)
        }
        return Invoices.DownloadResponse(
            invoiceId: document.invoiceId, format: document.format.rawValue, contentType: document.contentType,
            data: Data(document.bytes).base64EncodedString())
    }

    func closeBillingPeriod(
        _ request: Invoices.CloseBillingPeriodRequest, context: RPCServerContext
    ) async throws -> Invoices.CloseBillingPeriodResponse {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            let closing = try operations.closeBillingPeriod(request.billingMonth, caller: caller, in: tx)
            return Invoices.CloseBillingPeriodResponse(
                billingMonth: closing.billingMonth.description, invoices: closing.invoices.map(PartnerAPI.Invoice.init))
        }
    }
}

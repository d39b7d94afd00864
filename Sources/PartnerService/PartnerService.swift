// PartnerService

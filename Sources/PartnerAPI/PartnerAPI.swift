// PartnerAPI

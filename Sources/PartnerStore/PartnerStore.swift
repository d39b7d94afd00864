// PartnerStore

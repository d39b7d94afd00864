/// The standard catalogue as data, in the format `CatalogTableParser` reads. Prices are per seat
/// per month in minor units.
///
/// Rules the rows exercise: one family per product line; Essentials families (`yes`) are the only
/// ones unverified team customers may buy; `TEAM`-only and `DOMAIN`-only SKUs; education-only SKUs
/// (`ONLY`); add-ons that need a base SKU or any SKU of a base family; each plan; seat maximums.
public enum CatalogTable {
    /// The table text.
    public static let standardText = """
        # family | id | name | essentials
        family | workspace    | Google Workspace                  | no
        family | essentials   | Google Workspace Essentials       | yes
        family | cloud-identity | Cloud Identity                  | no
        family | education    | Google Workspace for Education    | no
        family | edu-upgrade  | Teaching and Learning Upgrade     | no
        family | storage      | Google Workspace Additional Storage | no
        family | gemini       | Gemini for Google Workspace       | no

        # sku | id | family | name | plan | price | max seats | customer types | education | requires
        sku | ws-business-starter-flex    | workspace | Business Starter (Flexible)    | FLEXIBLE | 840 USD  | 300   | DOMAIN,TEAM | ANY | -
        sku | ws-business-starter-annual  | workspace | Business Starter (Annual)      | ANNUAL   | 700 USD  | 300   | DOMAIN,TEAM | ANY | -
        sku | ws-business-standard-flex   | workspace | Business Standard (Flexible)   | FLEXIBLE | 1680 USD | 300   | DOMAIN,TEAM | ANY | -
        sku | ws-business-standard-annual | workspace | Business Standard (Annual)     | ANNUAL   | 1400 USD | 300   | DOMAIN,TEAM | ANY | -
        sku | ws-enterprise-standard-flex | workspace | Enterprise Standard (Flexible) | FLEXIBLE | 2760 USD | 50000 | DOMAIN      | ANY | -
        sku | ess-starter                 | essentials | Essentials Starter            | MONTHLY  | 0 USD    | 100   | TEAM        | ANY | -
        sku | ess-enterprise-flex         | essentials | Enterprise Essentials (Flexible) | FLEXIBLE | 1000 USD | 300 | DOMAIN,TEAM | ANY | -
        sku | ess-enterprise-plus-annual  | essentials | Enterprise Essentials Plus (Annual) | ANNUAL | 1200 USD | 300 | DOMAIN,TEAM | ANY | -
        sku | ci-free                     | cloud-identity | Cloud Identity Free       | MONTHLY  | 0 USD    | 50    | DOMAIN      | ANY | -
        sku | ci-premium-flex             | cloud-identity | Cloud Identity Premium (Flexible) | FLEXIBLE | 720 USD | 50000 | DOMAIN | ANY | -
        sku | edu-standard-annual         | education | Education Standard (Annual)    | ANNUAL   | 300 USD  | 100000 | DOMAIN     | ONLY | -
        sku | edu-plus-annual             | education | Education Plus (Annual)        | ANNUAL   | 500 USD  | 100000 | DOMAIN     | ONLY | -
        sku | edu-tlu-flex                | edu-upgrade | Teaching and Learning Upgrade (Flexible) | FLEXIBLE | 400 USD | 10000 | DOMAIN | ONLY | edu-standard-annual
        sku | storage-10tb-monthly        | storage   | Additional Storage 10 TB (Monthly) | MONTHLY | 30000 USD | 50  | DOMAIN,TEAM | ANY | family:workspace
        sku | gemini-business-flex        | gemini    | Gemini Business (Flexible)     | FLEXIBLE | 2400 USD | 300   | DOMAIN,TEAM | ANY | ws-business-starter-flex,ws-business-starter-annual,ws-business-standard-flex,ws-business-standard-annual
        sku | gemini-enterprise-annual    | gemini    | Gemini Enterprise (Annual)     | ANNUAL   | 3000 USD | 50000 | DOMAIN      | ANY | ws-business-standard-flex,ws-business-standard-annual,ws-enterprise-standard-flex
        """
}

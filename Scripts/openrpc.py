#!/usr/bin/env python3
"""Writes Protocol/partner.openrpc.json, the PartnerConsole contract, from the compact tables
below. Run it after changing a method or a schema; the build embeds the file in PartnerAPI
(Plugins/ContractEmbedPlugin) and tests check it against the Swift stubs and the role policy.  Usage: python3 Scripts/openrpc.py"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import openrpc_docs as docs

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def s(min_len=None, max_len=None, fmt=None, pattern=None, enum=None, desc=None):
    out = {"type": "string"}
    if min_len is not None: out["minLength"] = min_len
    if max_len is not None: out["maxLength"] = max_len
    if fmt: out["format"] = fmt
    if pattern: out["pattern"] = pattern
    if enum: out["enum"] = enum
    if desc: out["description"] = desc
    return out
def i(minimum=None, maximum=None, desc=None):
    out = {"type": "integer"}
    if minimum is not None: out["minimum"] = minimum
    if maximum is not None: out["maximum"] = maximum
    if desc: out["description"] = desc
    return out
B = {"type": "boolean"}
def arr(items, min_items=None, max_items=None, unique=False):
    out = {"type": "array", "items": items}
    if min_items is not None: out["minItems"] = min_items
    if max_items is not None: out["maxItems"] = max_items
    if unique: out["uniqueItems"] = True
    return out
def obj(required, props, desc=None, additional=False):
    out = {"type": "object", "required": sorted(required), "properties": props, "additionalProperties": additional}
    if not required: del out["required"]
    if desc: out["description"] = desc
    return out

ID = s(1, 64)
TIME = ref("Timestamp")
EMAIL = ref("Email")
NAME = s(1, 200)
PAGE = {"pageSize": i(1, 200, "Items per page; default 50."), "pageToken": s(0, 512, desc="From nextPageToken of the previous page.")}

schemas = {
    "Timestamp": s(fmt="date-time", desc="RFC 3339, UTC."),
    "Email": s(3, 254, fmt="email"),
    "Etag": s(1, 64, desc="Opaque version; send it back to update. A stale etag gives ABORTED."),
    "Role": s(enum=["salesAgent", "adminAgent"]),
    "Money": obj(["currency", "minorUnits"], {"currency": s(pattern="^[A-Z]{3}$", desc="ISO 4217"), "minorUnits": i(desc="Integer minor units, e.g. cents.")}),
    "PostalAddress": obj(["regionCode", "postalCode"], {
        "regionCode": s(pattern="^[A-Z]{2}$", desc="ISO 3166-1 alpha-2."), "postalCode": s(1, 32),
        "administrativeArea": s(0, 100), "locality": s(0, 100), "addressLines": arr(s(0, 200), max_items=5),
        "organizationName": s(0, 200)}),
    "EducationData": obj(["instituteType"], {"instituteType": s(enum=["K12", "UNIVERSITY"]), "websiteUrl": s(0, 300)}),
    "CustomerType": s(enum=["DOMAIN", "TEAM"]),
    "CustomerState": s(enum=["INVITED", "ACTIVE", "SUSPENDED", "DELETED"]),
    "AdminConsoleMismatch": obj(["fields", "warning"], {
        "fields": arr(s(enum=["primaryDomain", "alternateEmail", "organisationName"]), 1),
        "upstreamPrimaryDomain": s(), "upstreamAlternateEmail": s(), "upstreamOrganisationName": s(), "warning": s()}),
    "Customer": obj(
        ["id", "organisationName", "displayName", "primaryDomain", "customerType", "cloudIdentityId",
         "primaryAdminEmail", "resellerAccess", "domainVerified", "state",
         "etag", "createTime", "updateTime"], {
        "id": ID, "organisationName": NAME, "displayName": NAME, "primaryDomain": s(1, 253), "customerType": ref("CustomerType"),
        "education": ref("EducationData"), "cloudIdentityId": s(), "postalAddress": {**ref("PostalAddress"), "description": "Absent while an invited customer has not given it."},
        "primaryAdminEmail": EMAIL, "alternateEmail": EMAIL, "phoneNumber": s(0, 32), "languageCode": s(2, 35),
        "regionCode": s(pattern="^[A-Z]{2}$"), "timeZone": s(1, 64),
        "missingProfileFields": arr(s(enum=["postalAddress", "alternateEmail", "languageCode", "regionCode", "timeZone"]), 1, unique=True),
        "resellerAccess": B, "domainVerified": B,
        "state": ref("CustomerState"), "subscriptionStatus": s(desc="Absent until the first order."),
        "adminConsoleMismatch": ref("AdminConsoleMismatch"), "etag": ref("Etag"), "createTime": TIME, "updateTime": TIME}),
    "Partner": obj(["id", "name", "etag", "createTime", "updateTime"], {
        "id": ID, "name": NAME, "supportEmail": EMAIL, "websiteUrl": s(0, 300), "phoneNumber": s(0, 32),
        "etag": ref("Etag"), "createTime": TIME, "updateTime": TIME}),
    "Agent": obj(["id", "displayName", "email", "roles", "disabled", "etag", "createTime", "updateTime"], {
        "id": ID, "displayName": NAME, "email": EMAIL, "roles": arr(ref("Role"), 1, 2, True), "disabled": B,
        "etag": ref("Etag"), "createTime": TIME, "updateTime": TIME}),
    "ApiToken": obj(["id", "agentId", "label", "revoked", "createTime"], {
        "id": ID, "agentId": ID, "label": s(0, 100), "revoked": B, "createTime": TIME, "expireTime": TIME, "revokeTime": TIME}),
    "Invitation": obj(["id", "customerId", "email", "state", "expireTime", "createTime"], {
        "id": ID, "customerId": ID, "email": EMAIL, "state": s(enum=["PENDING", "ACCEPTED", "REVOKED", "EXPIRED"]),
        "expireTime": TIME, "createTime": TIME}),
    "CompanyProfile": obj(["customerId", "legalName", "primaryDomain", "cloudIdentityId"], {
        "customerId": ID, "legalName": NAME, "primaryDomain": s(), "cloudIdentityId": s()}),
    "BillingContact": obj(["name", "email"], {"name": NAME, "email": EMAIL, "phoneNumber": s(0, 32)}),
    "BillingProfile": obj(["customerId", "displayName", "etag", "updateTime"], {
        "customerId": ID, "displayName": NAME, "billingAddress": ref("PostalAddress"), "billingContact": ref("BillingContact"),
        "etag": ref("Etag"), "updateTime": TIME}),
    "ContactType": s(enum=["BILLING", "TECHNICAL", "BUSINESS"]),
    "User": obj(["id", "firstName", "lastName", "email", "contactTypes", "createTime"], {
        "id": ID, "customerId": ID, "firstName": NAME, "lastName": NAME, "email": EMAIL,
        "contactTypes": arr(ref("ContactType"), unique=True), "createTime": TIME}),
    "Contact": obj(["id", "firstName", "lastName", "businessEmail", "types", "etag", "createTime", "updateTime"], {
        "id": ID, "customerId": ID, "userId": ID, "firstName": NAME, "lastName": NAME, "businessEmail": EMAIL,
        "businessPhone": s(0, 32), "jobTitle": s(0, 100), "types": arr(ref("ContactType"), 1, 3, True),
        "pendingEmail": EMAIL, "primaryFor": arr(ref("ContactType"), 1, 3, True), "etag": ref("Etag"), "createTime": TIME, "updateTime": TIME}),
    "Plan": s(enum=["MONTHLY", "ANNUAL", "FLEXIBLE"]),
    "Product": obj(["sku", "family", "name", "plan", "unitPrice", "maxSeats", "customerTypes", "educationOnly"], {
        "sku": s(1, 64), "family": s(1, 64), "name": NAME, "plan": ref("Plan"), "unitPrice": ref("Money"), "maxSeats": i(1),
        "customerTypes": arr(ref("CustomerType"), 1), "educationOnly": B, "requiresSku": s(), "description": s()}),
    "SubscriptionState": s(enum=["ACTIVE", "SUSPENDED", "CANCELLED"]),
    "SuspensionReason": s(enum=["CUSTOMER_SUSPENDED", "PAYMENT_OVERDUE", "RESELLER_INITIATED", "TERMS_OF_SERVICE_VIOLATION"]),
    "SubscriptionChange": obj(["time", "agentId", "action"], {
        "time": TIME, "agentId": ID, "action": s(), "fromSeats": i(), "toSeats": i(), "reason": s()}),
    "Subscription": obj(["id", "customerId", "sku", "family", "plan", "seats", "state", "etag", "createTime", "updateTime"], {
        "id": ID, "customerId": ID, "sku": s(), "family": s(), "plan": ref("Plan"), "seats": i(1), "committedSeats": i(0),
        "state": ref("SubscriptionState"), "suspensionReasons": arr(ref("SuspensionReason"), 1, unique=True), "termStartTime": TIME, "termEndTime": TIME, "autoRenew": B, "renewalSku": s(), "trialEndTime": TIME, "cancelTime": TIME, "history": arr(ref("SubscriptionChange")), "historyTruncated": B,
        "etag": ref("Etag"), "createTime": TIME, "updateTime": TIME}),
    "Order": obj(["id", "customerId", "sku", "seats", "subscriptionId", "createTime"], {
        "id": ID, "customerId": ID, "sku": s(), "seats": i(1), "subscriptionId": ID, "agentId": ID, "createTime": TIME}),
    "InvoiceLine": obj(["subscriptionId", "sku", "description", "seatDays", "unitPrice", "amount"], {
        "subscriptionId": ID, "sku": s(), "description": s(), "seatDays": i(0), "unitPrice": ref("Money"), "amount": ref("Money")}),
    "Invoice": obj(["id", "number", "customerId", "billingMonth", "lines", "subtotal", "createTime"], {
        "id": ID, "number": s(), "customerId": ID, "billingMonth": s(pattern="^[0-9]{4}-[0-9]{2}$"),
        "lines": arr(ref("InvoiceLine")), "subtotal": ref("Money"), "createTime": TIME}),
    "Notification": obj(["id", "kind", "recipients", "subject", "text", "createTime"], {
        "id": ID, "kind": s(), "recipients": arr(EMAIL, 1), "subject": s(), "text": s(), "relatedIds": arr(s()), "createTime": TIME}),
    "AuditEntry": obj(["id", "agentId", "roles", "method", "target", "outcome", "time"], {
        "id": ID, "agentId": s(), "roles": arr(ref("Role")), "method": s(), "target": s(), "before": s(), "after": s(),
        "requestId": s(), "outcome": s(), "time": TIME}),
    "Event": obj(["id", "sequence", "type", "resourceId", "time"], {
        "id": ID, "sequence": i(1), "type": s(), "resourceId": s(), "customerId": s(), "time": TIME}),
    "UpstreamAccount": obj(["domain", "edition", "resellerAccess", "domainVerified"], {
        "domain": s(), "edition": s(enum=["BUSINESS", "ENTERPRISE", "ESSENTIALS", "EDUCATION", "NONPROFITS", "LEGACY_FREE"]),
        "customerId": ID, "organisationName": NAME, "alternateEmail": EMAIL, "resellerAccess": B, "domainVerified": B}),
    "Empty": obj([], {}),
}

def page_of(name, item): return obj(["items"], {"items": arr(ref(item)), "nextPageToken": s(desc="Absent on the last page.")})

NEW_CUSTOMER = {
    "organisationName": NAME, "displayName": NAME, "primaryDomain": s(1, 253), "customerType": ref("CustomerType"),
    "education": ref("EducationData"), "postalAddress": ref("PostalAddress"), "primaryAdminEmail": EMAIL,
    "alternateEmail": EMAIL, "phoneNumber": s(0, 32), "languageCode": s(2, 35), "regionCode": s(pattern="^[A-Z]{2}$"),
    "timeZone": s(1, 64)}
CUSTOMER_ID = {"customerId": ID}
ETAG = {"etag": ref("Etag")}

# name, roles, mutating, idempotent, streaming, params(required, props), result schema, errors
S, A, BOTH, NONE = ["salesAgent"], ["adminAgent"], ["salesAgent", "adminAgent"], ["none"]
methods = [
    ("Health.Check", NONE, False, True, False, ([], {"service": s(0, 200)}), obj(["status"], {"status": s(enum=["SERVING", "NOT_SERVING"])}), ["NOT_FOUND"]),
    ("Health.Watch", NONE, False, True, True, ([], {"service": s(0, 200)}), obj(["status"], {"status": s(enum=["SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"])}), []),
    ("Partners.GetProfile", BOTH, False, True, False, ([], {}), ref("Partner"), ["NOT_FOUND"]),
    ("Partners.UpdateProfile", A, True, False, False, (["etag"], {**ETAG, "name": NAME, "supportEmail": EMAIL, "websiteUrl": s(0, 300), "phoneNumber": s(0, 32)}), ref("Partner"), ["ABORTED"]),
    ("Agents.Create", A, True, False, False, (["displayName", "email", "roles"], {"displayName": NAME, "email": EMAIL, "roles": arr(ref("Role"), 1, 2, True)}), ref("Agent"), ["ALREADY_EXISTS"]),
    ("Agents.List", A, False, True, False, ([], {**PAGE}), page_of("Agents", "Agent"), []),
    ("Agents.Update", A, True, False, False, (["agentId", "etag"], {"agentId": ID, **ETAG, "displayName": NAME, "roles": arr(ref("Role"), 1, 2, True), "disabled": B}), ref("Agent"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Tokens.Create", A, True, False, False, (["agentId"], {"agentId": ID, "label": s(0, 100), "ttlSeconds": i(60, 31_536_000)}), obj(["token", "secret"], {"token": ref("ApiToken"), "secret": s(desc="Shown once; only its hash is stored.")}), ["NOT_FOUND"]),
    ("Tokens.List", A, False, True, False, ([], {**PAGE, "agentId": ID}), page_of("Tokens", "ApiToken"), ["NOT_FOUND"]),
    ("Tokens.Revoke", A, True, True, False, (["tokenId"], {"tokenId": ID}), ref("ApiToken"), ["NOT_FOUND"]),
    ("Customers.CheckDomain", BOTH, False, True, False, (["domain"], {"domain": s(1, 253)}), obj(["existing", "owned"], {"existing": B, "owned": B, "upstreamAccount": B, "customerId": ID}), []),
    ("Customers.Create", S, True, False, False, (["organisationName", "primaryDomain", "customerType", "postalAddress", "primaryAdminEmail", "languageCode", "timeZone"], NEW_CUSTOMER), ref("Customer"), ["ALREADY_EXISTS", "FAILED_PRECONDITION", "ABORTED"]),
    ("Customers.Get", BOTH, False, True, False, (["customerId"], CUSTOMER_ID), ref("Customer"), ["NOT_FOUND"]),
    ("Customers.List", BOTH, False, True, False, ([], {**PAGE, "text": s(0, 200), "customerType": ref("CustomerType"), "state": ref("CustomerState"), "education": B, "filter": s(0, 2000), "orderBy": s(0, 200)}), page_of("Customers", "Customer"), []),
    ("Customers.Update", BOTH, True, False, False, (["customerId", "etag", "updateMask"], {**CUSTOMER_ID, **ETAG, "updateMask": arr(s(enum=["displayName", "postalAddress", "primaryAdminEmail", "alternateEmail", "phoneNumber", "languageCode", "regionCode", "timeZone", "education"]), 1, unique=True), "displayName": NAME, "postalAddress": ref("PostalAddress"), "primaryAdminEmail": EMAIL, "alternateEmail": EMAIL, "phoneNumber": s(0, 32), "languageCode": s(2, 35), "regionCode": s(pattern="^[A-Z]{2}$"), "timeZone": s(1, 64), "education": ref("EducationData")}), ref("Customer"), ["NOT_FOUND", "ABORTED"]),
    ("Customers.SyncWithAdminConsole", A, True, False, False, (["customerId"], {**CUSTOMER_ID, **ETAG, "fields": arr(s(enum=["primaryDomain", "alternateEmail", "organisationName"]), 1, unique=True)}), ref("Customer"), ["NOT_FOUND", "ALREADY_EXISTS", "FAILED_PRECONDITION", "ABORTED"]),
    ("Customers.Delete", A, True, True, False, (["customerId"], {**CUSTOMER_ID, **ETAG}), ref("Customer"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Customers.Suspend", A, True, False, False, (["customerId"], {**CUSTOMER_ID, **ETAG, "reason": s(0, 500)}), ref("Customer"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Customers.Reactivate", A, True, False, False, (["customerId"], {**CUSTOMER_ID, **ETAG, "reason": s(0, 500)}), ref("Customer"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Invitations.Send", S, True, False, False, (["name", "email", "domain", "organisationName"], {"name": NAME, "email": EMAIL, "domain": s(1, 253), "organisationName": NAME, "regionCode": s(pattern="^[A-Z]{2}$"), "languageCode": s(2, 35), "timeZone": s(1, 64)}), obj(["customer", "invitation"], {"customer": ref("Customer"), "invitation": ref("Invitation")}), ["ALREADY_EXISTS", "FAILED_PRECONDITION", "ABORTED"]),
    ("Invitations.Resend", S, True, False, False, (["customerId"], CUSTOMER_ID), ref("Invitation"), ["NOT_FOUND", "FAILED_PRECONDITION"]),
    ("Invitations.Revoke", S, True, True, False, (["customerId"], CUSTOMER_ID), ref("Invitation"), ["NOT_FOUND", "FAILED_PRECONDITION"]),
    ("Invitations.Accept", NONE, True, False, False, (["token"], {"token": s(1, 200)}), ref("Customer"), ["NOT_FOUND", "FAILED_PRECONDITION"]),
    ("CompanyProfiles.Get", BOTH, False, True, False, (["customerId"], CUSTOMER_ID), ref("CompanyProfile"), ["NOT_FOUND"]),
    ("BillingProfiles.Get", BOTH, False, True, False, (["customerId"], CUSTOMER_ID), ref("BillingProfile"), ["NOT_FOUND"]),
    ("BillingProfiles.Update", BOTH, True, False, False, (["customerId", "etag"], {**CUSTOMER_ID, **ETAG, "billingAddress": ref("PostalAddress"), "billingContact": ref("BillingContact")}), ref("BillingProfile"), ["NOT_FOUND", "ABORTED"]),
    ("Users.List", BOTH, False, True, False, ([], {**PAGE, **CUSTOMER_ID}), page_of("Users", "User"), ["NOT_FOUND"]),
    ("Users.Create", BOTH, True, False, False, (["firstName", "lastName", "email"], {**CUSTOMER_ID, "firstName": NAME, "lastName": NAME, "email": EMAIL}), ref("User"), ["NOT_FOUND", "ALREADY_EXISTS"]),
    ("Contacts.Create", BOTH, True, False, False, (["types"], {**CUSTOMER_ID, "userId": ID, "firstName": NAME, "lastName": NAME, "businessEmail": EMAIL, "businessPhone": s(0, 32), "jobTitle": s(0, 100), "types": arr(ref("ContactType"), 1, 3, True)}), ref("Contact"), ["NOT_FOUND", "ALREADY_EXISTS"]),
    ("Contacts.List", BOTH, False, True, False, ([], {**PAGE, **CUSTOMER_ID}), page_of("Contacts", "Contact"), ["NOT_FOUND"]),
    ("Contacts.Update", BOTH, True, False, False, (["contactId", "etag"], {"contactId": ID, **ETAG, "firstName": NAME, "lastName": NAME, "businessEmail": EMAIL, "businessPhone": s(0, 32), "jobTitle": s(0, 100), "types": arr(ref("ContactType"), 1, 3, True)}), ref("Contact"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Contacts.Delete", BOTH, True, True, False, (["contactId"], {"contactId": ID, "successorContactId": ID}), ref("Contact"), ["NOT_FOUND", "FAILED_PRECONDITION"]),
    ("Contacts.SetPrimary", BOTH, True, True, False, (["contactId", "type"], {"contactId": ID, "type": ref("ContactType"), **ETAG}), ref("Contact"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Contacts.ConfirmEmail", NONE, True, False, False, (["token"], {"token": s(1, 200)}), ref("Contact"), ["NOT_FOUND", "ALREADY_EXISTS", "FAILED_PRECONDITION"]),
    ("Catalog.ListProducts", BOTH, False, True, False, ([], {**CUSTOMER_ID}), obj(["items"], {"items": arr(ref("Product"))}), ["NOT_FOUND"]),
    ("Orders.Place", S, True, False, False, (["customerId", "sku", "seats"], {**CUSTOMER_ID, "sku": s(1, 64), "seats": i(1, 1_000_000), "trial": B}), obj(["order", "subscription"], {"order": ref("Order"), "subscription": ref("Subscription")}), ["NOT_FOUND", "ALREADY_EXISTS", "FAILED_PRECONDITION", "OUT_OF_RANGE"]),
    ("Orders.List", BOTH, False, True, False, ([], {**PAGE, **CUSTOMER_ID}), page_of("Orders", "Order"), ["NOT_FOUND"]),
    ("Subscriptions.Get", BOTH, False, True, False, (["subscriptionId"], {"subscriptionId": ID}), ref("Subscription"), ["NOT_FOUND"]),
    ("Subscriptions.List", BOTH, False, True, False, ([], {**PAGE, **CUSTOMER_ID}), page_of("Subscriptions", "Subscription"), ["NOT_FOUND"]),
    ("Subscriptions.ChangeSeats", S, True, False, False, (["subscriptionId"], {"subscriptionId": ID, **ETAG, "seats": i(1, 1_000_000, "Absolute seat count; give this or delta."), "delta": i(-1_000_000, 1_000_000, "Seats to add (positive) or remove (negative)."), "reason": s(0, 500)}), ref("Subscription"), ["NOT_FOUND", "OUT_OF_RANGE", "FAILED_PRECONDITION", "ABORTED"]),
    ("Subscriptions.Suspend", A, True, False, False, (["subscriptionId"], {"subscriptionId": ID, **ETAG, "reason": s(0, 500)}), ref("Subscription"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Subscriptions.Activate", A, True, False, False, (["subscriptionId"], {"subscriptionId": ID, **ETAG, "reason": s(0, 500)}), ref("Subscription"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Subscriptions.Cancel", S, True, False, False, (["subscriptionId"], {"subscriptionId": ID, **ETAG, "reason": s(0, 500)}), ref("Subscription"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Subscriptions.UpdateRenewalSettings", S, True, False, False, (["subscriptionId", "autoRenew"], {"subscriptionId": ID, **ETAG, "autoRenew": B, "renewalSku": s(0, 64), "reason": s(0, 500)}), ref("Subscription"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Subscriptions.StartPaidService", S, True, False, False, (["subscriptionId"], {"subscriptionId": ID, **ETAG, "reason": s(0, 500)}), ref("Subscription"), ["NOT_FOUND", "FAILED_PRECONDITION", "ABORTED"]),
    ("Subscriptions.ListHistory", BOTH, False, True, False, (["subscriptionId"], {**PAGE, "subscriptionId": ID}), page_of("SubscriptionHistory", "SubscriptionChange"), ["NOT_FOUND"]),
    ("Invoices.List", BOTH, False, True, False, ([], {**PAGE, **CUSTOMER_ID}), page_of("Invoices", "Invoice"), ["NOT_FOUND"]),
    ("Invoices.Get", BOTH, False, True, False, (["invoiceId"], {"invoiceId": ID}), ref("Invoice"), ["NOT_FOUND"]),
    ("Invoices.Download", BOTH, False, True, False, (["invoiceId", "format"], {"invoiceId": ID, "format": s(enum=["PDF", "CSV"])}), obj(["invoiceId", "format", "contentType", "data"], {"invoiceId": ID, "format": s(enum=["PDF", "CSV"]), "contentType": s(), "data": s(fmt="byte", desc="base64")}), ["NOT_FOUND"]),
    ("Invoices.CloseBillingPeriod", A, True, True, False, (["billingMonth"], {"billingMonth": s(pattern="^[0-9]{4}-[0-9]{2}$")}), obj(["billingMonth", "invoices"], {"billingMonth": s(), "invoices": arr(ref("Invoice"))}), ["FAILED_PRECONDITION"]),
    ("Notifications.List", BOTH, False, True, False, ([], {**PAGE}), page_of("Notifications", "Notification"), []),
    ("Audit.List", A, False, True, False, ([], {**PAGE, "startTime": TIME, "endTime": TIME, "customerId": ID, "agentId": ID, "operation": s(1, 100)}), page_of("Audit", "AuditEntry"), ["NOT_FOUND"]),
    ("Events.Watch", BOTH, False, True, True, ([], {"afterSequence": i(0)}), obj(["count"], {"count": i(0)}), []),
    ("AdminConsoleSim.RegisterAccount", A, True, False, False, (["domain", "edition"], {"domain": s(1, 253), "edition": s(enum=["BUSINESS", "ENTERPRISE", "ESSENTIALS", "EDUCATION", "NONPROFITS", "LEGACY_FREE"])}), ref("UpstreamAccount"), ["ALREADY_EXISTS"]),
    ("AdminConsoleSim.ChangeDomain", A, True, False, False, (["customerId", "domain"], {**CUSTOMER_ID, "domain": s(1, 253)}), ref("UpstreamAccount"), ["NOT_FOUND", "ALREADY_EXISTS"]),
    ("AdminConsoleSim.ChangeAlternateEmail", A, True, False, False, (["customerId", "alternateEmail"], {**CUSTOMER_ID, "alternateEmail": EMAIL}), ref("UpstreamAccount"), ["NOT_FOUND"]),
    ("AdminConsoleSim.RenameOrganisation", A, True, False, False, (["customerId", "organisationName"], {**CUSTOMER_ID, "organisationName": NAME}), ref("UpstreamAccount"), ["NOT_FOUND"]),
    ("AdminConsoleSim.GrantResellerAccess", A, True, True, False, (["customerId"], CUSTOMER_ID), ref("UpstreamAccount"), ["NOT_FOUND"]),
    ("AdminConsoleSim.RevokeResellerAccess", A, True, True, False, (["customerId"], CUSTOMER_ID), ref("UpstreamAccount"), ["NOT_FOUND"]),
    ("AdminConsoleSim.VerifyDomain", A, True, True, False, (["customerId"], CUSTOMER_ID), ref("UpstreamAccount"), ["NOT_FOUND", "ALREADY_EXISTS"]),
]

ERRORS = {"INVALID_ARGUMENT": -32602, "UNAUTHENTICATED": 16, "PERMISSION_DENIED": 7, "NOT_FOUND": 5, "ALREADY_EXISTS": 6,
          "FAILED_PRECONDITION": 9, "ABORTED": 10, "OUT_OF_RANGE": 11, "RESOURCE_EXHAUSTED": 8, "UNAVAILABLE": 14, "DEADLINE_EXCEEDED": 4}
MESSAGES = {"INVALID_ARGUMENT": "Params violate the schema or a rule; data.details names the field.",
            "UNAUTHENTICATED": "No valid bearer token.", "PERMISSION_DENIED": "The agent lacks the role this method needs.",
            "NOT_FOUND": "The resource does not exist or belongs to another partner.", "ALREADY_EXISTS": "The resource exists already.",
            "FAILED_PRECONDITION": "The resource is not in a state that allows this.", "ABORTED": "The etag is stale; read again and retry.",
            "OUT_OF_RANGE": "A value is outside its allowed range.", "RESOURCE_EXHAUSTED": "A limit was hit.",
            "UNAVAILABLE": "The server cannot serve now; retry with backoff.", "DEADLINE_EXCEEDED": "The deadline passed."}

def described(schema, text):
    """A copy of `schema` with `text` as its description unless it has one (tables share dicts)."""
    if "description" in schema or text is None: return schema
    return {**schema, "description": text}

def describe_properties(owner, schema, missing):
    """Describes every property of an object schema (recursively), from PROPS."""
    if schema.get("type") == "object":
        for key, value in list(schema.get("properties", {}).items()):
            text = docs.PROPS.get(f"{owner}.{key}", docs.PROPS.get(key))
            if "description" not in value and text is None: missing.append(f"{owner}.{key}")
            value = described(value, text)
            describe_properties(f"{owner}.{key}", value, missing)
            schema["properties"][key] = value
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict) and schema["items"].get("type") == "object":
        describe_properties(owner, schema["items"], missing)

def method_text(name, roles, codes):
    summary, does, rules, whens = docs.METHODS[name]
    parts = [does]
    if rules: parts.append("Rules:\n" + "\n".join(f"- {rule}" for rule in rules))
    parts.append("Roles: " + ("none (no agent token needed)." if roles == NONE else " or ".join(roles) + "."))
    lines = [f"- {code}: {whens.get(code) or docs.GENERIC_WHEN[code]}" for code in codes]
    parts.append("Errors:\n" + "\n".join(lines) if lines else "Errors: none of its own.")
    missing = [code for code in whens if code not in codes]
    assert not missing, f"{name}: the docs explain {missing}, which it does not document"
    return summary, "\n\n".join(parts)

MISSING = []

def method_doc(m):
    name, roles, mutating, idempotent, streaming, (required, props), result, errors = m
    params = []
    for k, v in props.items():
        text = docs.PARAMS.get(f"{name}.{k}", docs.PARAMS.get(k))
        if "description" not in v and text is None: MISSING.append(f"{name} param {k}")
        override = docs.PARAMS.get(f"{name}.{k}")
        schema = {**v, "description": override} if override else described(v, text)
        params.append({"name": k, "required": k in required, "schema": schema})
    codes = ["INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "UNAVAILABLE", "RESOURCE_EXHAUSTED"]
    if roles != NONE: codes += ["UNAUTHENTICATED", "PERMISSION_DENIED"]
    codes += [e for e in errors if e not in codes]
    doc = {
        "name": name, "paramStructure": "by-name", "params": params,
        "result": {"name": "item" if streaming and name != "Events.Watch" and name != "Health.Watch" else "result", "schema": result},
        "errors": [{"code": ERRORS[c], "message": MESSAGES[c], "data": {"status": c}} for c in codes],
        "x-roles": roles, "x-mutating": mutating, "x-idempotent": idempotent, "x-streaming": streaming,
    }
    doc["summary"], doc["description"] = method_text(name, roles, codes)
    if name == "Events.Watch":
        doc["x-item"] = ref("Event")
    if name == "Health.Watch":
        doc["x-item"] = result
        doc["result"] = {"name": "result", "schema": ref("Empty")}
    if isinstance(doc["result"]["schema"], dict):
        doc["result"]["schema"] = dict(doc["result"]["schema"])
        describe_properties(name, doc["result"]["schema"], MISSING)
    if isinstance(doc.get("x-item"), dict) and "$ref" not in doc["x-item"]:
        doc["x-item"] = dict(doc["x-item"])
        describe_properties(name, doc["x-item"], MISSING)
    if name in docs.EXAMPLES: doc["examples"] = docs.EXAMPLES[name]
    return doc

for schema_name, schema in schemas.items():
    schemas[schema_name] = described(dict(schema), docs.SCHEMAS.get(schema_name))
    if "description" not in schemas[schema_name]: MISSING.append(f"schema {schema_name}")
    describe_properties(schema_name, schemas[schema_name], MISSING)

document = {
    "openrpc": "1.3.2",
    "info": {"title": "PartnerConsole", "version": "1.0.0",
             "description": "Reseller backend: customers, invitations, contacts, orders, subscriptions, invoices. Framed JSON-RPC over TCP; see WIRE.md."},
    "methods": [method_doc(m) for m in methods] + [{
        "name": "rpc.discover", "paramStructure": "by-name", "params": [],
        "result": {"name": "OpenRPC document", "schema": {"type": "object"}}, "x-roles": ["none"],
        "x-mutating": False, "x-idempotent": True, "x-streaming": False, "errors": [],
        "summary": docs.METHODS["rpc.discover"][0], "description": method_text("rpc.discover", NONE, [])[1]}],
    "components": {"schemas": schemas},
}

assert not MISSING, "undescribed: " + ", ".join(MISSING)

if __name__ == "__main__":
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    with open(os.path.join(root, "Protocol/partner.openrpc.json"), "w") as f: f.write(text)
    print(f"{len(document['methods'])} methods, {len(schemas)} schemas")

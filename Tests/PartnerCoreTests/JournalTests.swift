import Testing

@testable import PartnerCore

@Suite("Audit, outbox and events")
struct JournalTests {
    @Test("every change is audited with agent, roles, method, target, time, request id and outcome")
    func everyChangeAudited() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        _ = try f.write { tx in
            try d.customers.update(CustomerUpdate(customerId: customer.id, displayName: "Ex"), caller: a, in: tx)
        }
        _ = try f.write { tx in
            try d.contacts.create(
                NewContact(firstName: "A", lastName: "B", businessEmail: "a@b.example", types: [.billing]), caller: a,
                in: tx)
        }
        let log = try f.auditLog()
        #expect(log.map(\.method).suffix(3) == ["Customers.Create", "Customers.Update", "Contacts.Create"])
        for entry in log.suffix(3) {
            #expect(
                entry.agentId == a.agentId && entry.requestId == "req-a" && entry.outcome == "OK"
                    && entry.time == f.clock.now())
        }
    }

    @Test("a refused call can be audited with its status")
    func refusalAudited() throws {
        let f = try CoreFixture()
        let d = f.domain
        let sales = f.a([.salesAgent])
        do {
            try Policy.authorize(.customersDelete, sales)
        } catch {
            _ = try f.write { tx in
                try Audit.recordRefusal(
                    .customersDelete, target: "cus_x", error: error, caller: sales, context: d.context, in: tx)
            }
        }
        #expect(try f.auditLog().last?.outcome == "PERMISSION_DENIED")
    }

    @Test("events carry a gap-free per-partner sequence and resume after a sequence")
    func eventSequence() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let b = f.b
        for i in 0..<5 { try f.createCustomer(CoreFixture.newCustomer("e\(i).example")) }
        _ = try f.createCustomer(CoreFixture.newCustomer("other.example"), as: b)
        let all = try f.events()
        #expect(all.map(\.sequence) == Array(1...Int64(all.count)))
        let tail = try f.read { tx in try d.journal.events(afterSequence: all[2].sequence, limit: 2, caller: a, in: tx)
        }
        #expect(tail.map(\.sequence) == [all[3].sequence, all[4].sequence])
        let bEvents = try f.events(b)
        #expect(bEvents.map(\.sequence) == Array(1...Int64(bEvents.count)))
        expectRefusal(.invalidArgument, field: "afterSequence") {
            try f.read { tx in try d.journal.events(afterSequence: -1, caller: a, in: tx) }
        }
        expectRefusal(.invalidArgument, field: "limit") {
            try f.read { tx in try d.journal.events(afterSequence: 0, limit: 0, caller: a, in: tx) }
        }
    }

    @Test("events filter by customer")
    func eventsByCustomer() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let one = try f.createCustomer(CoreFixture.newCustomer("one.example"))
        _ = try f.createCustomer(CoreFixture.newCustomer("two.example"))
        _ = try f.write { tx in
            try d.customers.update(CustomerUpdate(customerId: one.id, displayName: "One"), caller: a, in: tx)
        }
        let events = try f.read { tx in try d.journal.events(afterSequence: 0, customerId: one.id, caller: a, in: tx) }
        #expect(events.map(\.type) == ["customer.created", "customer.updated"])
    }

    @Test("the audit log is for admin agents; notifications for both")
    func journalRoles() throws {
        let f = try CoreFixture()
        let d = f.domain
        expectRefusal(.permissionDenied, field: nil) {
            try f.read { tx in try d.journal.audit(page: PageRequest(), caller: f.a([.salesAgent]), in: tx) }
        }
        _ = try f.read { tx in try d.journal.notifications(page: PageRequest(), caller: f.a([.salesAgent]), in: tx) }
        _ = try f.read { tx in try d.journal.notifications(page: PageRequest(), caller: f.a([.adminAgent]), in: tx) }
    }

    @Test("notifications page through the outbox and filter by related id")
    func notificationsPaging() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        var customers: [Customer] = []
        for i in 0..<4 { customers.append(try f.createCustomer(CoreFixture.newCustomer("n\(i).example"))) }
        let first = try f.read { tx in try d.journal.notifications(page: PageRequest(pageSize: 3), caller: a, in: tx) }
        let rest = try f.read { tx in
            try d.journal.notifications(
                page: PageRequest(pageSize: 3, pageToken: first.nextPageToken), caller: a, in: tx)
        }
        #expect(first.items.count == 3 && rest.items.count == 1 && rest.nextPageToken == nil)
        let related = try f.read { tx in
            try d.journal.notifications(page: PageRequest(), relatedTo: customers[2].id, caller: a, in: tx)
        }
        #expect(related.items.count == 1 && related.items[0].recipients.first == "admin@n2.example")
    }
}

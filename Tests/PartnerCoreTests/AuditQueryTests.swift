import Testing

@testable import PartnerCore

/// `Audit.List` queries: bounded window, filters, newest first, stable paging (issue #13
/// capability).
@Suite("Audit log queries")
struct AuditQueryTests {
    private func query(_ f: CoreFixture, _ query: AuditQuery, size: Int = 50, token: String? = nil) throws -> Page<
        AuditEntry
    > {
        let domain = f.domain
        let a = f.a
        return try f.read { tx in
            try domain.journal.audit(query, page: PageRequest(pageSize: size, pageToken: token), caller: a, in: tx)
        }
    }

    @Test("auditWindowBounded: at most 90 days per query; newest first; filters by customer, agent and operation")
    func auditWindowBounded() throws {
        let f = try CoreFixture()
        let old = try f.createCustomer(CoreFixture.newCustomer("old-audit.example"))
        f.clock.advance(days: 100)
        let recent = try f.createCustomer(CoreFixture.newCustomer("recent-audit.example"))
        f.clock.advance(days: 1)
        let domain = f.domain
        let a = f.a
        _ = try f.write { tx in
            try domain.customers.update(
                CustomerUpdate(customerId: recent.id, updateMask: ["displayName"], displayName: "Recent"), caller: a,
                in: tx)
        }
        let last90 = try query(f, AuditQuery())
        #expect(last90.items.map(\.method) == ["Customers.Update", "Customers.Create"])
        #expect(last90.items.allSatisfy { $0.target == recent.id })
        let start = f.clock.now().adding(days: -120)
        expectRefusal(.invalidArgument, field: "startTime") { try query(f, AuditQuery(startTime: start)) }
        expectRefusal(.invalidArgument, field: "endTime") {
            try query(f, AuditQuery(startTime: f.clock.now(), endTime: f.clock.now().adding(days: -1)))
        }
        let older = try query(f, AuditQuery(startTime: start, endTime: start.adding(days: 90)))
        #expect(older.items.map(\.target).contains(old.id) && !older.items.map(\.target).contains(recent.id))
        #expect(try query(f, AuditQuery(operation: "Customers.Update")).items.count == 1)
        #expect(try query(f, AuditQuery(customerId: recent.id)).items.count == 2)
        #expect(try query(f, AuditQuery(agentId: f.a.agentId)).items.count == 2)
        expectRefusal(.notFound, field: "agentId") { try query(f, AuditQuery(agentId: "agt_nobody")) }
        expectRefusal(.invalidArgument, field: "operation") { try query(f, AuditQuery(operation: "Nope.Do")) }
    }

    @Test("auditPagesStable: pages go on from the last entry seen, even when entries are written meanwhile")
    func auditPagesStable() throws {
        let f = try CoreFixture()
        for index in 0..<3 { try f.createCustomer(CoreFixture.newCustomer("page-audit\(index).example")) }
        let first = try query(f, AuditQuery(operation: "Customers.Create"), size: 2)
        try f.createCustomer(CoreFixture.newCustomer("page-audit-late.example"))
        let second = try query(f, AuditQuery(operation: "Customers.Create"), size: 2, token: first.nextPageToken)
        #expect(first.items.count == 2 && second.items.count == 1 && second.nextPageToken == nil)
        #expect(Set(first.items.map(\.id)).isDisjoint(with: second.items.map(\.id)))
        #expect(first.items[0].id > first.items[1].id && first.items[1].id > second.items[0].id)
        expectRefusal(.invalidArgument, field: "pageToken") {
            try query(f, AuditQuery(operation: "Customers.Update"), size: 2, token: first.nextPageToken)
        }
    }
}

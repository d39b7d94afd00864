/// Appends to a partner's event feed inside the caller's transaction.
public enum Events {
    /// Appends an event with the next sequence number of the partner's feed. The number may
    /// be drawn only at commit (`StoreWriting.putNumbered`), so the feed's counter is held for
    /// the commit alone; the event is not readable in the same transaction.
    /// - Parameters:
    ///   - type: `<resource>.<verb>`, e.g. `customer.created`.
    ///   - resourceId: the resource's id.
    ///   - customerId: the customer concerned, if any (watchers filter by it).
    ///   - data: small facts about the change.
    public static func emit(
        _ type: String, resourceId: String, customerId: String? = nil, data: [String: String] = [:], partnerId: String,
        context: DomainContext, in tx: any StoreWriting
    ) throws {
        let time = context.now()
        try tx.putNumbered(counter: "events:\(partnerId)") { sequence in
            DomainEvent(
                partnerId: partnerId, sequence: sequence, type: type, resourceId: resourceId, customerId: customerId,
                data: data, time: time)
        }
    }
}

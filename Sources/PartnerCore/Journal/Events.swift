/// Appends to a partner's event feed inside the caller's transaction.
public enum Events {
    /// Appends an event with the next sequence number of the partner's feed.
    /// - Parameters:
    ///   - type: `<resource>.<verb>`, e.g. `customer.created`.
    ///   - resourceId: the resource's id.
    ///   - customerId: the customer concerned, if any (watchers filter by it).
    ///   - data: small facts about the change.
    @discardableResult
    public static func emit(
        _ type: String, resourceId: String, customerId: String? = nil, data: [String: String] = [:], partnerId: String,
        context: DomainContext, in tx: any StoreWriting
    ) throws -> DomainEvent {
        let sequence = try tx.nextSequence("events:\(partnerId)")
        let event = DomainEvent(
            partnerId: partnerId, sequence: sequence, type: type, resourceId: resourceId, customerId: customerId,
            data: data, time: context.now())
        try tx.put(event)
        return event
    }
}

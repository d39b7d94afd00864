/// Queues messages in the outbox inside the caller's transaction.
public enum Outbox {
    /// Queues one message and returns it.
    @discardableResult
    public static func send(
        to recipients: [String], subject: String, text: String, kind: OutboxMessage.Kind, related: [String],
        partnerId: String, context: DomainContext, in tx: any StoreWriting
    ) throws -> OutboxMessage {
        let message = OutboxMessage(
            id: context.ids.next("msg"), partnerId: partnerId, recipients: recipients, subject: subject, text: text,
            messageKind: kind, relatedIds: related, createTime: context.now())
        try tx.put(message)
        return message
    }
}

/// What every connection of one server shares, built once: the composed method table, the
/// envelope decoder and the configuration.
final class RPCServerCore: Sendable {
    let config: RPCServerConfig
    let methods: [String: RPCRouter.Entry]
    let decoder: RPCEnvelopeDecoder

    init(config: RPCServerConfig, router: RPCRouter, interceptors: [any RPCServerInterceptor]) {
        self.config = config
        self.methods = router.composed(with: interceptors)
        self.decoder = RPCEnvelopeDecoder(
            maxDepth: config.maxDepth, maxBatch: config.maxBatch, maxMetaBytes: config.maxMetaBytes,
            maxMetaKeys: config.maxMetaKeys)
    }
}

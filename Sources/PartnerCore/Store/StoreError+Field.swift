extension StoreError {
    /// For `duplicateKey`: the field the clashing unique key was made of, as the domain names
    /// it, whatever operation met the clash. A customer's `domain:` key is its `primaryDomain`;
    /// any other key is named by its prefix (`email:...` -> `email`, `token:...` -> `token`).
    /// `nil` for other failures and for a duplicate without a key.
    public var field: String? {
        guard code == .duplicateKey, let key, !key.isEmpty else { return nil }
        let prefix = key.split(separator: ":", maxSplits: 1).first.map(String.init) ?? key
        return prefix == "domain" ? "primaryDomain" : prefix
    }
}

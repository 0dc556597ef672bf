import ChainModel

/// What the methodology knows about an asset besides its prices: identity, categories,
/// sleeve, chain addresses and listing date. Read from the asset metadata file.
public struct AssetMetadata: Equatable, Sendable {
    /// Whether the asset is a crypto token or an equity (tokenized or not).
    public enum Kind: String, Sendable, CaseIterable {
        /// A crypto token.
        case token
        /// A listed (or tokenized) equity.
        case equity
    }
    /// Stable identifier (CoinGecko id for tokens, e.g. `render-token`; ticker for equities).
    public var id: String
    /// Ticker symbol, e.g. `RNDR`.
    public var symbol: String
    /// Display name.
    public var name: String
    /// Token or equity.
    public var kind: Kind
    /// Category ids (CoinGecko style, e.g. `artificial-intelligence`).
    public var categories: [String]
    /// The sleeve the asset belongs to, if the index has sleeves.
    public var sleeve: String?
    /// Contract address per chain name (`ethereum`, `base`, …).
    public var addresses: [String: Address]
    /// Token decimals on the target chain.
    public var decimals: Int?
    /// First day in circulation (for the minimum-age rule); defaults to the first market-cap point.
    public var firstSeen: Day?
    /// Shares outstanding (equities: market cap = close × shares).
    public var sharesOutstanding: Double?

    /// Metadata with the given fields.
    public init(id: String, symbol: String, name: String, kind: Kind = .token, categories: [String] = [],
                sleeve: String? = nil, addresses: [String: Address] = [:], decimals: Int? = nil,
                firstSeen: Day? = nil, sharesOutstanding: Double? = nil) {
        self.id = id
        self.symbol = symbol
        self.name = name
        self.kind = kind
        self.categories = categories
        self.sleeve = sleeve
        self.addresses = addresses
        self.decimals = decimals
        self.firstSeen = firstSeen
        self.sharesOutstanding = sharesOutstanding
    }

    /// Parses an asset metadata file (YAML or JSON):
    /// ```yaml
    /// assets:
    ///   - id: render-token
    ///     symbol: RNDR
    ///     name: Render
    ///     kind: token                 # token | equity (default token)
    ///     categories: [artificial-intelligence]
    ///     sleeve: tokens              # optional
    ///     chains: { ethereum: "0x6De037ef9aD2725EB40118Bb1702EBb27e4Aeb24" }
    ///     decimals: 18
    ///     first_seen: 2020-06-11      # optional
    ///     shares_outstanding: 2.4e9   # equities
    /// ```
    /// Returns the assets in file order; throws on unknown keys, bad addresses, duplicate ids.
    public static func parseFile(_ text: String, file: String) throws(InputFileError) -> [AssetMetadata] {
        let root = try StrictYAML.root(text, file: file)
        let top = try root.fields(allowed: ["assets"])
        guard let list = top["assets"] else { throw root.error("missing key 'assets'") }
        var result: [AssetMetadata] = []
        var seen = Set<String>()
        for item in try list.sequence() {
            let f = try item.fields(allowed: ["id", "symbol", "name", "kind", "categories", "sleeve", "chains",
                                              "decimals", "first_seen", "shares_outstanding"])
            guard let idNode = f["id"] else { throw item.error("missing key 'id'") }
            let id = try idNode.string()
            guard !id.isEmpty else { throw idNode.error("asset id must not be empty") }
            guard seen.insert(id).inserted else { throw idNode.error("duplicate asset id") }
            var asset = AssetMetadata(id: id, symbol: try f["symbol"]?.string() ?? id, name: try f["name"]?.string() ?? id)
            if let k = f["kind"] {
                guard let kind = Kind(rawValue: try k.string()) else { throw k.error("kind must be token or equity") }
                asset.kind = kind
            }
            asset.categories = try f["categories"]?.strings() ?? []
            asset.sleeve = try f["sleeve"]?.string()
            if let chains = f["chains"] {
                for (chain, addressNode) in try chains.mapping() {
                    let text = try addressNode.string()
                    do {
                        asset.addresses[chain] = try Address(text)
                    } catch {
                        throw addressNode.error("not a valid address (\(error))")
                    }
                }
            }
            if let d = f["decimals"] {
                let v = try d.int()
                guard (0...77).contains(v) else { throw d.error("decimals must be between 0 and 77") }
                asset.decimals = v
            }
            asset.firstSeen = try f["first_seen"]?.day()
            if let s = f["shares_outstanding"] {
                let v = try s.double()
                guard v > 0 else { throw s.error("shares_outstanding must be positive") }
                asset.sharesOutstanding = v
            }
            result.append(asset)
        }
        return result
    }
}

import ChainModel
import Foundation

/// Market prices for a rebalance (format `rebalancer/prices@1`, JSON):
/// ```json
/// { "format": "rebalancer/prices@1",
///   "prices": [ { "address": "0x…", "symbol": "WBTC", "decimals": 8, "usd": "64250.12",
///                 "quote": "18.3571", "source": "coingecko", "time": "2024-03-27T00:00:00Z" } ] }
/// ```
/// `usd` is USD per whole token and `quote` is quote asset per whole token, both decimal strings;
/// the quote asset's own entry has `"quote": "1"`.
public struct PriceSheet: Sendable, Hashable {
    /// The format tag this version writes and accepts.
    public static let format = "rebalancer/prices@1"

    /// One token's price.
    public struct Entry: Sendable, Hashable {
        /// The token.
        public var address: Address
        /// Its symbol.
        public var symbol: String
        /// Its ERC20 decimals.
        public var decimals: Int
        /// USD per whole token.
        public var usd: DecimalText
        /// Quote asset per whole token.
        public var quote: DecimalText
        /// Where the price came from.
        public var source: String
        /// When it was observed (ISO-8601 text, as given).
        public var time: String

        /// Creates an entry.
        public init(address: Address, symbol: String, decimals: Int, usd: DecimalText, quote: DecimalText, source: String, time: String) {
            self.address = address; self.symbol = symbol; self.decimals = decimals; self.usd = usd; self.quote = quote
            self.source = source; self.time = time
        }

        /// The adapter-scale price (auction-module §3.1): `quote × 10^(18 + quoteDecimals − decimals)`
        /// rounded to the nearest integer (halves up). Nil when it exceeds 2²⁵⁶ − 1.
        public func adapterPrice(quoteDecimals: Int) -> UInt256? {
            quote.scaled(byPowerOf10: 18 + quoteDecimals - decimals, rounding: .nearestHalfUp)
        }
    }

    /// The entries in file order (distinct addresses).
    public var entries: [Entry]

    /// Creates a sheet.
    public init(entries: [Entry]) { self.entries = entries }

    /// The entry of `token`, if any.
    public func entry(for token: Address) -> Entry? { entries.first { $0.address == token } }

    /// Parses a price file strictly.
    /// - Throws: `InputFileError` naming the file, the JSON path and the rule (unknown keys, a
    ///   duplicate address, a non-decimal or zero price, decimals outside 0…77).
    public static func parse(_ data: Data, file: String) throws(InputFileError) -> PriceSheet {
        let root = try InputNode.document(data, file: file, yaml: false)
        try root.allowOnly(["format", "prices"])
        let format = try root.field("format")
        guard try format.string() == Self.format else { throw format.fail("expected \(Self.format)") }
        var entries: [Entry] = []
        var seen = Set<Address>()
        for node in try root.field("prices").array(limit: 1_000) {
            try node.allowOnly(["address", "symbol", "decimals", "usd", "quote", "source", "time"])
            let address = try node.field("address").address()
            if !seen.insert(address).inserted { throw try node.field("address").fail("token listed twice") }
            let usd = try node.field("usd").decimal()
            if usd.isZero { throw try node.field("usd").fail("must be > 0") }
            let quote = try node.field("quote").decimal()
            if quote.isZero { throw try node.field("quote").fail("must be > 0") }
            let source = try node.field("source").string()
            if source.isEmpty { throw try node.field("source").fail("must name where the price came from") }
            let time = try node.field("time").string()
            if time.isEmpty { throw try node.field("time").fail("must give when the price was observed") }
            entries.append(Entry(address: address, symbol: try node.field("symbol").string(),
                                 decimals: Int(try node.field("decimals").integer(in: 0...77)),
                                 usd: usd, quote: quote, source: source, time: time))
        }
        if entries.isEmpty { throw try root.field("prices").fail("must list at least the quote asset") }
        return PriceSheet(entries: entries)
    }
}

import ChainModel

/// The keeper's reference price document:
/// `{"format": "rebalancer/reference-prices@1", "as_of": <unix seconds>, "prices": {"0x…component": "<price>"}}`,
/// each price a decimal integer in the adapter scale (quote base units per component base unit
/// × 1e18); `as_of` (optional) says when the prices were taken.
public enum ReferencePrices {
    /// A parsed document.
    public struct Document: Sendable, Equatable {
        /// The prices by component.
        public var prices: [Address: UInt256]
        /// `as_of`: when the prices were taken, Unix seconds; `nil` when absent.
        public var asOf: Int64?

        /// Makes a document.
        public init(prices: [Address: UInt256], asOf: Int64? = nil) {
            self.prices = prices
            self.asOf = asOf
        }
    }

    /// The format tag.
    public static let format = "rebalancer/reference-prices@1"

    /// The prices by component. Throws `KeeperError.referencePrices` naming the field, the value
    /// and the rule it breaks.
    public static func parse(_ bytes: [UInt8]) throws(KeeperError) -> [Address: UInt256] {
        try parseDocument(bytes).prices
    }

    /// The prices and `as_of` of a document. Throws `KeeperError.referencePrices` naming the
    /// field, the value and the rule it breaks (`as_of`, when present, must be an integer from 0
    /// to 10^12).
    public static func parseDocument(_ bytes: [UInt8]) throws(KeeperError) -> Document {
        let document: JSONValue
        do { document = try JSONValue.parse(bytes) } catch { throw .referencePrices(field: "(document)", rule: "not JSON: \(error)") }
        guard document["format"]?.stringValue == format else {
            throw .referencePrices(field: "format", rule: "must be \(format)")
        }
        guard case let .object(members)? = document["prices"], !members.isEmpty else {
            throw .referencePrices(field: "prices", rule: "must be a non-empty object of component address to price")
        }
        var prices: [Address: UInt256] = [:]
        for (key, value) in members {
            let component: Address
            do { component = try Address(key) } catch {
                throw .referencePrices(field: "prices.\(key.prefix(60))", rule: "the key is not an address (\(error))")
            }
            guard let text = value.stringValue, !text.isEmpty, text.allSatisfy({ $0 >= "0" && $0 <= "9" }),
                  let price = try? UInt256(text), !price.isZero else {
                throw .referencePrices(field: "prices.\(component.checksummed)",
                                       rule: "must be a positive decimal integer string below 2^256, not \(value.serialized.prefix(80))")
            }
            guard prices[component] == nil else {
                throw .referencePrices(field: "prices.\(component.checksummed)", rule: "appears twice")
            }
            prices[component] = price
        }
        var asOf: Int64? = nil
        if let value = document["as_of"] {
            guard case let .number(text) = value, !text.isEmpty, text.count <= 13, text.allSatisfy({ $0 >= "0" && $0 <= "9" }),
                  let seconds = Int64(text), seconds <= 1_000_000_000_000 else {
                throw .referencePrices(field: "as_of", rule: "must be Unix seconds, an integer from 0 to 10^12, not \(value.serialized.prefix(80))")
            }
            asOf = seconds
        }
        return Document(prices: prices, asOf: asOf)
    }
}

import ChainModel

/// The keeper's reference price source as a file:
/// `{"format": "rebalancer/reference-prices@1", "prices": {"0x…component": "<price>"}}`, each
/// price a decimal integer in the adapter scale (quote base units per component base unit × 1e18).
public enum ReferencePrices {
    /// The format tag.
    public static let format = "rebalancer/reference-prices@1"

    /// The prices by component. Throws `KeeperError.referencePrices` naming the field, the value
    /// and the rule it breaks.
    public static func parse(_ bytes: [UInt8]) throws(KeeperError) -> [Address: UInt256] {
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
        return prices
    }
}

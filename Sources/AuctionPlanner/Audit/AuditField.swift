import ChainModel

/// One decoded value at a named path, e.g. `_newComponentsAuctionParams[0].priceAdapterConfigData.slope`:
/// the unit in which `decode` prints calls and `verify` compares them.
public struct AuditField: Hashable, Sendable {
    /// Where the value sits: the parameter name, `.component` for tuple members, `[i]` for array
    /// elements, `.length` for array lengths, `.priceAdapterConfigData.<name>` for adapter parameters.
    public var path: String
    /// The value as text: integers in decimal, addresses checksummed, bytes as 0x hex, strings quoted.
    public var value: String

    /// Creates a field.
    public init(path: String, value: String) {
        self.path = path
        self.value = value
    }
}

/// Flattening decoded ABI values into ``AuditField``s.
public enum AuditFields {
    /// The fields of `values` decoded for `parameters`, in argument order. Unnamed parameters are
    /// `argN` (top level) or their index (tuple members). A tuple holding `priceAdapterName` and
    /// `priceAdapterConfigData` (an `AuctionExecutionParams`) also gets the config decoded into the
    /// adapter's named parameters; a config that does not decode for its adapter gets one field
    /// `…priceAdapterConfigData.error` saying why.
    ///
    /// - Returns: the fields; never throws (values and parameters that disagree print as the value alone).
    public static func flatten(_ parameters: [ABIParameter], _ values: [ABIValue]) -> [AuditField] {
        var fields: [AuditField] = []
        for (index, (parameter, value)) in zip(parameters, values).enumerated() {
            append(parameter, value, path: parameter.name.isEmpty ? "arg\(index)" : parameter.name, into: &fields)
        }
        return fields
    }

    /// The fields of one `value` decoded for `parameter`, its path starting with `path`
    /// (see ``flatten(_:_:)`` for the conventions).
    public static func fields(of parameter: ABIParameter, _ value: ABIValue, path: String) -> [AuditField] {
        var fields: [AuditField] = []
        append(parameter, value, path: path, into: &fields)
        return fields
    }

    private static func append(_ parameter: ABIParameter, _ value: ABIValue, path: String, into fields: inout [AuditField]) {
        switch (parameter.type, value) {
        case let (.array(element), .array(items)), let (.fixedArray(element, _), .array(items)):
            fields.append(AuditField(path: path + ".length", value: String(items.count)))
            let elementParameter = ABIParameter(type: element, components: parameter.components)
            for (index, item) in items.enumerated() {
                append(elementParameter, item, path: "\(path)[\(index)]", into: &fields)
            }
        case let (.tuple(types), .tuple(items)) where types.count == items.count && parameter.components.count == items.count:
            let components = parameter.components
            for (index, (component, item)) in zip(components, items).enumerated() {
                append(component, item, path: path + "." + (component.name.isEmpty ? String(index) : component.name), into: &fields)
            }
            appendAdapterParameters(components, items, path: path, into: &fields)
        default:
            fields.append(AuditField(path: path, value: value.formatted(as: parameter.type)))
        }
    }

    private static func appendAdapterParameters(_ components: [ABIParameter], _ items: [ABIValue], path: String,
                                                into fields: inout [AuditField]) {
        guard let nameIndex = components.firstIndex(where: { $0.name == "priceAdapterName" }),
              let configIndex = components.firstIndex(where: { $0.name == "priceAdapterConfigData" }),
              case let .string(name) = items[nameIndex], case let .bytes(config) = items[configIndex] else { return }
        let prefix = path + ".priceAdapterConfigData."
        do {
            let adapter = try PriceAdapter(name: name, configData: config)
            for (parameter, value) in adapter.namedParameters {
                fields.append(AuditField(path: prefix + parameter, value: value))
            }
        } catch {
            fields.append(AuditField(path: prefix + "error", value: error.description))
        }
    }
}

extension PriceAdapter {
    /// The config's parameters in the contract's `abi.decode` order with the contract's names
    /// (`initialPrice`, `slope`, `bucketSize`, `isDecreasing`, `maxPrice`, `minPrice` for the linear
    /// adapter); amounts in decimal, flags as `true`/`false`.
    public var namedParameters: [(String, String)] {
        func flag(_ value: Bool) -> String { value ? "true" : "false" }
        switch self {
        case let .constant(c):
            return [("price", c.price.description)]
        case let .linear(c):
            return [("initialPrice", c.initialPrice.description), ("slope", c.slope.description),
                    ("bucketSize", c.bucketSize.description), ("isDecreasing", flag(c.isDecreasing)),
                    ("maxPrice", c.maxPrice.description), ("minPrice", c.minPrice.description)]
        case let .exponential(c):
            return [("initialPrice", c.initialPrice.description), ("scalingFactor", c.scalingFactor.description),
                    ("timeCoefficient", c.timeCoefficient.description), ("bucketSize", c.bucketSize.description),
                    ("isDecreasing", flag(c.isDecreasing)), ("maxPrice", c.maxPrice.description), ("minPrice", c.minPrice.description)]
        case let .logarithmic(c):
            return [("initialPrice", c.initialPrice.description), ("scalingFactor", c.scalingFactor.description),
                    ("timeCoefficient", c.timeCoefficient.description), ("bucketSize", c.bucketSize.description),
                    ("isDecreasing", flag(c.isDecreasing)), ("maxPrice", c.maxPrice.description), ("minPrice", c.minPrice.description)]
        }
    }
}

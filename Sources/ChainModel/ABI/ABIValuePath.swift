/// Where a value sits inside an argument list: `argument 4 (_newComponentsAuctionParams)[1].priceAdapterName`.
///
/// Encoders and decoders build it only on the error path, so it costs nothing when all goes well.
public struct ABIValuePath: Hashable, Sendable, CustomStringConvertible {
    /// One step into a value.
    public enum Component: Hashable, Sendable {
        /// The argument at a 0-based index (printed 1-based), with its name when known.
        case argument(Int, name: String)
        /// A tuple field at a 0-based index, with its name when known.
        case field(Int, name: String)
        /// An array element at a 0-based index.
        case element(Int)
    }

    /// The steps from the argument list down to the value.
    public var components: [Component]

    /// Creates a path from its steps.
    public init(_ components: [Component] = []) { self.components = components }

    /// The path with `component` put in front.
    public func prepending(_ component: Component) -> ABIValuePath {
        ABIValuePath([component] + components)
    }

    /// `argument 4 (name)[1].field.0[2]`; `the value` for the empty path.
    public var description: String {
        if components.isEmpty { return "the value" }
        var text = ""
        for (position, component) in components.enumerated() {
            switch component {
            case let .argument(index, name):
                text += "argument \(index + 1)" + (name.isEmpty ? "" : " (\(name))")
            case let .field(index, name):
                if position == 0 { text += "field " + (name.isEmpty ? "\(index)" : name); continue }
                text += (position == 1 && isArgument(components[0]) ? " ." : ".") + (name.isEmpty ? "\(index)" : name)
            case let .element(index):
                text += (position == 1 && isArgument(components[0]) ? " " : "") + "[\(index)]"
            }
        }
        return text
    }

    private func isArgument(_ component: Component) -> Bool {
        if case .argument = component { return true }
        return false
    }
}

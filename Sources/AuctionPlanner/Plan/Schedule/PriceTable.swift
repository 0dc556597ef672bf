import ChainModel
import Foundation

/// Why a price table cannot be produced.
public enum PriceTableError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--every` is 0.
    case stepIsZero
    /// `--to` is before `--from`.
    case endBeforeStart(from: UInt64, to: UInt64)
    /// More rows than the limit.
    case tooManyRows(count: UInt64, limit: Int)
    /// An adapter reverted at a second.
    case adapter(label: String, second: UInt64, PriceAdapterError)

    /// A sentence naming the option, the value and the rule.
    public var description: String {
        switch self {
        case .stepIsZero: return "--every is 0; it must be ≥ 1 second"
        case let .endBeforeStart(from, to): return "--to \(to) is before --from \(from); it must be ≥ --from"
        case let .tooManyRows(count, limit): return "\(count) time steps; at most \(limit) (raise --every or narrow --from/--to)"
        case let .adapter(label, second, error): return "\(label) at second \(second): \(error.description)"
        }
    }
}

/// Exact integer prices of one or more price adapters at evenly spaced seconds after
/// `startRebalance`: `from, from + every, …` up to `to` (inclusive).
public struct PriceTable: Sendable, Hashable {
    /// One adapter's column.
    public struct Column: Sendable, Hashable {
        /// A label (the component's symbol, or the adapter kind).
        public var label: String
        /// The component, when the column comes from a plan.
        public var component: Address?
        /// The adapter.
        public var adapter: PriceAdapter
        /// `getPrice` at each of the table's seconds (adapter scale, §3.1).
        public var prices: [UInt256]
    }

    /// Largest number of rows produced.
    public static let rowLimit = 100_000

    /// The seconds after the start.
    public var seconds: [UInt64]
    /// One column per adapter, in the order given.
    public var columns: [Column]

    /// Evaluates every adapter at every second.
    /// - Throws: `PriceTableError` for a zero step, an end before the start, more than
    ///   ``rowLimit`` rows, or an adapter revert (e.g. an invalid config).
    public init(adapters: [(label: String, component: Address?, adapter: PriceAdapter)], from: UInt64, to: UInt64,
                every: UInt64) throws(PriceTableError) {
        if every == 0 { throw .stepIsZero }
        if to < from { throw .endBeforeStart(from: from, to: to) }
        let count = (to - from) / every + 1
        if count > UInt64(Self.rowLimit) { throw .tooManyRows(count: count, limit: Self.rowLimit) }
        var seconds: [UInt64] = []
        seconds.reserveCapacity(Int(count))
        for k in 0..<count { seconds.append(from + k * every) }
        var columns: [Column] = []
        for entry in adapters {
            var prices: [UInt256] = []
            prices.reserveCapacity(seconds.count)
            for second in seconds {
                do { prices.append(try entry.adapter.price(timeElapsed: UInt256(second))) } catch {
                    throw .adapter(label: entry.label, second: second, error)
                }
            }
            columns.append(Column(label: entry.label, component: entry.component, adapter: entry.adapter, prices: prices))
        }
        self.seconds = seconds
        self.columns = columns
    }

    /// The default step: the smallest bucket size among the non-constant adapters, else the whole span.
    public static func defaultStep(_ adapters: [PriceAdapter], from: UInt64, to: UInt64) -> UInt64 {
        let buckets = adapters.compactMap { a -> UInt64? in
            if case .constant = a { return nil }
            return a.bucketSize.uint64
        }
        return buckets.min() ?? Swift.max(1, to - from)
    }

    /// `second` then one column per adapter, exact integers.
    public var table: String {
        UnitFormatting.table(["second"] + columns.map(\.label),
                             seconds.indices.map { i in ["\(seconds[i])"] + columns.map { $0.prices[i].description } },
                             rightAligned: Set(0...columns.count))
    }

    /// `{"seconds": [...], "columns": [{"label", "component", "adapter", "config_data", "prices"}]}`, amounts as strings.
    public var json: CanonicalJSON {
        .object([
            "seconds": .array(seconds.map { .integer(Int64($0)) }),
            "columns": .array(columns.map { c in
                .object(["label": .string(c.label), "component": c.component.map(CanonicalJSON.address) ?? .null,
                         "adapter": .string(c.adapter.name), "config_data": .hex(c.adapter.configData),
                         "prices": .array(c.prices.map(CanonicalJSON.amount))])
            }),
        ])
    }
}

/// The adapters of a plan document (`rebalancer/plan@1`): the traded components' auction params.
public struct PlanCurves: Sendable {
    /// `rebalance.duration_seconds`.
    public var durationSeconds: UInt64
    /// Traded components in plan order, with their adapters.
    public var entries: [(symbol: String, component: Address, adapter: PriceAdapter)]

    /// Reads the curves of a plan document.
    /// - Throws: `InputFileError` naming the JSON path of a missing or malformed field or an undecodable adapter config.
    public static func parse(_ data: Data, file: String) throws(InputFileError) -> PlanCurves {
        let root = try InputNode.document(data, file: file, yaml: false)
        let format = try root.field("format")
        guard try format.string() == RebalancePlan.format else { throw format.fail("expected \(RebalancePlan.format)") }
        let duration = try root.field("rebalance").field("duration_seconds").integer(in: 1...Int64(365 * 86_400))
        var traded = Set<Address>()
        for trade in try root.field("trades").array() { traded.insert(try trade.field("component").address()) }
        var entries: [(symbol: String, component: Address, adapter: PriceAdapter)] = []
        for node in try root.field("auction_params").array() {
            let component = try node.field("component").address()
            guard traded.contains(component) else { continue }
            let nameNode = try node.field("price_adapter_name"), configNode = try node.field("price_adapter_config_data")
            let configText = try configNode.string()
            guard let config = try? Hex.decode(configText, requirePrefix: true) else { throw configNode.fail("expected 0x-prefixed hex") }
            let name = try nameNode.string()
            let adapter: PriceAdapter
            do { adapter = try PriceAdapter(name: name, configData: config) } catch {
                throw nameNode.fail("adapter config does not decode: \(error.description)")
            }
            entries.append((try node.field("symbol").string(), component, adapter))
        }
        return PlanCurves(durationSeconds: UInt64(duration), entries: entries)
    }
}

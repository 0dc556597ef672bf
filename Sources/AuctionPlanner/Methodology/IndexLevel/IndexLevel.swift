/// An index level kept continuous across rebalances by divisor adjustment (`methodology.md` §1.5):
/// `Level_t = Σ q_i·V_{i,t} / D`, where `V` is the per-unit value (a price, or a market cap for the
/// "sum of normalised market caps ÷ divisor" form) and `q_i` the index quantities (capping factors).
/// At a rebalance to new quantities `q′`, `D_new = D_old · Σ q′_i V_i / Σ q_i V_i`, so the level is
/// unchanged at that instant whatever the scale of `q′`.
public struct IndexLevel: Equatable, Sendable {
    /// Constituent ids in increasing order (sums run in this order, so results are reproducible).
    public private(set) var ids: [String]
    /// Quantity per constituent, aligned with `ids`.
    public private(set) var quantityList: [Double]
    /// The current divisor.
    public private(set) var divisor: Double

    /// Quantity per asset id.
    public var quantities: [String: Double] { Dictionary(uniqueKeysWithValues: zip(ids, quantityList)) }

    /// Starts an index at `baseLevel` with `weights` (fractions summing to 1) at `values`:
    /// `q_i = w_i / V_i · scale` and `D = Σ q_i V_i / baseLevel`. `scale` only changes the divisor
    /// (e.g. 1e9 for the normalised-market-cap form).
    /// - Precondition: every weighted asset has a positive value.
    public init(baseLevel: Double, weights: [String: Double], values: [String: Double], scale: Double = 1) {
        ids = []
        quantityList = []
        divisor = 1
        set(weights.filter { $0.value > 0 }.mapValues { $0 * scale }, perValue: values)
        divisor = marketValue(values) / baseLevel
    }

    private mutating func set(_ amounts: [String: Double], perValue values: [String: Double]?) {
        ids = amounts.keys.sorted()
        quantityList = ids.map { id in
            guard let values else { return amounts[id]! }
            let v = values[id]!
            precondition(v > 0, "value of \(id) must be positive")
            return amounts[id]! / v
        }
    }

    /// `Σ q_i·V_i`.
    public func marketValue(_ values: [String: Double]) -> Double {
        var s = 0.0
        for (k, id) in ids.enumerated() { s += quantityList[k] * values[id]! }
        return s
    }

    /// `Σ q_i·V_i / D`.
    public func level(_ values: [String: Double]) -> Double { marketValue(values) / divisor }

    /// The weights the quantities imply at `values` (`q_i V_i / Σ q V`).
    public func driftedWeights(_ values: [String: Double]) -> [String: Double] {
        let total = marketValue(values)
        var out: [String: Double] = [:]
        for (k, id) in ids.enumerated() { out[id] = quantityList[k] * values[id]! / total }
        return out
    }

    /// Replaces the quantities with `newQuantities` and adjusts the divisor so the level at
    /// `values` does not move: `D_new = D_old · Σ q′V / Σ qV`.
    public mutating func rebalance(to newQuantities: [String: Double], values: [String: Double]) {
        let before = marketValue(values)
        set(newQuantities.filter { $0.value > 0 }, perValue: nil)
        divisor *= marketValue(values) / before
    }

    /// Rebalances to `weights` (fractions summing to 1) at `values`, keeping the level continuous.
    public mutating func rebalance(toWeights weights: [String: Double], values: [String: Double]) {
        var q: [String: Double] = [:]
        for (id, w) in weights where w > 0 { q[id] = w / values[id]! }
        rebalance(to: q, values: values)
    }

    /// Lowers the level by `fraction` (execution cost paid by the index) without touching the divisor.
    public mutating func deduct(fraction: Double) {
        for k in quantityList.indices { quantityList[k] *= (1 - fraction) }
    }
}

import ChainModel

/// Target weights as exact 1e18-scaled integers summing to exactly 1e18 (1e18 = 100 %).
///
/// The only floating-point crossing of the auction math is ``init(fractions:)``: each Double
/// weight `w_i` (already summing to 1 within 1e-9) is divided by the Double sum and scaled as
/// `w_i/Σw · 1e18` in Double rounded to the nearest integer (ties away from zero; Doubles above
/// 2⁵³ are already integers, so this is exact to about 2⁻⁵³ relative);
/// the residual `1e18 − Σ scaled_i` (a few hundred wei at most, either sign) is then added to the
/// largest weight (the first one on ties), so the integers sum to exactly 1e18.
public struct TargetWeights: Sendable, Hashable {
    /// Tokens in the order given.
    public let tokens: [Address]
    /// 1e18-scaled weight per token; sums to exactly 1e18.
    public let wads: [Address: UInt256]

    /// Exact weights. Throws `.duplicateToken`, or `.wadWeightsDoNotSumToOne` unless they sum to 1e18.
    public init(wads entries: [(token: Address, wad: UInt256)]) throws(TargetError) {
        var map: [Address: UInt256] = [:]
        var sum = UInt256.zero
        for (token, wad) in entries {
            if map[token] != nil { throw .duplicateToken(token) }
            map[token] = wad
            let (next, overflow) = Word256.add(sum, wad)
            if overflow { throw .overflow(field: "sum of weights") }
            sum = next
        }
        if sum != PreciseUnitMath.preciseUnit { throw .wadWeightsDoNotSumToOne(sum: sum) }
        tokens = entries.map(\.token)
        wads = map
    }

    /// Weights from Doubles (see the type's documentation for the exact crossing). Throws for a
    /// non-finite or negative weight, a duplicate token, or a sum outside 1 ± 1e-9.
    public init(fractions entries: [(token: Address, weight: Double)]) throws(TargetError) {
        var sum = 0.0
        for (token, weight) in entries {
            if !weight.isFinite { throw .weightNotFinite(token: token, value: weight) }
            if weight < 0 { throw .weightNegative(token: token, value: weight) }
            sum += weight
        }
        if !(abs(sum - 1) <= 1e-9) { throw .weightsDoNotSumToOne(sum: sum) }
        var scaled: [UInt64] = entries.map { UInt64(($0.weight / sum * 1e18).rounded(.toNearestOrAwayFromZero)) }
        let total = scaled.reduce(Int64(0)) { $0 + Int64($1) }
        let residual = 1_000_000_000_000_000_000 - total
        if let largest = scaled.indices.max(by: { scaled[$0] < scaled[$1] || (scaled[$0] == scaled[$1] && $0 > $1) }) {
            scaled[largest] = UInt64(Int64(scaled[largest]) + residual)
        }
        try self.init(wads: zip(entries, scaled).map { ($0.0.token, UInt256($0.1)) })
    }

    /// The weight of `token` (0 when absent).
    public func wad(of token: Address) -> UInt256 { wads[token] ?? .zero }
}

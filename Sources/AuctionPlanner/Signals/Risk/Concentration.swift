/// Concentration of a weight vector (`methodology.md` §3).
public enum Concentration {
    /// Herfindahl–Hirschman index `Σ w_i²` of weights given as fractions (1/n for n equal weights, 1 for one asset).
    @inlinable
    public static func herfindahl<C: Collection>(_ weights: C) -> Double where C.Element == Double {
        var s = 0.0
        for w in weights { s += w * w }
        return s
    }

    /// The DOJ scale `Σ(100·w_i)²` ∈ [0, 10 000].
    @inlinable
    public static func herfindahlPoints<C: Collection>(_ weights: C) -> Double where C.Element == Double {
        herfindahl(weights) * 10_000
    }

    /// Effective number of constituents `1/HHI`; +∞ for an all-zero vector.
    @inlinable
    public static func effectiveConstituents<C: Collection>(_ weights: C) -> Double where C.Element == Double {
        1 / herfindahl(weights)
    }
}

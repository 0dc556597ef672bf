import ChainModel

/// Derives a component's price adapter from the policy and its fair price, with integer math:
/// every bound is `⌊fair·(10000 ± bps)/10000⌋` and every step or scaling factor `⌊fair·bps/10000⌋`.
/// Sells start above fair and fall to the floor; buys start below fair and rise to the ceiling.
public enum CurveBuilder {
    /// The adapter for a trade at `fairPrice`.
    /// - Throws: `PlanError.curve` when the derived curve fails `isPriceAdapterConfigDataValid`
    ///   (for example a fair price so small that a step rounds to 0) or a bound overflows.
    public static func adapter(_ curve: CurvePolicy, component: Address, isSellAuction: Bool,
                               fairPrice: UInt256) throws(PlanError) -> PriceAdapter {
        func fraction(_ bps: UInt64) throws(PlanError) -> UInt256 {
            do { return try UInt256.mulDiv(fairPrice, UInt256(bps), UInt256(10_000)) } catch {
                throw .curve(component: component, reason: "fair price × \(bps) bps exceeds 2^256 − 1")
            }
        }
        func bound(_ bps: UInt64, up: Bool) throws(PlanError) -> UInt256 {
            let factor = UInt256(up ? 10_000 + bps : 10_000 - bps)
            do { return try UInt256.mulDiv(fairPrice, factor, UInt256(10_000)) } catch {
                throw .curve(component: component, reason: "fair price × (10000 + \(bps)) / 10000 exceeds 2^256 − 1")
            }
        }
        let adapter: PriceAdapter
        let start = try bound(curve.startPremiumBps, up: isSellAuction)
        let limit = try bound(curve.limitBps, up: !isSellAuction)
        let maxPrice = isSellAuction ? start : limit
        let minPrice = isSellAuction ? limit : start
        let bucket = UInt256(curve.stepSeconds)
        switch curve.kind {
        case .constant:
            adapter = .constant(ConstantPriceAdapter(price: fairPrice))
        case .linear:
            adapter = .linear(BoundedStepwiseLinearPriceAdapter(
                initialPrice: start, slope: try fraction(curve.stepBps), bucketSize: bucket, isDecreasing: isSellAuction,
                maxPrice: maxPrice, minPrice: minPrice))
        case .exponential:
            adapter = .exponential(BoundedStepwiseExponentialPriceAdapter(
                initialPrice: start, scalingFactor: try fraction(curve.scalingBps), timeCoefficient: curve.timeCoefficient,
                bucketSize: bucket, isDecreasing: isSellAuction, maxPrice: maxPrice, minPrice: minPrice))
        case .logarithmic:
            adapter = .logarithmic(BoundedStepwiseLogarithmicPriceAdapter(
                initialPrice: start, scalingFactor: try fraction(curve.scalingBps), timeCoefficient: curve.timeCoefficient,
                bucketSize: bucket, isDecreasing: isSellAuction, maxPrice: maxPrice, minPrice: minPrice))
        }
        guard adapter.isValid else {
            throw .curve(component: component, reason: "\(adapter.name) config fails isPriceAdapterConfigDataValid "
                         + "(a parameter rounds to 0 at fair price \(fairPrice), or minPrice ≤ initialPrice ≤ maxPrice fails)")
        }
        return adapter
    }
}

import ChainModel
import Foundation

/// Deterministic synthetic plan inputs of any size, for benchmarks and scale tests: an index of
/// `componentCount` tokens (the first is the quote asset, 18 decimals; others 6, 8 or 18
/// decimals) with drifted current units, equal-ish target weights that drop the last component
/// and add one new token, linear curves, and a module route.
public enum SyntheticIndex {
    /// The inputs; the same `componentCount` and `seed` give the same values.
    /// - Precondition: `componentCount` is 2…1000.
    public static func inputs(componentCount: Int, seed: UInt64 = 1) -> PlanInputs {
        precondition((2...1_000).contains(componentCount), "componentCount must be 2…1000")
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func address(_ i: Int) -> Address { try! Address(bytes: Keccak256.hash(utf8: "synthetic token \(i)").bytes.suffix(20)) }
        let quote = address(0)
        let module = address(-1)
        var components: [SetTokenSnapshot.Component] = []
        var prices: [PriceSheet.Entry] = []
        var weights: [WeightsFile.Entry] = []
        let targetCount = componentCount  // drop the last current component, add one new token
        let share = 1_000_000_000_000_000_000 / UInt64(targetCount)
        for i in 0...componentCount {
            let decimals = i == 0 ? 18 : [6, 8, 18][Int(next() % 3)]
            // A quote price in [0.1, 1) with 12 significant digits.
            let mantissa = 1_000_000_000_000 + next() % 9_000_000_000_000
            let quoteText = i == 0 ? "1" : "\(mantissa / 100_000_000_000_000 / 10).\(String(mantissa).prefix(12))"
            let usdText = i == 0 ? "3000" : "\(1 + next() % 1000).25"
            let token = address(i)
            prices.append(PriceSheet.Entry(address: token, symbol: "T\(i)", decimals: decimals, usd: DecimalText(usdText)!,
                                           quote: DecimalText(quoteText)!, source: "synthetic", time: "2024-01-01T00:00:00Z"))
            if i < componentCount {
                let unit = UInt256(1 + next() % 1_000_000) * UInt256.power(of10: max(decimals - 4, 0))!
                components.append(.init(address: token, symbol: "T\(i)", decimals: decimals, realUnit: unit))
            }
            if i != componentCount - 1 {
                let wad = weights.count == targetCount - 1 ? 1_000_000_000_000_000_000 - share * UInt64(targetCount - 1) : share
                weights.append(.init(assetId: "t\(i)", symbol: "T\(i)", address: token, decimals: decimals,
                                     weight: DecimalText.wadString(UInt256(wad))))
            }
        }
        let snapshot = SetTokenSnapshot(
            block: .init(chainId: 1, number: 1, hash: Keccak256.hash(utf8: "synthetic block"), timestamp: 1_700_000_000),
            setToken: address(-2), symbol: "SYN", manager: address(-3), modules: [module], isLocked: false,
            locker: try! Address(bytes: [UInt8](repeating: 0, count: 20)),
            totalSupply: UInt256(12_345) * UInt256.power(of10: 18)!, positionMultiplier: UInt256(987_654_321_000_000_000),
            components: components,
            module: .init(address: module, isInitialized: true, protocolFee: .zero, anyoneCanBid: false,
                          rebalance: .init(quoteAsset: quote, startTime: .zero, duration: .zero, positionMultiplier: .zero,
                                           raiseTargetPercentage: .zero)))
        let curve = CurvePolicy(kind: .linear, startPremiumBps: 200, limitBps: 300, stepBps: 10, scalingBps: 0,
                                timeCoefficient: .zero, stepSeconds: 600)
        let policy = RebalancePolicy(module: module, quoteAsset: quote, durationSeconds: 86_400, lockSetToken: false,
                                     raiseTargetPercentage: nil, minimumTradeQuote: DecimalText("0")!, route: .module, bidders: [],
                                     anyoneCanBid: nil, defaultCurve: curve, componentCurves: [:], scheduleSteps: 144)
        let file = WeightsFile(methodologyName: "synthetic", methodologyHash: Keccak256.hash(utf8: "synthetic"),
                               asOf: Day(iso: "2024-01-01")!, chain: "synthetic", entries: weights)
        return PlanInputs(snapshot: snapshot, weights: file, prices: PriceSheet(entries: prices), policy: policy, files: [])
    }
}

extension DecimalText {
    /// A 1e18-scaled value as a decimal string with 18 fractional digits (`0.250000000000000000`).
    static func wadString(_ wad: UInt256) -> String {
        let digits = wad.description
        let padded = String(repeating: "0", count: max(0, 19 - digits.count)) + digits
        return String(padded.dropLast(18)) + "." + String(padded.suffix(18))
    }
}

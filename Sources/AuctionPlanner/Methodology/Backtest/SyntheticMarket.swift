import ChainModel
import Foundation

/// Deterministic synthetic market data for benchmarks and examples: `assets` tokens with one-factor
/// log-normal daily prices over `days` days starting at `start`, constant supplies (market cap =
/// price × supply), FDV = 1.6 × market cap, metadata with placeholder Ethereum addresses.
public enum SyntheticMarket {
    /// The data set for `seed` (same seed, same data on every platform).
    public static func generate(assets: Int, days: Int, start: Day = Day(iso: "2019-01-01")!, seed: UInt64 = 1) -> MarketData {
        var state = seed
        func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        func normal() -> Double { (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * .pi * uniform()) }
        let loadings = (0..<assets).map { _ in 0.5 + uniform() }
        let drifts = (0..<assets).map { _ in (uniform() - 0.4) * 0.004 }
        let vols = (0..<assets).map { _ in 0.01 + 0.04 * uniform() }
        let supplies = (0..<assets).map { _ in 1e7 * (1 + 100 * uniform()) }
        var prices = (0..<assets).map { _ in 1 + 10 * uniform() }
        var observations = [[DailyObservation]](repeating: [], count: assets)
        for d in 0..<days {
            let factor = 0.02 * normal()
            for a in 0..<assets {
                if d > 0 { prices[a] *= exp(drifts[a] + loadings[a] * factor + vols[a] * normal()) }
                let cap = prices[a] * supplies[a]
                observations[a].append(DailyObservation(day: start.adding(days: d), close: prices[a], marketCap: cap,
                                                        volume: cap * 0.05, fullyDilutedValuation: cap * 1.6))
            }
        }
        var data = MarketData()
        for a in 0..<assets {
            let id = "asset-\(a)"
            data.histories[id] = AssetHistory(assetId: id, sortedObservations: observations[a])
            var bytes = [UInt8](repeating: 0, count: 20)
            bytes[18] = UInt8(a >> 8 & 0xFF)
            bytes[19] = UInt8(a & 0xFF)
            bytes[0] = 0x11
            data.metadata[id] = AssetMetadata(id: id, symbol: "A\(a)", name: id, categories: ["synthetic"],
                                              addresses: ["ethereum": try! Address(bytes: bytes)], decimals: 18, firstSeen: start)
        }
        return data
    }
}

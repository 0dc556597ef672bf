import ChainModel

/// Plan input files for the §9.1 stand-in Set (DAI, WBTC, WETH as the quote asset), shared by the
/// end-to-end, audit and keeper tests: 40 % DAI, 30 % WBTC, 30 % WETH at the §9.1 prices.
enum Scenario91PlanFiles {
    /// A `rebalancer/weights@1` document.
    static func weights(methodology name: String, dai: Address, wbtc: Address, weth: Address) -> String {
        """
        { "format": "rebalancer/weights@1", "methodology": { "name": "\(name)", "hash": "0x\(String(repeating: "0", count: 64))" },
          "as_of": "2024-03-27", "chain": "local", "weights": [
          { "asset_id": "dai", "symbol": "DAI", "address": "\(dai.checksummed)", "decimals": 18, "weight": "0.400000000000000000" },
          { "asset_id": "wbtc", "symbol": "WBTC", "address": "\(wbtc.checksummed)", "decimals": 8, "weight": "0.300000000000000000" },
          { "asset_id": "weth", "symbol": "WETH", "address": "\(weth.checksummed)", "decimals": 18, "weight": "0.300000000000000000" } ] }
        """
    }

    /// A `rebalancer/prices@1` document: DAI 0.0005 WETH, WBTC 14.5 WETH, WETH 1.
    static func prices(dai: Address, wbtc: Address, weth: Address) -> String {
        """
        { "format": "rebalancer/prices@1", "prices": [
          { "address": "\(dai.checksummed)", "symbol": "DAI", "decimals": 18, "usd": "1", "quote": "0.0005", "source": "test", "time": "t" },
          { "address": "\(wbtc.checksummed)", "symbol": "WBTC", "decimals": 8, "usd": "29000", "quote": "14.5", "source": "test", "time": "t" },
          { "address": "\(weth.checksummed)", "symbol": "WETH", "decimals": 18, "usd": "2000", "quote": "1", "source": "test", "time": "t" } ] }
        """
    }

    /// A `rebalancer/policy@1` document: constant curves at the fair price, and when `linear` is given,
    /// that component on a falling linear curve (2 % above fair, −0.1 % of fair every 10 minutes);
    /// `raiseTargetPercentage` (a decimal, e.g. "0.0025") lets `raiseAssetTargets` lift the targets.
    static func policy(module: Address, weth: Address, bidder: Address, lock: Bool, linear: Address? = nil,
                       raiseTargetPercentage: String? = nil) -> String {
        var text = """
            format: rebalancer/policy@1
            module: "\(module.checksummed)"
            quote_asset: "\(weth.checksummed)"
            duration_seconds: 86400
            lock_set_token: \(lock)
            minimum_trade_quote: "0"
            route: module
            bidders: ["\(bidder.checksummed)"]
            curve: { adapter: constant }
            """
        if let raiseTargetPercentage { text += "\nraise_target_percentage: \"\(raiseTargetPercentage)\"" }
        if let linear {
            text += """

                components:
                  "\(linear.checksummed)": { adapter: linear, start_premium_bps: 200, limit_bps: 300, step_bps: 10, step_seconds: 600 }
                """
        }
        return text
    }
}

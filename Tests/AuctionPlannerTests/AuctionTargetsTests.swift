import XCTest
import ChainModel
@testable import AuctionPlanner

final class AuctionTargetsTests: XCTestCase {
    let tokenA = dummyAddress(0x0A), wbtc = dummyAddress(0xB7), weth = dummyAddress(0xEE), newToken = dummyAddress(0x0C), gone = dummyAddress(0x0D)

    // The documented Double → 1e18 crossing: nearest integer, residual to the largest (first on ties).
    func testWeightCrossing() throws {
        let tenths = try TargetWeights(fractions: [(tokenA, 0.1), (wbtc, 0.2), (weth, 0.7)])
        XCTAssertEqual(tenths.wad(of: tokenA), sci(1, 17))
        XCTAssertEqual(tenths.wad(of: wbtc), sci(2, 17))
        XCTAssertEqual(tenths.wad(of: weth), sci(7, 17))
        let thirds = try TargetWeights(fractions: [(tokenA, 1.0 / 3), (wbtc, 1.0 / 3), (weth, 1.0 / 3)])
        XCTAssertEqual(thirds.wad(of: tokenA), wei("333333333333333376"))
        XCTAssertEqual(thirds.wad(of: wbtc), wei("333333333333333312"))
        XCTAssertEqual(thirds.wad(of: weth), wei("333333333333333312"))
        XCTAssertThrowsError(try TargetWeights(fractions: [(tokenA, 0.5), (wbtc, 0.4)])) {
            XCTAssertEqual(($0 as? TargetError)?.description, "weights sum to 0.9; they must sum to 1 within 1e-9")
        }
        XCTAssertThrowsError(try TargetWeights(fractions: [(tokenA, -0.5), (wbtc, 1.5)])) {
            XCTAssertEqual($0 as? TargetError, .weightNegative(token: self.tokenA, value: -0.5))
        }
        XCTAssertThrowsError(try TargetWeights(fractions: [(tokenA, .nan)])) {
            XCTAssertTrue(($0 as? TargetError)?.description.hasPrefix("weight of") == true)
        }
        XCTAssertThrowsError(try TargetWeights(fractions: [(tokenA, 0.5), (tokenA, 0.5)])) {
            XCTAssertEqual($0 as? TargetError, .duplicateToken(self.tokenA))
        }
        XCTAssertThrowsError(try TargetWeights(wads: [(tokenA, sci(5, 17)), (wbtc, Word256.add(sci(5, 17), 1).value)])) {
            XCTAssertEqual($0 as? TargetError, .wadWeightsDoNotSumToOne(sum: Word256.add(sci(1, 18), 1).value))
        }
    }

    /// A: 18 decimals at 1 WETH; WBTC: 8 decimals at 14.5 WETH (adapter scale 1.45e29); WETH the quote.
    private func state(pm: UInt256 = sci(1, 18)) -> RebalanceState {
        RebalanceState(components: [tokenA, wbtc, weth],
                       realUnits: [tokenA: sci(2, 18), wbtc: sci(5, 7), weth: sci(5, 18)],
                       totalSupply: sci(10, 18), positionMultiplier: pm, quoteAsset: weth,
                       prices: [tokenA: sci(1, 18), wbtc: sci(145, 27), newToken: sci(2, 18)])
    }

    func testTargetsFromNAVAndWeights() throws {
        let weights = try TargetWeights(wads: [(tokenA, sci(5, 17)), (wbtc, sci(3, 17)), (weth, sci(2, 17))])
        // setValue = 2e18 + ⌊0.5e8·1.45e29/1e18⌋ + 5e18 = 14.25e18.
        let byWeight = try TargetUnitCalculator.compute(state: state(), weights: weights, quotePolicy: .weight)
        XCTAssertEqual(byWeight.setValue, wei("14250000000000000000"))
        XCTAssertEqual(byWeight.targetUnit(of: tokenA), wei("7125000000000000000"))
        XCTAssertEqual(byWeight.targetUnit(of: wbtc), 29_482_758)  // ⌊4.275e36 / 1.45e29⌋
        XCTAssertEqual(byWeight.targetUnit(of: weth), wei("2850000000000000000"))
        // The quote absorbs the WBTC rounding dust: 14.25e18 − 7.125e18 − 29482758·1.45e11.
        // 1 wei per trade (A, WBTC) is kept back for unit rounding.
        let absorbing = try TargetUnitCalculator.compute(state: state(), weights: weights)
        XCTAssertEqual(absorbing.targetUnit(of: weth), wei("2850000089999999998"))
        XCTAssertEqual(absorbing.oldComponents, [tokenA, wbtc, weth])
        XCTAssertEqual(absorbing.newComponents, [])
    }

    func testNewComponentsRemovalsAndMinimumTrade() throws {
        // A leaves (no weight), a new token joins, WBTC moves by less than the minimum.
        let weights = try TargetWeights(wads: [(wbtc, wei("508771900000000000")), (newToken, wei("491228100000000000"))])
        let minimum = sci(1, 18)  // 1 WETH of total notional
        let targets = try TargetUnitCalculator.compute(state: state(), weights: weights, minimumTradeNotional: minimum)
        XCTAssertEqual(targets.targetUnit(of: tokenA), .zero)
        // WBTC: ⌊14.25e18·0.5087719/1.45e29⌋ = 49999997; 3 sat·1.45e11·10 Sets = 4.35e14 wei < 1e18 → untouched.
        XCTAssertEqual(targets.untouched, [wbtc])
        XCTAssertEqual(targets.targetUnit(of: wbtc), sci(5, 7))
        XCTAssertEqual(targets.newComponents, [newToken])
        XCTAssertEqual(targets.targetUnit(of: newToken), wei("3500000212500000000"))  // ⌊14.25e18·0.4912281/2e18⌋
        // Quote: 14.25e18 − 7.25e18 (untouched WBTC) − 7.000000425e18 < 0, floored at 0.
        XCTAssertEqual(targets.targetUnit(of: weth), .zero)
        // A tiny new position is skipped rather than added.
        let tiny = try TargetWeights(wads: [(tokenA, Word256.sub(sci(1, 18), 1000).value), (newToken, 1000)])
        let skipped = try TargetUnitCalculator.compute(state: state(), weights: tiny, minimumTradeNotional: minimum)
        XCTAssertEqual(skipped.skippedNewComponents, [newToken])
        XCTAssertEqual(skipped.newComponents, [])
        XCTAssertThrowsError(try TargetUnitCalculator.compute(state: state(), weights: try TargetWeights(wads: [(gone, sci(1, 18))]))) {
            XCTAssertEqual($0 as? TargetError, .missingPrice(token: self.gone))
        }
        XCTAssertThrowsError(try TargetUnitCalculator.compute(state: state(), weights: weights, protocolFee: sci(1, 18))) {
            XCTAssertEqual(($0 as? TargetError)?.description, "protocolFee is 1000000000000000000; it must be below 1000000000000000000 (100 %)")
        }
        var badQuote = state()
        badQuote.prices[weth] = sci(2, 18)
        XCTAssertThrowsError(try TargetUnitCalculator.compute(state: badQuote, weights: weights)) {
            XCTAssertEqual($0 as? TargetError, .quotePriceNotOne(price: sci(2, 18)))
        }
    }

    // Property: flooring loses less than one unit per component, so realised weights add up to
    // the given ones within one unit's value per component.
    func testWeightSumPreservedWithinOneUnitPerComponent() throws {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let count = Int.random(in: 1...12, using: &g)
            let tokens = (0..<count).map { dummyAddress(UInt8($0 + 1)) }
            let quote = dummyAddress(0xEE)
            var units: [Address: UInt256] = [:], prices: [Address: UInt256] = [:]
            for t in tokens {
                units[t] = UInt256(UInt64.random(in: 0...UInt64(1e18), using: &g))
                prices[t] = Word256.mul(UInt256(UInt64.random(in: 1...UInt64(1e12), using: &g)), sci(1, Int.random(in: 0...20, using: &g))).value
            }
            let raw = tokens.map { _ in Double.random(in: 0...1, using: &g) }
            let sum = raw.reduce(0, +)
            let weights = try TargetWeights(fractions: zip(tokens, raw.map { $0 / sum }).map { ($0, $1) })
            let st = RebalanceState(components: tokens, realUnits: units, totalSupply: sci(1, 18), positionMultiplier: sci(1, 18),
                                    quoteAsset: quote, prices: prices)
            let targets = try TargetUnitCalculator.compute(state: st, weights: weights, quotePolicy: .weight)
            var realised = UInt256.zero, slack = UInt256.zero
            for t in tokens {
                let w = weights.wad(of: t), p = prices[t]!, unit = targets.targetUnit(of: t)
                let budget = Word256.mul(targets.setValue, w)  // setValue·w (1e18-scaled value)
                let spent = Word256.mul(unit, p)
                XCTAssertFalse(budget.overflow || spent.overflow)
                XCTAssertLessThanOrEqual(spent.value, budget.value)
                XCTAssertGreaterThan(Word256.add(spent.value, p).value, budget.value, "within one unit")
                realised = Word256.add(realised, spent.value).value
                slack = Word256.add(slack, p).value
            }
            let whole = Word256.mul(targets.setValue, sci(1, 18)).value
            XCTAssertLessThanOrEqual(realised, whole)
            XCTAssertGreaterThan(Word256.add(realised, slack).value, whole)
        }
    }

    // The trade list agrees with the module simulator started on the same targets.
    func testTradeListMatchesSimulator() throws {
        let weights = try TargetWeights(wads: [(wbtc, sci(4, 17)), (newToken, sci(4, 17)), (weth, sci(2, 17))])
        let st = state()
        let fee = sci(5, 15)
        let targets = try TargetUnitCalculator.compute(state: st, weights: weights, protocolFee: fee)
        let list = try TradePlanner.plan(state: st, targets: targets, protocolFee: fee, shouldLockSetToken: false,
                                         quoteUSDPrice: sci(3000, 18))
        XCTAssertEqual(list.trades.map(\.component), [tokenA, wbtc, newToken])
        var set = try SetTokenState.issued(units: [(tokenA, sci(2, 18)), (wbtc, sci(5, 7)), (weth, sci(5, 18))], supply: sci(10, 18))
        set.lock = .unlocked
        var sim = AuctionRebalanceSimulator(setToken: set, protocolFee: fee, blockTimestamp: 100)
        func params(_ token: Address) -> AuctionExecutionParams {
            AuctionExecutionParams(targetUnit: targets.targetUnit(of: token),
                                   priceAdapter: .constant(ConstantPriceAdapter(price: st.price(of: token)!)))
        }
        try sim.startRebalance(quoteAsset: weth, newComponents: targets.newComponents,
                               newComponentsAuctionParams: targets.newComponents.map(params),
                               oldComponentsAuctionParams: targets.oldComponents.map(params),
                               shouldLockSetToken: false, rebalanceDuration: 86400, initialPositionMultiplier: targets.positionMultiplier)
        for trade in list.trades {
            let (isSell, size) = try sim.auctionSizeAndDirection(trade.component)
            XCTAssertEqual(isSell, trade.isSellAuction)
            XCTAssertEqual(size, trade.auctionSize)
        }
        // Execute sells first, then buys, at the fair prices: the quotes are the planned ones.
        for trade in list.trades.sorted(by: { $0.isSellAuction && !$1.isSellAuction }) {
            let execution = try sim.bid(component: trade.component, quoteAsset: weth, componentAmount: .max,
                                        quoteAssetLimit: trade.isSellAuction ? .max : .zero, isSellAuction: trade.isSellAuction)
            XCTAssertEqual(execution.info.quoteQuantity, trade.expectedQuoteQuantity)
            XCTAssertEqual(execution.protocolFee, trade.expectedProtocolFee)
        }
        XCTAssertTrue(try sim.allTargetsMet())
        XCTAssertTrue(try sim.isQuoteAssetExcessOrAtTarget())
        // A removal (tokenA: 2e18 × 10 Sets at 1 WETH) is a 20 WETH sell.
        let sellA = list.trades[0]
        XCTAssertTrue(sellA.isSellAuction && sellA.isRemoval)
        XCTAssertEqual(sellA.expectedQuoteQuantity, sci(20, 18))
        XCTAssertEqual(sellA.notionalUSD, sci(60000, 18))
        XCTAssertEqual(list.totalValue, sci(1425, 17))
        XCTAssertEqual(list.turnover, Word256.divMod(Word256.mul(Swift.max(list.totalSellQuote, list.totalBuyQuote), sci(1, 18)).value, sci(1425, 17)).quotient)
        XCTAssertTrue(list.warnings.contains(.componentOrderChangesAfterRemoval(removed: [tokenA])))
        XCTAssertFalse(list.warnings.contains { if case .buysNotFundable = $0 { return true } else { return false } })
    }

    func testWarnings() throws {
        // §2.9(1) reproduction: A 2e18 and B 1e18 at 1 WETH, WETH not held, equal weights, quote weight 0.
        let b = dummyAddress(0x0B)
        let repro = RebalanceState(components: [tokenA, b], realUnits: [tokenA: sci(2, 18), b: sci(1, 18)], totalSupply: sci(1, 18),
                                   positionMultiplier: sci(1, 18), quoteAsset: weth, prices: [tokenA: sci(1, 18), b: sci(1, 18)])
        let equal = try TargetWeights(wads: [(tokenA, sci(5, 17)), (b, sci(5, 17))])
        let zeroQuote = try TargetUnitCalculator.compute(state: repro, weights: equal, quotePolicy: .weight)
        XCTAssertEqual(zeroQuote.targetUnit(of: weth), .zero)
        let locked = try TradePlanner.plan(state: repro, targets: zeroQuote, shouldLockSetToken: true, currentRaiseTargetPercentage: sci(25, 14))
        XCTAssertTrue(locked.warnings.contains(.lockedWithZeroQuoteTarget(expectedQuoteUnit: .zero)), "\(locked.warnings)")
        XCTAssertTrue(locked.warnings.contains(.persistentRaiseTargetPercentage(current: sci(25, 14))))
        XCTAssertTrue(locked.warnings.contains(.buysWaitForSells))
        XCTAssertFalse(try TradePlanner.plan(state: repro, targets: zeroQuote, shouldLockSetToken: false).warnings
            .contains { if case .lockedWithZeroQuoteTarget = $0 { return true } else { return false } })
        let weights = try TargetWeights(wads: [(tokenA, sci(5, 17)), (wbtc, sci(5, 17))])
        let st = state()
        // The default policy gives the quote the dust: no §2.9(1) warning.
        let absorbing = try TargetUnitCalculator.compute(state: st, weights: weights)
        XCTAssertFalse(absorbing.targetUnit(of: weth).isZero)
        let safe = try TradePlanner.plan(state: st, targets: absorbing, shouldLockSetToken: true)
        XCTAssertFalse(safe.warnings.contains { if case .lockedWithZeroQuoteTarget = $0 { return true } else { return false } })
        // pm ≠ 1e18: a target whose storage round trip loses a wei gets the dust warning.
        let pm = wei("998357285091388446")
        XCTAssertEqual(TradePlanner.readBack(wei("2499999046188556799"), wei("998356904193547277")), wei("2499999046188556798"))
        let drifted = try TargetUnitCalculator.compute(state: state(pm: pm), weights: weights)
        let plan = try TradePlanner.plan(state: state(pm: pm), targets: drifted)
        XCTAssertEqual(drifted.targetUnit(of: tokenA), wei("7125000000000000000"))
        XCTAssertEqual(TradePlanner.readBack(wei("7125000000000000000"), pm), wei("7124999999999999999"))
        XCTAssertTrue(plan.warnings.contains(.dustReverseAuction(component: tokenA)))
        XCTAssertFalse(safe.warnings.contains(.dustReverseAuction(component: tokenA)), "pm = 1e18 round-trips exactly")
        // Buys beyond the quote available.
        let noQuote = RebalanceState(components: [tokenA], realUnits: [tokenA: sci(1, 18)], totalSupply: sci(1, 18), positionMultiplier: sci(1, 18),
                                     quoteAsset: weth, prices: [tokenA: sci(1, 18)])
        let buyTargets = TargetUnits(oldComponents: [tokenA], newComponents: [], targetUnits: [tokenA: sci(2, 18)], untouched: [],
                                     skippedNewComponents: [], setValue: sci(1, 18), positionMultiplier: sci(1, 18))
        let unfundable = try TradePlanner.plan(state: noQuote, targets: buyTargets)
        XCTAssertTrue(unfundable.warnings.contains(.buysNotFundable(required: sci(1, 18), available: .zero)))
        XCTAssertTrue(unfundable.warnings.contains(.buysWaitForSells))
        XCTAssertFalse(unfundable.warnings.contains { if case .supplyRoundingExceedsTolerance = $0 { return true } else { return false } })
        var small = noQuote
        small.totalSupply = 3 * 100_000_000_000_000  // 3e14: one notional wei is ⌈1e18/3e14⌉ = 3334 wei of unit
        let smallPlan = try TradePlanner.plan(state: small, targets: buyTargets)
        XCTAssertTrue(smallPlan.warnings.contains(.supplyRoundingExceedsTolerance(unitsPerNotionalWei: 3334)))
    }
}

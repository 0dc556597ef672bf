import XCTest
import ChainModel
@testable import AuctionPlanner

final class AuctionScheduleTests: XCTestCase {
    let wsteth = dummyAddress(0x57), sweth = dummyAddress(0x5E)

    private func trade(_ component: Address, sell: Bool, size: UInt256, fair: UInt256) -> PlannedTrade {
        PlannedTrade(component: component, isSellAuction: sell, currentUnit: .zero, targetUnit: .zero, auctionSize: size,
                     fairPrice: fair, expectedQuoteQuantity: .zero, expectedProtocolFee: .zero, isNewComponent: false,
                     isRemoval: false, notionalUSD: nil)
    }

    // The real dsETH curves (auction-module §6 and §3.7) over 144 ten-minute steps.
    func testDsETHSchedule() throws {
        let sell = PriceAdapter.linear(.init(initialPrice: wei("1162340294608501383"), slope: sci(5, 14), bucketSize: 600, isDecreasing: true,
                                             maxPrice: wei("1162340294608501383"), minPrice: wei("1142340294608501383")))
        let buy = PriceAdapter.linear(.init(initialPrice: wei("1037739826124765882"), slope: sci(3, 14), bucketSize: 600, isDecreasing: false,
                                            maxPrice: sci(1051, 15), minPrice: wei("1037739826124765882")))
        let schedule = try AuctionSchedule.generate(
            trades: [trade(wsteth, sell: true, size: sci(15, 17), fair: wei("1157340294608501383")),
                     trade(sweth, sell: false, size: sci(15, 17), fair: wei("1050939826124765882"))],
            adapters: [wsteth: sell, sweth: buy], duration: 86400, steps: 144)
        XCTAssertEqual(schedule.stepSeconds.count, 144)
        XCTAssertEqual(schedule.stepSeconds[1], 600)
        XCTAssertEqual(schedule.stepSeconds[143], 85800)
        let w = schedule.components[0]
        XCTAssertEqual(w.prices[0], wei("1162340294608501383"))
        XCTAssertEqual(w.prices[1], wei("1161840294608501383"))
        XCTAssertEqual(w.prices[10], wei("1157340294608501383"))
        XCTAssertEqual(w.prices[39], wei("1142840294608501383"))
        XCTAssertEqual(w.prices[40], wei("1142340294608501383"))
        XCTAssertEqual(w.prices[143], wei("1142340294608501383"))
        // §2.5 worked example: a 1.5e18 sell at t = 6000 costs ⌈1.5e18·p/1e18⌉.
        XCTAssertEqual(w.quoteQuantities[10], wei("1736010441912752075"))
        XCTAssertEqual(w.fairCrossingSecond, 6000)
        XCTAssertEqual(w.endState.boundReachedAt, 24000)
        let s = schedule.components[1]
        XCTAssertEqual(s.prices[1], wei("1038039826124765882"))
        XCTAssertEqual(s.prices[44], wei("1050939826124765882"))
        XCTAssertEqual(s.prices[45], wei("1051000000000000000"))
        XCTAssertEqual(s.fairCrossingSecond, 26400)
        XCTAssertEqual(s.quoteQuantities[44], try PreciseUnitMath.preciseMul(sci(15, 17), wei("1050939826124765882")))
    }

    func testLinearPricePolicy() throws {
        let policy = try LinearPricePolicy(startPremiumBps: 100, limitBps: 200, stepBps: 5, bucketSize: 600)
        let sell = try policy.adapter(for: wsteth, isSellAuction: true, fairPrice: sci(1, 18))
        XCTAssertEqual(sell, .linear(.init(initialPrice: sci(101, 16), slope: sci(5, 14), bucketSize: 600, isDecreasing: true,
                                           maxPrice: sci(101, 16), minPrice: sci(98, 16))))
        XCTAssertEqual(try sell.firstSecond(.atOrBelow, sci(1, 18), duration: 86400), 12000)
        let buy = try policy.adapter(for: sweth, isSellAuction: false, fairPrice: sci(1, 18))
        XCTAssertEqual(buy, .linear(.init(initialPrice: sci(99, 16), slope: sci(5, 14), bucketSize: 600, isDecreasing: false,
                                          maxPrice: sci(102, 16), minPrice: sci(99, 16))))
        XCTAssertEqual(try buy.firstSecond(.atOrAbove, sci(1, 18), duration: 86400), 12000)
        XCTAssertThrowsError(try LinearPricePolicy(startPremiumBps: 10_000, limitBps: 1, stepBps: 1, bucketSize: 1)) {
            XCTAssertEqual(($0 as? PricePolicyError)?.description, "startPremiumBps is 10000 bps; it must be ≤ 9999")
        }
        XCTAssertThrowsError(try LinearPricePolicy(startPremiumBps: 1, limitBps: 1, stepBps: 0, bucketSize: 1)) {
            XCTAssertEqual($0 as? PricePolicyError, .mustBePositive(field: "stepBps"))
        }
        // A fair price of 1 (e.g. a 6-decimal quote for an 18-decimal token) makes the slope round to 0.
        XCTAssertThrowsError(try policy.adapter(for: wsteth, isSellAuction: true, fairPrice: 1)) {
            XCTAssertEqual(($0 as? PricePolicyError).map { if case .invalidDerivedCurve = $0 { return true } else { return false } }, true)
        }
    }

    func testScheduleErrors() throws {
        let t = trade(wsteth, sell: true, size: 1, fair: 1)
        let adapter = PriceAdapter.constant(ConstantPriceAdapter(price: 1))
        XCTAssertThrowsError(try AuctionSchedule.generate(trades: [t], adapters: [wsteth: adapter], duration: 100, steps: 0)) {
            XCTAssertEqual($0 as? AuctionScheduleError, .stepsMustBePositive(0))
        }
        XCTAssertThrowsError(try AuctionSchedule.generate(trades: [t], adapters: [wsteth: adapter], duration: 10, steps: 11)) {
            XCTAssertEqual($0 as? AuctionScheduleError, .durationShorterThanSteps(duration: 10, steps: 11))
        }
        XCTAssertThrowsError(try AuctionSchedule.generate(trades: [t], adapters: [:], duration: 100, steps: 10)) {
            XCTAssertEqual($0 as? AuctionScheduleError, .missingAdapter(component: self.wsteth))
        }
        XCTAssertThrowsError(try AuctionSchedule.generate(trades: [t], adapters: [wsteth: .constant(ConstantPriceAdapter(price: 0))], duration: 100, steps: 10)) {
            XCTAssertEqual($0 as? AuctionScheduleError, .priceAdapter(component: self.wsteth, .priceMustBeGreaterThanZero))
        }
        XCTAssertThrowsError(try AuctionSchedule.generate(trades: [trade(wsteth, sell: true, size: .max, fair: 1)],
                                                          adapters: [wsteth: .constant(ConstantPriceAdapter(price: 2))], duration: 100, steps: 10)) {
            XCTAssertEqual($0 as? AuctionScheduleError, .quoteOverflow(component: self.wsteth))
        }
    }

    // The benchmark shape: 100 components × 144 steps, mixed adapters; every price equals a direct getPrice.
    func testHundredComponentSchedule() throws {
        var trades: [PlannedTrade] = [], adapters: [Address: PriceAdapter] = [:]
        let policy = try LinearPricePolicy(startPremiumBps: 150, limitBps: 300, stepBps: 5, bucketSize: 600)
        for i in 0..<100 {
            let token = try Address(bytes: [UInt8](repeating: 0, count: 18) + [UInt8(i / 256), UInt8(i % 256)])
            let fair = Word256.mul(sci(1, 18), UInt256(UInt64(i + 1))).value
            let sell = i % 2 == 0
            trades.append(trade(token, sell: sell, size: sci(3, 18), fair: fair))
            switch i % 3 {
            case 0: adapters[token] = try policy.adapter(for: token, isSellAuction: sell, fairPrice: fair)
            case 1: adapters[token] = .exponential(.init(initialPrice: fair, scalingFactor: sci(1, 15), timeCoefficient: sci(5, 16), bucketSize: 600,
                                                         isDecreasing: sell, maxPrice: Word256.add(fair, sci(1, 17)).value,
                                                         minPrice: Word256.sub(fair, sci(1, 17)).value))
            default: adapters[token] = .logarithmic(.init(initialPrice: fair, scalingFactor: sci(1, 16), timeCoefficient: sci(1, 18), bucketSize: 300,
                                                          isDecreasing: sell, maxPrice: Word256.add(fair, sci(1, 17)).value,
                                                          minPrice: Word256.sub(fair, sci(1, 17)).value))
            }
        }
        let schedule = try AuctionSchedule.generate(trades: trades, adapters: adapters, duration: 86400, steps: 144)
        XCTAssertEqual(schedule.components.count, 100)
        for c in schedule.components {
            XCTAssertEqual(c.prices.count, 144)
            for k in [0, 1, 77, 143] {
                XCTAssertEqual(c.prices[k], try c.adapter.price(timeElapsed: schedule.stepSeconds[k]))
            }
        }
    }
}

final class AuctionStartRebalanceArgumentsTests: XCTestCase {
    // Targets → trades → policy curves → startRebalance arguments → simulator: the module accepts
    // them, and bidding each auction when its price crosses fair meets every target.
    func testEndToEndThroughTheSimulator() throws {
        let a = dummyAddress(0x0A), wbtc = dummyAddress(0xB7), weth = dummyAddress(0xEE), joiner = dummyAddress(0x0C)
        let state = RebalanceState(components: [a, wbtc, weth], realUnits: [a: sci(2, 18), wbtc: sci(5, 7), weth: sci(5, 18)],
                                   totalSupply: sci(10, 18), positionMultiplier: sci(1, 18), quoteAsset: weth,
                                   prices: [a: sci(1, 18), wbtc: sci(145, 27), joiner: sci(2, 18)])
        let weights = try TargetWeights(fractions: [(wbtc, 0.4), (joiner, 0.4), (weth, 0.2)])
        let fee = sci(5, 15)
        let targets = try TargetUnitCalculator.compute(state: state, weights: weights, protocolFee: fee)
        let list = try TradePlanner.plan(state: state, targets: targets, protocolFee: fee)
        let policy = try LinearPricePolicy(startPremiumBps: 100, limitBps: 200, stepBps: 5, bucketSize: 600)
        var adapters: [Address: PriceAdapter] = [:]
        for trade in list.trades {
            adapters[trade.component] = try policy.adapter(for: trade.component, isSellAuction: trade.isSellAuction, fairPrice: trade.fairPrice)
        }
        let arguments = try StartRebalanceArguments(state: state, targets: targets, adapters: adapters)
        XCTAssertEqual(arguments.oldComponentsAuctionParams.map(\.targetUnit), [.zero, targets.targetUnit(of: wbtc), targets.targetUnit(of: weth)])
        XCTAssertEqual(arguments.oldComponentsAuctionParams[2].priceAdapterName, "ConstantPriceAdapter")
        XCTAssertEqual(arguments.newComponents, [joiner])
        let schedule = try AuctionSchedule.generate(trades: list.trades, adapters: adapters, duration: 86400, steps: 144)

        let set = try SetTokenState.issued(units: [(a, sci(2, 18)), (wbtc, sci(5, 7)), (weth, sci(5, 18))], supply: sci(10, 18))
        var sim = AuctionRebalanceSimulator(setToken: set, protocolFee: fee, blockTimestamp: 10_000)
        try sim.startRebalance(quoteAsset: arguments.quoteAsset, newComponents: arguments.newComponents,
                               newComponentsAuctionParams: arguments.newComponentsAuctionParams,
                               oldComponentsAuctionParams: arguments.oldComponentsAuctionParams,
                               shouldLockSetToken: true, rebalanceDuration: 86400, initialPositionMultiplier: arguments.initialPositionMultiplier)
        // Sells first, each at its fair crossing second; then the buys.
        for component in schedule.components.sorted(by: { $0.trade.isSellAuction && !$1.trade.isSellAuction }) {
            let second = try XCTUnwrap(component.fairCrossingSecond)
            XCTAssertEqual(second, 12000)
            sim.blockTimestamp = Word256.add(10_000, second).value
            let execution = try sim.bid(component: component.trade.component, quoteAsset: weth, componentAmount: .max,
                                        quoteAssetLimit: component.trade.isSellAuction ? .max : .zero,
                                        isSellAuction: component.trade.isSellAuction)
            XCTAssertEqual(execution.info.componentPrice, component.trade.fairPrice)
            XCTAssertEqual(execution.info.quoteQuantity, component.quoteQuantities[20])
        }
        XCTAssertTrue(try sim.allTargetsMet())
        XCTAssertTrue(try sim.canUnlockEarly(), "the quote ends at or above its fee-reduced target")
        XCTAssertTrue(try sim.unlock())
        XCTAssertEqual(Set(sim.setToken.components), [wbtc, weth, joiner])

        XCTAssertThrowsError(try StartRebalanceArguments(state: state, targets: targets,
                                                         adapters: [wbtc: .constant(ConstantPriceAdapter(price: 0))])) {
            XCTAssertEqual($0 as? StartRebalanceArgumentsError, .invalidAdapter(component: wbtc, name: "ConstantPriceAdapter"))
        }
    }
}

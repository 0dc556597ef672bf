import XCTest
import ChainModel
@testable import AuctionPlanner

final class AuctionSimulatorPropertyTests: XCTestCase {
    // Random Sets, fees, drifted multipliers and targets: filling every auction with the max-uint
    // sentinel (sells first) never moves a unit past its target by more than the notional
    // rounding allows (1 wei of notional is 1e18/S wei of unit: `tgtN` rounds up, the fee gross-up
    // floors), and, for supplies of at least 1e18, meets every target within the module's ±1 wei
    // and leaves at most dust auctions.
    func testFullFillsMeetAllTargets() throws {
        var g = SystemRandomNumberGenerator()
        let quote = dummyAddress(0xEE)
        for trial in 0..<120 {
            let count = Int.random(in: 1...6, using: &g)
            let tokens = (0..<count).map { dummyAddress(UInt8($0 + 1)) }
            var units: [(Address, UInt256)] = tokens.map { ($0, UInt256(UInt64.random(in: 1_000...UInt64(5e18), using: &g))) }
            units.append((quote, UInt256(UInt64.random(in: UInt64(1e18)...UInt64(1e19), using: &g))))
            let supply = UInt256(UInt64.random(in: UInt64(1e15)...UInt64(1e19), using: &g))
            // Overshoot allowed by rounding: 2 wei of notional plus 1 wei of unit.
            let slack = Word256.add(Word256.mul(Word256.divMod(sci(1, 18), supply).quotient, 2).value, 3).value
            var set = try SetTokenState.issued(units: units, supply: supply)
            try set.accrueStreamingFee(elapsed: UInt256(UInt64.random(in: 0...31_557_600, using: &g)), streamingFeePercentage: sci(2, 16))
            let fee = UInt256(UInt64.random(in: 0...UInt64(1e16), using: &g))
            var sim = AuctionRebalanceSimulator(setToken: set, protocolFee: fee, blockTimestamp: 1_000)
            let price = sci(1, 17)  // 0.1 quote per component: sells fund the buys
            var params: [AuctionExecutionParams] = []
            for token in set.components {
                let target: UInt256
                if token == quote {
                    target = sci(1, 17)
                } else if Int.random(in: 0..<5, using: &g) == 0 {
                    target = .zero  // removal
                } else {
                    let current = set.realUnit(of: token)
                    target = Word256.divMod(Word256.mul(current, UInt256(UInt64.random(in: 50...150, using: &g))).value, 100).quotient
                }
                params.append(AuctionExecutionParams(targetUnit: target, priceAdapter: .constant(ConstantPriceAdapter(price: price))))
            }
            try sim.startRebalance(quoteAsset: quote, newComponents: [], newComponentsAuctionParams: [], oldComponentsAuctionParams: params,
                                   shouldLockSetToken: false, rebalanceDuration: 86400, initialPositionMultiplier: set.positionMultiplier)
            sim.blockTimestamp = 2_000
            for pass in [true, false] {
                for token in tokens {
                    guard let (isSell, size) = try? sim.auctionSizeAndDirection(token), isSell == pass, !size.isZero else { continue }
                    let target = try sim.normalizedTargetUnit(token)
                    try sim.bid(component: token, quoteAsset: quote, componentAmount: .max,
                                quoteAssetLimit: isSell ? .max : .zero, isSellAuction: isSell)
                    let after = sim.setToken.realUnit(of: token)
                    if isSell {
                        XCTAssertGreaterThanOrEqual(Word256.add(after, slack).value, target, "trial \(trial): a sell overshot")
                    } else {
                        XCTAssertLessThanOrEqual(after, Word256.add(target, slack).value, "trial \(trial): a buy overshot")
                    }
                }
            }
            XCTAssertFalse(sim.setToken.components.contains { sim.setToken.realUnit(of: $0).isZero }, "no zero-unit component remains listed")
            guard supply >= sci(1, 18) else { continue }
            XCTAssertTrue(try sim.allTargetsMet(), "trial \(trial)")
            for token in tokens {
                if let (_, size) = try? sim.auctionSizeAndDirection(token) {
                    // What remains is dust: at most a few wei of notional per 1e18 of supply.
                    XCTAssertLessThanOrEqual(size, Word256.add(Word256.divMod(supply, sci(1, 17)).quotient, 10).value, "trial \(trial)")
                }
            }
        }
    }
}

final class AuctionSimulatorFuzzTests: XCTestCase {
    private func randomWord(_ g: inout SystemRandomNumberGenerator) -> UInt256 {
        switch Int.random(in: 0..<5, using: &g) {
        case 0: return UInt256(UInt64.random(in: 0...3, using: &g))
        case 1: return .max
        case 2: return sci(UInt64.random(in: 1...1000, using: &g), Int.random(in: 0...30, using: &g))
        case 3: return Word256.shl(UInt256(UInt64.random(in: 1...UInt64.max, using: &g)), Int.random(in: 0...192, using: &g))
        default: return UInt256(UInt64.random(in: 0...UInt64.max, using: &g))
        }
    }

    // Random calls with hostile values (huge prices, amounts, limits, timestamps, bad configs) never
    // trap, and a call that throws leaves the simulator exactly as it was (transaction semantics).
    func testRandomCallsNeverTrapAndRevertAtomically() throws {
        var g = SystemRandomNumberGenerator()
        let quote = dummyAddress(0xEE)
        let tokens = [dummyAddress(1), dummyAddress(2), dummyAddress(3)]
        var reverts = 0, successes = 0
        for _ in 0..<40 {
            let units = tokens.map { ($0, randomWord(&g)) }.filter { !$0.1.isZero && $0.1 < Word256.shl(.one, 128) }
            guard !units.isEmpty,
                  let set = try? SetTokenState.issued(units: units + [(quote, sci(1, 18))], supply: sci(UInt64.random(in: 1...100, using: &g), 17))
            else { continue }
            var sim = AuctionRebalanceSimulator(setToken: set, protocolFee: sci(UInt64.random(in: 0...10, using: &g), 15), blockTimestamp: 1_000)
            for _ in 0..<60 {
                let before = (sim.setToken, sim.rebalanceInfo, sim.executionInfo)
                let component = (tokens + [quote, dummyAddress(9)]).randomElement(using: &g)!
                do {
                    switch Int.random(in: 0..<7, using: &g) {
                    case 0:
                        let params = sim.setToken.components.map { _ in
                            AuctionExecutionParams(targetUnit: randomWord(&g),
                                                   priceAdapter: Bool.random(using: &g)
                                                       ? .constant(ConstantPriceAdapter(price: randomWord(&g)))
                                                       : .linear(.init(initialPrice: randomWord(&g), slope: randomWord(&g), bucketSize: randomWord(&g),
                                                                       isDecreasing: Bool.random(using: &g), maxPrice: randomWord(&g), minPrice: randomWord(&g))))
                        }
                        try sim.startRebalance(quoteAsset: quote, newComponents: [], newComponentsAuctionParams: [], oldComponentsAuctionParams: params,
                                               shouldLockSetToken: Bool.random(using: &g), rebalanceDuration: randomWord(&g),
                                               initialPositionMultiplier: randomWord(&g))
                    case 1:
                        let isSell = Bool.random(using: &g)
                        try sim.bid(component: component, quoteAsset: quote, componentAmount: randomWord(&g),
                                    quoteAssetLimit: isSell ? .max : randomWord(&g), isSellAuction: isSell)
                    case 2: try sim.raiseAssetTargets()
                    case 3: try sim.unlock()
                    case 4: sim.setRaiseTargetPercentage(randomWord(&g))
                    case 5: sim.blockTimestamp = Word256.add(sim.blockTimestamp, UInt256(UInt64.random(in: 0...100_000, using: &g))).value
                    default: _ = try sim.auctionSizeAndDirection(component)
                    }
                    successes += 1
                } catch {
                    reverts += 1
                    XCTAssertFalse(error.description.isEmpty)
                    XCTAssertEqual(sim.setToken, before.0, "\(error)")
                    XCTAssertEqual(sim.rebalanceInfo, before.1, "\(error)")
                    XCTAssertEqual(sim.executionInfo, before.2, "\(error)")
                }
            }
        }
        XCTAssertGreaterThan(reverts, 0)
        XCTAssertGreaterThan(successes, 0)
    }
}

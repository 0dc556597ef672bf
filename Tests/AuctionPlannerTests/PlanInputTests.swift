import ChainModel
import Foundation
import XCTest
@testable import AuctionPlanner

/// Bad inputs name the file, the field (JSON path) and the rule; the extension route; hostile bytes never crash.
final class PlanInputTests: XCTestCase {
    func inputs(snapshot: (String) -> String = { $0 }, weights: (String) -> String = { $0 }, prices: (String) -> String = { $0 },
                policy: (String) -> String = { $0 }) throws -> PlanInputs {
        func text(_ name: String) throws -> String { String(decoding: try PlanExampleTests.bytes("examples/\(name)"), as: UTF8.self) }
        let s = Data(snapshot(try text("snapshot.json")).utf8), w = Data(weights(try text("weights.json")).utf8)
        let p = Data(prices(try text("prices.json")).utf8), y = Data(policy(try text("policy.yaml")).utf8)
        return PlanInputs(snapshot: try SetTokenSnapshot.parse(s, file: "snapshot.json"), weights: try WeightsFile.parse(w, file: "weights.json"),
                          prices: try PriceSheet.parse(p, file: "prices.json"), policy: try RebalancePolicy.parse(y, file: "policy.yaml", yaml: true),
                          files: [InputFileDigest(role: "snapshot", path: "snapshot.json", bytes: s),
                                  InputFileDigest(role: "weights", path: "weights.json", bytes: w),
                                  InputFileDigest(role: "prices", path: "prices.json", bytes: p),
                                  InputFileDigest(role: "policy", path: "policy.yaml", bytes: y)])
    }

    func planError(_ body: () throws -> PlanInputs) throws -> String {
        do {
            _ = try Planner.plan(try body())
        } catch let error as PlanError {
            return error.description
        } catch let error as InputFileError {
            return error.description
        }
        XCTFail("planning succeeded")
        return ""
    }

    func testInputErrorsNameFileFieldAndRule() throws {
        // A component without a price.
        XCTAssertEqual(try planError { try inputs(prices: { $0.replacingOccurrences(of: "0xc00e94Cb662C3520282E6f5717214004A7f26888", with: "0x0000000000000000000000000000000000000001") }) },
                       "prices.json: field 'prices' = '0xc00e94Cb662C3520282E6f5717214004A7f26888': no price for COMP; every component and weighted token needs one")
        // Weights that do not sum to 1.
        XCTAssertEqual(try planError { try inputs(weights: { $0.replacingOccurrences(of: "\"0.150000000000000000\"", with: "\"0.140000000000000000\"") }) },
                       "weights.json: field 'weights' = '990000000000000000': the weights must sum to 1 within 1e-9 (1e18-scaled sum shown)")
        // The quote asset priced other than 1.
        XCTAssertEqual(try planError { try inputs(prices: { $0.replacingOccurrences(of: "\"quote\": \"1\"", with: "\"quote\": \"1.01\"") }) },
                       "prices.json: field 'prices[0].quote' = '1.01': the quote asset's price in quote must be exactly 1")
        // A price that rounds to 0 in the adapter scale (WBTC: 8 decimals, so 10^28 scale).
        XCTAssertEqual(try planError { try inputs(prices: { $0.replacingOccurrences(of: "\"19.893591276620\"", with: "\"0.00000000000000000000000000001\"") }) },
                       "prices.json: field 'prices[1].quote' = '0.00000000000000000000000000001': rounds to 0 (or exceeds 2^256 − 1) in the adapter scale quote × 10^(18 + 18 − 8)")
        // Decimals disagreeing with the chain.
        XCTAssertEqual(try planError { try inputs(prices: { $0.replacingOccurrences(of: "\"decimals\": 8", with: "\"decimals\": 18") }) },
                       "prices.json: field 'prices[1].decimals' = '18': the token has 8 decimals")
        // A module other than the snapshot's.
        XCTAssertEqual(try planError { try inputs(policy: { $0.replacingOccurrences(of: "module: \"0x59D55D53a715b3B4581c52098BCb4075C2941DBa\"", with: "module: \"0x0000000000000000000000000000000000000002\"") }) },
                       "policy.yaml: field 'module' = '0x0000000000000000000000000000000000000002': differs from the snapshot's module 0x59D55D53a715b3B4581c52098BCb4075C2941DBa")
    }

    func testFileErrorsNameThePath() throws {
        XCTAssertEqual(try planError { try inputs(policy: { $0.replacingOccurrences(of: "  step_bps: 10", with: "  step_bps: 10\n  slope: 3") }) },
                       "policy.yaml: field 'curve.slope' = 'slope': unknown key; allowed: adapter, limit_bps, scaling_bps, start_premium_bps, step_bps, step_seconds, time_coefficient")
        XCTAssertEqual(try planError { try inputs(policy: { $0.replacingOccurrences(of: "route: module", with: "route: extension") }) },
                       "policy.yaml: field 'extension' = 'null': required with route: extension (the AuctionRebalanceExtension address)")
        XCTAssertEqual(try planError { try inputs(policy: { $0.replacingOccurrences(of: "adapter: exponential", with: "adapter: cubic") }) },
                       "policy.yaml: field 'components.0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599.adapter' = 'cubic': expected one of constant, linear, exponential, logarithmic")
        XCTAssertEqual(try planError { try inputs(policy: { $0.replacingOccurrences(of: "limit_bps: 300", with: "limit_bps: 10000") }) },
                       "policy.yaml: field 'curve.limit_bps' = '10000': must be in 0…9999")
        XCTAssertEqual(try planError { try inputs(prices: { $0.replacingOccurrences(of: "\"69874.25\"", with: "\"6.9874e4\"") }) },
                       "prices.json: field 'prices[1].usd' = '6.9874e4': expected a decimal string of digits with an optional '.' fraction (at most 78 digits), e.g. \"12.5\"")
        XCTAssertEqual(try planError { try inputs(snapshot: { $0.replacingOccurrences(of: "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599", with: "0x514910771AF9Ca656af840dff83E8264EcF986CA") }) },
                       "snapshot.json: field 'components[2].address' = '0x514910771AF9Ca656af840dff83E8264EcF986CA': component listed twice")
        XCTAssertEqual(try planError { try inputs(snapshot: { $0.replacingOccurrences(of: "\"position_multiplier\": \"987654321012345678\"", with: "\"position_multiplier\": \"0\"") }) },
                       "snapshot.json: field 'set_token.position_multiplier' = '0': must be > 0")
    }

    func testExtensionRouteCallsTheExtensionWithTheOldComponents() throws {
        let extensionAddress = "0x00000000000000000000000000000000000000E1"
        let plan = try Planner.plan(try inputs(policy: {
            $0.replacingOccurrences(of: "route: module", with: "route: extension\nextension: \"\(extensionAddress)\"")
        }))
        // auction-module §5.1 selectors.
        XCTAssertEqual(plan.transactions.map { Hex.encode(Array($0.calldata.prefix(4))) }, ["0xf2d7dddb", "0x381b03d8", "0xe8465e46"])
        XCTAssertEqual(Set(plan.transactions.map(\.to)), [try Address(extensionAddress)])
        let start = try XCTUnwrap(plan.transactions.last)
        XCTAssertEqual(start.arguments[1], .array(plan.snapshot.components.map { .address($0.address) }))
        XCTAssertEqual(start.arguments.count, 8)
    }

    func testPolicyInJSONEqualsTheYAMLExample() throws {
        let json = """
            { "format": "rebalancer/policy@1", "module": "0x59D55D53a715b3B4581c52098BCb4075C2941DBa",
              "quote_asset": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "duration_seconds": 86400, "lock_set_token": false,
              "raise_target_percentage": "0.0025", "minimum_trade_quote": "0.5", "route": "module",
              "bidders": ["0x2a9babad55e45a0f5804850E54b92927176779Af", "0xC06B6356375cde014005F9aD4c0E6f20E0023ccB"],
              "anyone_can_bid": false, "schedule_steps": 24,
              "curve": { "adapter": "linear", "start_premium_bps": 200, "limit_bps": 300, "step_bps": 10, "step_seconds": 600 },
              "components": {
                "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599": { "adapter": "exponential", "scaling_bps": 50, "time_coefficient": "0.1", "step_seconds": 900 },
                "0xC18360217D8F7Ab5e7c516566761Ea12Ce7F9D72": { "adapter": "logarithmic", "scaling_bps": 100, "time_coefficient": "0.5" } } }
            """
        let fromJSON = try RebalancePolicy.parse(Data(json.utf8), file: "policy.json", yaml: false)
        let fromYAML = try RebalancePolicy.parse(try PlanExampleTests.bytes("examples/policy.yaml"), file: "policy.yaml", yaml: true)
        XCTAssertEqual(fromJSON, fromYAML)
        XCTAssertEqual(fromYAML.raiseTargetPercentage, UInt256(2_500_000_000_000_000))
        XCTAssertEqual(fromYAML.curve(for: try Address("0xC18360217D8F7Ab5e7c516566761Ea12Ce7F9D72")).stepSeconds, 600, "inherited from curve")
        XCTAssertEqual(fromYAML.curve(for: try Address("0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599")).timeCoefficient, UInt256(100_000_000_000_000_000))
        // JSON booleans are not integers, and integers are not booleans.
        XCTAssertThrowsError(try RebalancePolicy.parse(Data(json.replacingOccurrences(of: "\"lock_set_token\": false", with: "\"lock_set_token\": 0").utf8),
                                                       file: "policy.json", yaml: false)) {
            XCTAssertEqual(($0 as? InputFileError)?.description, "policy.json: field 'lock_set_token' = '0': expected true or false")
        }
        XCTAssertThrowsError(try RebalancePolicy.parse(Data(json.replacingOccurrences(of: "\"duration_seconds\": 86400", with: "\"duration_seconds\": true").utf8),
                                                       file: "policy.json", yaml: false)) {
            XCTAssertEqual(($0 as? InputFileError)?.description, "policy.json: field 'duration_seconds' = 'true': expected an integer")
        }
    }

    func testStateChecksBecomeWarnings() throws {
        let plan = try Planner.plan(try inputs(snapshot: {
            $0.replacingOccurrences(of: "\"is_locked\": false", with: "\"is_locked\": true")
                .replacingOccurrences(of: "\"rebalance_start_time\": \"1703980800\"", with: "\"rebalance_start_time\": \"1711490000\"")
        }))
        XCTAssertTrue(plan.warnings.contains { $0.hasPrefix("the SetToken is locked by 0x0000000000000000000000000000000000000000 at block 19523184") })
        XCTAssertTrue(plan.warnings.contains("a rebalance started at 1711490000 runs until 1711576400; startRebalance now replaces it"))
    }

    func testHostileBytesNeverCrashTheReaders() throws {
        var generator = SplitMix(seed: 0x5EED)
        let sources = try ["snapshot.json", "prices.json", "policy.yaml", "weights.json", "expected/plan.json"].map {
            try PlanExampleTests.bytes("examples/\($0)")
        }
        for round in 0..<500 {
            var bytes = [UInt8](sources[round % sources.count])
            for _ in 0..<(1 + Int(generator.next() % 6)) {
                let at = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: at)
                default:
                    let alphabet = Array("{}[]\":,0123456789.-e\n ".utf8)
                    bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: at)
                }
            }
            let data = Data(bytes)
            switch round % sources.count {
            case 0: _ = try? SetTokenSnapshot.parse(data, file: "f")
            case 1: _ = try? PriceSheet.parse(data, file: "f")
            case 2: _ = try? RebalancePolicy.parse(data, file: "f", yaml: true)
            case 3: _ = try? WeightsFile.parse(data, file: "f")
            default: _ = try? PlanCurves.parse(data, file: "f")
            }
        }
    }
}

/// A small deterministic generator for fuzz rounds.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

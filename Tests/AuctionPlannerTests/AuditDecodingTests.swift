import ChainModel
import Foundation
import TestSupport
import XCTest
@testable import AuctionPlanner

/// The audit library: the contracts-abi/ catalog, recognition of hostile bytes (fuzzed), and
/// `PlanVerifier` on the shipped example plan.
final class AuditDecodingTests: XCTestCase {
    private static let catalogDirectory = TestSupport.repositoryRoot.appendingPathComponent("contracts-abi").path

    private func catalog() throws -> ContractCatalog { try ContractCatalog.load(directory: Self.catalogDirectory) }

    private func examplePlan() throws -> RebalancePlan { try Planner.plan(try PlanExampleTests.exampleInputs()) }

    func testCatalogFindsFunctionsBySelectorAcrossContracts() throws {
        let catalog = try catalog()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.catalogDirectory).filter { $0.hasSuffix(".json") }
        XCTAssertEqual(catalog.contracts.map(\.name), files.map { String($0.dropLast(5)) }.sorted())
        let start = try XCTUnwrap(catalog.function(selector: ABISelector(rawValue: 0x8e0f_7756)))
        XCTAssertEqual(start.function.name, "startRebalance")
        XCTAssertEqual(start.contracts, ["AuctionRebalanceModuleV1"])
        // setRaiseTargetPercentage(address,uint256): the module and the global extension share it.
        XCTAssertEqual(catalog.function(selector: ABISelector(rawValue: 0x7375_31ba))?.contracts,
                       ["AuctionRebalanceModuleV1", "GlobalAuctionRebalanceExtension"])
        XCTAssertNil(catalog.function(selector: ABISelector(rawValue: 0xdead_beef)))
        XCTAssertThrowsError(try ContractCatalog.load(directory: "/nonexistent-audit-dir"))
    }

    func testPlannedCallsVerifyAndEachChangedWordIsNamed() throws {
        let catalog = try catalog(), plan = try examplePlan()
        for transaction in plan.transactions {
            XCTAssertEqual(try PlanVerifier.compare(calldata: transaction.calldata, to: transaction.to, chainID: .some(1),
                                                    with: plan, catalog: catalog), [])
        }
        let start = try XCTUnwrap(plan.transactions.last)
        // _initialPositionMultiplier is the last head word: one more wei there is one named difference.
        var calldata = start.calldata
        let lastHeadByte = 4 + 8 * 32 - 1
        calldata[lastHeadByte] &+= 1
        let expected = plan.arguments.initialPositionMultiplier
        let differences = try PlanVerifier.compare(calldata: calldata, to: nil, chainID: nil, with: plan, catalog: catalog)
        XCTAssertEqual(differences, [AuditDifference(field: "_initialPositionMultiplier", expected: expected.description,
                                                     actual: (expected + UInt256(1)).description)])
        XCTAssertEqual(try PlanVerifier.compare(calldata: start.calldata, to: nil, chainID: .some(nil), with: plan, catalog: catalog),
                       [AuditDifference(field: "chainId", expected: "1", actual: "(none: a pre-EIP-155 transaction)")])
        // A call the plan does not make: the function itself differs.
        let bid = try XCTUnwrap(catalog.function(selector: ABISelector(rawValue: 0x6db4_a262))).function
        let bidCall = try bid.encodeCall([.address(plan.snapshot.setToken), .address(plan.snapshot.setToken),
                                                      .address(plan.snapshot.setToken), .uint(.one), .uint(.one), .bool(true)])
        let other = try PlanVerifier.compare(calldata: bidCall, to: nil, chainID: nil, with: plan, catalog: catalog)
        XCTAssertEqual(other.map(\.field), ["function"])
    }

    func testRecogniseIsStrictAndBoundedOnFuzzedBytes() throws {
        let catalog = try catalog(), plan = try examplePlan()
        let seeds = plan.transactions.map(\.calldata)
        var rng = SplitMix64(seed: 0xA0D1)
        var decoded = 0, refused = 0
        for round in 0..<1500 {
            var bytes = seeds[round % seeds.count]
            switch round % 5 {
            case 0: // flip a few bytes
                for _ in 0..<Int.random(in: 1...4, using: &rng) { bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
            case 1: // truncate
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            case 2: // a huge offset or length in a random word
                let word = Int.random(in: 0..<max(1, (bytes.count - 4) / 32), using: &rng)
                for index in (4 + word * 32)..<min(bytes.count, 4 + word * 32 + 28) { bytes[index] = 0xff }
            case 3: // random tail
                bytes += (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            default: // random bytes with a catalog selector or a transaction type byte
                let length = Int.random(in: 0...300, using: &rng)
                bytes = Array(bytes.prefix(4)) + (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                if round % 10 == 4 { bytes[0] = 0x02 }
            }
            do {
                switch try catalog.recognise(bytes) {
                case let .call(call):
                    XCTAssertLessThanOrEqual(call.fields.count, 4 * bytes.count, "fields are bounded by the input")
                case .transaction, .revert:
                    break
                }
                decoded += 1
            } catch {
                XCTAssertFalse(error.description.isEmpty)
                refused += 1
            }
        }
        XCTAssertGreaterThan(decoded, 100, "value changes still decode")
        XCTAssertGreaterThan(refused, 100, "malformed data is refused")
    }

    func testDecodeLogIsStrictAndBoundedOnFuzzedData() throws {
        let catalog = try catalog()
        let started = try XCTUnwrap(catalog.contracts.first { $0.name == "AuctionRebalanceModuleV1" }?.abi.event(named: "RebalanceStarted"))
        let set = try Bytes32(hex: "0x" + String(repeating: "0", count: 24) + String(repeating: "11", count: 20))
        let quote = try Bytes32(hex: "0x" + String(repeating: "0", count: 24) + String(repeating: "22", count: 20))
        let config = try ConstantPriceAdapter(configData: Array(repeating: 0, count: 31) + [1]).configData
        let data = try ABIEncoder.encode([.bool(false), .uint(UInt256(86_400)), .uint(.one), .array([.address(Address(bytes: Array(repeating: 0x44, count: 20)))]),
                                          .array([.tuple([.uint(.one), .string("ConstantPriceAdapter"), .bytes(config)])])],
                                         types: Array(started.inputs.filter { !$0.indexed }.map(\.type)))
        let exact = try catalog.decodeLog(topics: [started.topic0, set, quote], data: data)
        XCTAssertEqual(exact.fields.last, AuditField(path: "auctionParameters[0].priceAdapterConfigData.price", value: "1"))
        var rng = SplitMix64(seed: 0x10C5)
        var decoded = 0, refused = 0
        for round in 0..<1000 {
            var bytes = data
            var topics = [started.topic0, set, quote]
            switch round % 4 {
            case 0: for _ in 0..<Int.random(in: 1...3, using: &rng) { bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
            case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            case 2: topics = Array(topics.prefix(Int.random(in: 1...3, using: &rng)))
            default: bytes = (0..<Int.random(in: 0...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            }
            do {
                let log = try catalog.decodeLog(topics: topics, data: bytes)
                XCTAssertLessThanOrEqual(log.fields.count, 4 * bytes.count + 8)
                decoded += 1
            } catch {
                XCTAssertFalse(error.description.isEmpty)
                refused += 1
            }
        }
        XCTAssertGreaterThan(decoded, 50)
        XCTAssertGreaterThan(refused, 200)
    }
}

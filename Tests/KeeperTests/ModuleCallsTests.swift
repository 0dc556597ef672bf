import ChainModel
import Keeper
import TestSupport
import Foundation
import XCTest

/// The keeper's own calldata: the spec vector word by word, the selectors from their
/// signatures, and agreement with the general ABI encoder on random arguments.
final class ModuleCallsTests: XCTestCase {
    func testBidMatchesTheSpecVectorWordByWord() throws {
        let proposal = BidProposal(component: try Address("0x" + String(repeating: "33", count: 20)),
                                   quoteAsset: try Address("0x" + String(repeating: "22", count: 20)),
                                   componentAmount: try UInt256("900000000000000000000"),
                                   quoteAssetLimit: try UInt256("450000000000000000"), isSellAuction: true)
        let expected = [
            "6db4a262",
            "0000000000000000000000001111111111111111111111111111111111111111",
            "0000000000000000000000003333333333333333333333333333333333333333",
            "0000000000000000000000002222222222222222222222222222222222222222",
            "000000000000000000000000000000000000000000000030ca024f987b900000",
            "000000000000000000000000000000000000000000000000063eb89da4ed0000",
            "0000000000000000000000000000000000000000000000000000000000000001",
        ].joined()
        let set = try Address("0x" + String(repeating: "11", count: 20))
        XCTAssertEqual(Hex.encode(ModuleCalls.bid(setToken: set, proposal)), "0x" + expected)
    }

    func testSelectorsAreTheSignatureHashes() {
        XCTAssertEqual(ModuleCalls.bidSelector, Array(Keccak256.hash(utf8: "bid(address,address,address,uint256,uint256,bool)").bytes.prefix(4)))
        XCTAssertEqual(ModuleCalls.raiseAssetTargetsSelector, Array(Keccak256.hash(utf8: "raiseAssetTargets(address)").bytes.prefix(4)))
        XCTAssertEqual(ModuleCalls.unlockSelector, Array(Keccak256.hash(utf8: "unlock(address)").bytes.prefix(4)))
        XCTAssertEqual(Hex.encode(ModuleCalls.unlock(setToken: Fixture.setToken)),
                       "0x2f6c493c0000000000000000000000002222222222222222222222222222222222222222")
        XCTAssertEqual(Hex.encode(ModuleCalls.raiseAssetTargets(setToken: Fixture.setToken)),
                       "0xff0932a10000000000000000000000002222222222222222222222222222222222222222")
    }

    func testRandomBidsEqualTheABIEncoder() throws {
        let function = try ABIFunction(signature: "bid(address,address,address,uint256,uint256,bool)")
        var random = SplitMix64(seed: 42)
        func word() -> UInt256 {
            var bytes = [UInt8](repeating: 0, count: 32)
            let length = Int(random.next() % 33)
            for i in (32 - length)..<32 { bytes[i] = UInt8(truncatingIfNeeded: random.next()) }
            return UInt256(bigEndianBytes: bytes)!
        }
        func address() -> Address { try! Address(bytes: (0..<20).map { _ in UInt8(truncatingIfNeeded: random.next()) }) }
        for _ in 0..<500 {
            let set = address()
            let proposal = BidProposal(component: address(), quoteAsset: address(), componentAmount: word(),
                                       quoteAssetLimit: word(), isSellAuction: random.next() & 1 == 1)
            let reference = try function.encodeCall([.address(set), .address(proposal.component), .address(proposal.quoteAsset),
                                                     .uint(proposal.componentAmount), .uint(proposal.quoteAssetLimit),
                                                     .bool(proposal.isSellAuction)])
            XCTAssertEqual(ModuleCalls.bid(setToken: set, proposal), reference)
        }
    }

    func testApproveMatchesThePublishedSelectorWordByWord() throws {
        XCTAssertEqual(ModuleCalls.approveSelector, Array(Keccak256.hash(utf8: "approve(address,uint256)").bytes.prefix(4)))
        let expected = [
            "095ea7b3",
            "0000000000000000000000001111111111111111111111111111111111111111",
            "00000000000000000000000000000000000000000000000000000000000003e8",
        ].joined()
        XCTAssertEqual(Hex.encode(ModuleCalls.approve(spender: Fixture.module, amount: UInt256(UInt64(1_000)))), "0x" + expected)
        XCTAssertEqual(Hex.encode(ModuleCalls.approve(spender: Fixture.module, amount: .max)),
                       "0x095ea7b3" + "0000000000000000000000001111111111111111111111111111111111111111" + String(repeating: "f", count: 64))
    }

    /// Random approvals encoded by eth-abi (the pinned peer) byte for byte.
    func testRandomApprovalsEqualEthABI() throws {
        var random = SplitMix64(seed: 7)
        var cases: [(Address, UInt256)] = []
        for _ in 0..<200 {
            var bytes = [UInt8](repeating: 0, count: 32)
            let length = Int(random.next() % 33)
            for i in (32 - length)..<32 { bytes[i] = UInt8(truncatingIfNeeded: random.next()) }
            cases.append((try Address(bytes: (0..<20).map { _ in UInt8(truncatingIfNeeded: random.next()) }), UInt256(bigEndianBytes: bytes)!))
        }
        let input = cases.map { #"{"types": ["address", "uint256"], "values": ["\#($0.0.lowercased)", "\#($0.1)"]}"# }.joined(separator: "\n") + "\n"
        let output = String(decoding: try TestSupport.runPython(script: "abi_encode_peer.py", [], input: Data(input.utf8)), as: UTF8.self)
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, cases.count)
        for (index, (spender, amount)) in cases.enumerated() where index < lines.count {
            XCTAssertEqual(Hex.encode(ModuleCalls.approve(spender: spender, amount: amount)), "0x095ea7b3" + lines[index].dropFirst(2))
        }
    }
}

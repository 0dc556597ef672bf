import Foundation
import XCTest
import TestSupport

/// `calldata`, `abi-encode` and `sig` end to end, against auction-module.md §2.3 and §9.3 and
/// the eth-abi peer.
final class EncodeCommandTests: CLITestCase {
    func testSigPrintsTheSelectorsOfTheAuctionModule() throws {
        // auction-module.md §2.3 (selectors checked in bytecode).
        let selectors: [(String, String)] = [
            (AuctionVectors.startRebalanceSignature, "0x8e0f7756"),
            (AuctionVectors.bidSignature, "0x6db4a262"),
            ("raiseAssetTargets(address)", "0xff0932a1"),
            ("unlock(address)", "0x2f6c493c"),
            ("setRaiseTargetPercentage(address,uint256)", "0x737531ba"),
            ("setBidderStatus(address,address[],bool[])", "0xb26faa0a"),
            ("setAnyoneBid(address,bool)", "0xf4787698"),
            ("initialize(address)", "0xc4d66de8"),
            ("removeModule()", "0x847ef08d"),
            ("getBidPreview(address,address,address,uint256,uint256,bool)", "0x23ab55ec"),
            ("transfer(address,uint256)", "0xa9059cbb"),
        ]
        for (signature, selector) in selectors {
            try assertOutput(["sig", signature], [selector])
        }
        // Human-readable form with names and data locations.
        try assertOutput(["sig", "function bid(address _setToken, address _component, address _quoteAsset, uint256 _componentAmount, uint256 _quoteAssetLimit, bool _isSellAuction) external"], ["0x6db4a262"])
    }

    func testBidCalldataMatchesTheSpecVector() throws {
        let a = AuctionVectors.self
        try assertOutput(["calldata", a.bidSignature, a.set, a.component, a.quote, "900e18", "0.45e18", "true"], [a.bidCalldata])
        // The same amounts written with units and hex.
        try assertOutput(["calldata", a.bidSignature, a.set, a.component, a.quote, "900 ether", "0x63eb89da4ed0000", "true"], [a.bidCalldata])
    }

    func testAdapterConfigsViaAbiEncode() throws {
        let a = AuctionVectors.self
        try assertOutput(["abi-encode", "f(uint256)", "5e14"], [a.constantConfig5e14])
        try assertOutput(["abi-encode", "(uint256)", "0.0005 ether"], [a.constantConfig5e14])
        try assertOutput(["abi-encode", "(uint256)", "1e18"], [a.constantConfig1e18])
        try assertOutput(["abi-encode", "f(uint256,uint256,uint256,bool,uint256,uint256)",
                          "1162340294608501383", "5e14", "600", "true", "1162340294608501383", "1142340294608501383"],
                         [a.linearConfig])
    }

    func testStartRebalanceCalldataIsThe1348ByteSpecLayoutAndMatchesEthAbi() throws {
        let a = AuctionVectors.self
        let hex = try outputLine(["calldata", a.startRebalanceSignature] + a.startRebalanceArguments)
        XCTAssertTrue(hex.hasPrefix("0x8e0f7756"))
        XCTAssertEqual((hex.count - 2) / 2, 1348)
        let body = Array(hex.dropFirst(10))
        func word(_ index: Int) -> String { String(body[(index * 64)..<(index * 64 + 64)]) }
        func number(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 64 - digits.count) + digits
        }
        XCTAssertEqual(word(0), String(repeating: "0", count: 24) + String(repeating: "1", count: 40))
        XCTAssertEqual(word(1), String(repeating: "0", count: 24) + String(repeating: "2", count: 40))
        XCTAssertEqual(word(2), number(0x100))
        XCTAssertEqual(word(3), number(0x140))
        XCTAssertEqual(word(4), number(0x320))
        XCTAssertEqual(word(5), number(0))
        XCTAssertEqual(word(6), number(86400))
        XCTAssertEqual(word(7), number(998357285091388446))

        // Byte identity with eth-abi on the same values.
        let peerCase: [String: Any] = [
            "types": ["address", "address", "address[]", "(uint256,string,bytes)[]", "(uint256,string,bytes)[]", "bool", "uint256", "uint256"],
            "values": [
                a.set, a.quote, [a.newComponent],
                [["50000000000000000", "BoundedStepwiseLinearPriceAdapter", a.linearConfig]],
                [["9100000000000000000000", "ConstantPriceAdapter", a.constantConfig5e14],
                 ["4000000000000000000", "ConstantPriceAdapter", a.constantConfig1e18]],
                false, "86400", "998357285091388446",
            ] as [Any],
        ]
        let peer = try PeerEncoder.encode([peerCase])
        XCTAssertEqual(peer, ["0x" + String(body)])
    }

    func testCalldataPrintsOneLineForArrayAndNestedTupleArguments() throws {
        try assertOutput(["calldata", "f(uint8[],(bool,string))", "[1, 2, 0x03]", "(true, \"a, b\")"],
                         [try PeerEncoder.calldata(selector: "0xc4bbd184",  // keccak256("f(uint8[],(bool,string))")[0..<4] by eth-utils
                                                   types: ["uint8[]", "(bool,string)"],
                                                   values: [["1", "2", "3"], [true, "a, b"]])])
    }

    func testNegativeIntegersAreArgumentsNotOptions() throws {
        let hex = try outputLine(["abi-encode", "f(int256,int8)", "-1", "-128"])
        XCTAssertEqual(hex, "0x" + String(repeating: "f", count: 64) + String(repeating: "f", count: 62) + "80")
        // After `--`, option-like text is a value: the string "-h" (0x2d68).
        let word = { (text: String) in String(repeating: "0", count: 64 - text.count) + text }
        try assertOutput(["abi-encode", "f(string)", "--", "-h"], ["0x" + word("20") + word("2") + "2d68" + String(repeating: "0", count: 60)])
    }

    // MARK: Bad arguments: non-zero exit, one stderr line naming the argument and the rule.

    func testWrongArity() throws {
        let a = AuctionVectors.self
        try assertFailure(["calldata", a.bidSignature, a.set, a.component],
                          mentions: ["wrong number of arguments", a.bidSignature, "expected 6, got 2"])
        try assertFailure(["abi-encode", "f(uint256)", "1", "2"], mentions: ["expected 1, got 2"])
    }

    func testBadChecksum() throws {
        try assertFailure(["calldata", "f(address)", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"],
                          mentions: ["argument 1 (address)", "'0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'",
                                     "wrong EIP-55 checksum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"])
    }

    func testOutOfRangeForUint8() throws {
        let line = try assertFailure(["calldata", "f(uint256,uint8)", "1", "256"],
                                     mentions: ["argument 2 (uint8)", "'256'", "out of range (0 to 255)"])
        XCTAssertEqual(line, "Error: argument 2 (uint8): '256' is out of range (0 to 255)\n")
        try assertFailure(["abi-encode", "function f(uint8[] amounts)", "[1,300]"],
                          mentions: ["argument 1 amounts (uint8[]) at [1] (uint8)", "'300'", "out of range"])
    }

    func testNegativeForUnsigned() throws {
        try assertFailure(["calldata", "f(uint256)", "-1"], mentions: ["argument 1 (uint256)", "'-1'", "negative", "unsigned"])
    }

    func testUnbalancedParenthesis() throws {
        try assertFailure(["calldata", "f((uint256,bool))", "(1,true"],
                          mentions: ["argument 1 ((uint256,bool))", "'(1,true'", "missing the closing ')'"])
        try assertFailure(["calldata", "f(uint256[])", "[1,2"], mentions: ["argument 1 (uint256[])", "missing the closing ']'"])
    }

    func testBytes4WithThreeBytes() throws {
        try assertFailure(["calldata", "f(bytes4)", "0x123456"],
                          mentions: ["argument 1 (bytes4)", "'0x123456'", "has 3 bytes", "exactly 4"])
    }

    func testUnknownType() throws {
        try assertFailure(["calldata", "f(uint7)", "1"], mentions: ["invalid ABI signature", "f(uint7)"])
        try assertFailure(["abi-encode", "f(foo)", "1"], mentions: ["invalid ABI signature", "foo"])
        try assertFailure(["sig", "transfer(address,uint256"], mentions: ["invalid ABI signature"])
    }

    func testMalformedTupleAndBool() throws {
        try assertFailure(["calldata", "f((uint256,bool))", "(1)"],
                          mentions: ["argument 1 ((uint256,bool))", "has 1 components, but the tuple needs exactly 2"])
        try assertFailure(["calldata", "f(bool)", "yes"], mentions: ["argument 1 (bool)", "'yes'", "true or false"])
    }
}

/// eth-abi (the pinned Python peer) encoding the same values.
enum PeerEncoder {
    /// One `0x…` encoding per case (`{"types": [...], "values": [...]}`).
    static func encode(_ cases: [[String: Any]]) throws -> [String] {
        var input = Data()
        for item in cases {
            input.append(try JSONSerialization.data(withJSONObject: item))
            input.append(0x0a)
        }
        let output = try TestSupport.runPython(script: "abi_encode_peer.py", [], input: input)
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// `selector` followed by eth-abi's encoding.
    static func calldata(selector: String, types: [String], values: [Any]) throws -> String {
        let encoded = try encode([["types": types, "values": values]])
        return selector + (encoded.first ?? "").dropFirst(2)
    }
}

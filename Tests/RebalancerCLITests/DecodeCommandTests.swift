import Foundation
import XCTest

/// `decode-calldata` and `decode-abi` end to end: the auction-module.md §9.3 vectors printed as
/// cast prints them, `--json`, round trips through `calldata`/`abi-encode`, and bad input.
final class DecodeCommandTests: CLITestCase {
    private static let a = AuctionVectors.self

    func testDecodeBidCalldata() throws {
        try assertOutput(["decode-calldata", Self.a.bidSignature, Self.a.bidCalldata], [
            Self.a.set, Self.a.component, Self.a.quote,
            "900000000000000000000 [9e20]", "450000000000000000 [4.5e17]", "true",
        ])
        try assertOutput(["decode-calldata", "--json", Self.a.bidSignature, Self.a.bidCalldata], [
            "[",
            "  \"\(Self.a.set)\",", "  \"\(Self.a.component)\",", "  \"\(Self.a.quote)\",",
            "  \"900000000000000000000\",", "  \"450000000000000000\",", "  \"true\"",
            "]",
        ])
    }

    func testDecodeStartRebalanceCalldataAndRoundTrip() throws {
        let calldata = try outputLine(["calldata", Self.a.startRebalanceSignature] + Self.a.startRebalanceArguments)
        try assertOutput(["decode-calldata", Self.a.startRebalanceSignature, calldata], [
            Self.a.set, Self.a.quote, "[\(Self.a.newComponent)]",
            "[(50000000000000000 [5e16], \"BoundedStepwiseLinearPriceAdapter\", \(Self.a.linearConfig))]",
            "[(9100000000000000000000 [9.1e21], \"ConstantPriceAdapter\", \(Self.a.constantConfig5e14)), "
                + "(4000000000000000000 [4e18], \"ConstantPriceAdapter\", \(Self.a.constantConfig1e18))]",
            "false", "86400 [8.64e4]", "998357285091388446 [9.983e17]",
        ])
        // The --json strings are cast syntax again: encoding them reproduces the call data.
        let json = try run(["decode-calldata", "--json", Self.a.startRebalanceSignature, calldata])
        XCTAssertEqual(json.status, 0)
        let values = try XCTUnwrap(try JSONSerialization.jsonObject(with: json.standardOutput) as? [String])
        XCTAssertEqual(values.count, 8)
        XCTAssertEqual(values[3], "[(50000000000000000, BoundedStepwiseLinearPriceAdapter, \(Self.a.linearConfig))]")
        XCTAssertEqual(try outputLine(["calldata", Self.a.startRebalanceSignature] + values), calldata)
    }

    func testDecodeAdapterConfigsAsInputs() throws {
        try assertOutput(["decode-abi", "--input", "f(uint256)", Self.a.constantConfig5e14], ["500000000000000 [5e14]"])
        try assertOutput(["decode-abi", "--input", "(uint256,uint256,uint256,bool,uint256,uint256)", Self.a.linearConfig], [
            "1162340294608501383 [1.162e18]", "500000000000000 [5e14]", "600", "true",
            "1162340294608501383 [1.162e18]", "1142340294608501383 [1.142e18]",
        ])
        let reencoded = try outputLine(["abi-encode", "f(uint256,uint256,uint256,bool,uint256,uint256)",
                                        "1162340294608501383", "500000000000000", "600", "true",
                                        "1162340294608501383", "1142340294608501383"])
        XCTAssertEqual(reencoded, Self.a.linearConfig)
    }

    func testDecodeAbiDecodesOutputsByDefault() throws {
        // getAuctionSizeAndDirection returns (bool isSellAuction, uint256 componentQuantity); §9.2's dust auction.
        let data = try outputLine(["abi-encode", "(bool,uint256)", "false", "4"])
        try assertOutput(["decode-abi", "getAuctionSizeAndDirection(address,address)(bool,uint256)", data], ["false", "4"])
        try assertOutput(["decode-abi", "--json", "getAuctionSizeAndDirection(address,address)(bool,uint256)", data],
                         ["[", "  \"false\",", "  \"4\"", "]"])
        try assertOutput(["decode-abi", "function executionInfo(address,address) view returns (uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)",
                          try outputLine(["abi-encode", "(uint256,string,bytes)", "9100e18", "ConstantPriceAdapter", Self.a.constantConfig5e14])],
                         ["9100000000000000000000 [9.1e21]", "\"ConstantPriceAdapter\"", Self.a.constantConfig5e14])
    }

    func testStringsNegativeNumbersAndJSONEscapes() throws {
        let data = try outputLine(["abi-encode", "f(string,int256,string[])", "'say \"hi\"\n'", "-12345", "[it's, ok]"])
        try assertOutput(["decode-abi", "--input", "f(string,int256,string[])", data],
                         ["\"say \\\"hi\\\"\\n\"", "-12345 [-1.234e4]", "[\"it's\", \"ok\"]"])
        let json = try run(["decode-abi", "--input", "--json", "f(string,int256,string[])", data])
        XCTAssertEqual(json.stdout, "[\n  \"say \\\\\\\"hi\\\\\\\"\\\\n\",\n  \"-12345\",\n  \"[it\\\\'s, ok]\"\n]\n")
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: json.standardOutput) as? [String])
        XCTAssertEqual(parsed, ["say \\\"hi\\\"\\n", "-12345", "[it\\'s, ok]"])
    }

    func testEmptyJSONArrayForNoArguments() throws {
        try assertOutput(["decode-calldata", "--json", "removeModule()", "0x847ef08d"], ["[]"])
        try assertOutput(["decode-calldata", "removeModule()", "0x847ef08d"], [])
    }

    // MARK: Bad input: non-zero exit, one stderr line.

    func testSelectorMismatch() throws {
        try assertFailure(["decode-calldata", "transfer(address,uint256)", Self.a.bidCalldata],
                          mentions: ["data:", "selector 0x6db4a262 does not match 0xa9059cbb"])
    }

    func testMalformedHexData() throws {
        try assertFailure(["decode-calldata", Self.a.bidSignature, "0x6db4a26"], mentions: ["data:", "odd number of hex digits"])
        try assertFailure(["decode-abi", "f()(uint256)", "0xzz"], mentions: ["data:", "invalid hex character 'z'"])
    }

    func testTruncatedAndNonCanonicalData() throws {
        let truncated = String(Self.a.bidCalldata.dropLast(2))
        try assertFailure(["decode-calldata", Self.a.bidSignature, truncated], mentions: ["data:", "at byte 0x4", "needs 192 bytes but only 191 remain"])
        let badBool = String(Self.a.bidCalldata.dropLast(1)) + "2"
        try assertFailure(["decode-calldata", Self.a.bidSignature, badBool], mentions: ["data:", "bool must be 0 or 1"])
    }

    func testNoOutputTypes() throws {
        try assertFailure(["decode-abi", "balanceOf(address)", "0x" + String(repeating: "00", count: 32)],
                          mentions: ["no output types", "--input"])
    }

    func testBadSignature() throws {
        try assertFailure(["decode-calldata", "f(uint256", "0x00"], mentions: ["invalid ABI signature"])
        try assertFailure(["decode-abi", "f()(uint7)", "0x00"], mentions: ["invalid ABI signature", "uint7"])
    }
}

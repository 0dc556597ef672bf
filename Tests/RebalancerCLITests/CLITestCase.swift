import XCTest
import TestSupport

/// Runs the built `rebalancer` and checks its output the way a shell user sees it.
class CLITestCase: XCTestCase {
    /// Runs `rebalancer arguments…`, failing the test when the program cannot be started.
    func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> TestSupport.ProcessResult {
        do {
            return try TestSupport.runRebalancer(arguments)
        } catch {
            XCTFail("could not run rebalancer (build it with `swift build --build-tests`): \(error)", file: file, line: line)
            throw error
        }
    }

    /// Asserts exit status 0, nothing on standard error, and exactly `expected` lines on standard output.
    func assertOutput(_ arguments: [String], _ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try run(arguments, file: file, line: line)
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, "", file: file, line: line)
        XCTAssertEqual(result.stdout, expected.map { $0 + "\n" }.joined(), file: file, line: line)
    }

    /// The single line the command printed (status 0 asserted).
    func outputLine(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(arguments, file: file, line: line)
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stdout.hasSuffix("\n"), file: file, line: line)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2, "expected one line: \(result.stdout)", file: file, line: line)
        return String(lines[0])
    }

    /// Asserts a non-zero exit, nothing on standard output, and ONE line on standard error that
    /// contains every fragment of `mentions`. Returns that line.
    @discardableResult
    func assertFailure(_ arguments: [String], mentions: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(arguments, file: file, line: line)
        XCTAssertNotEqual(result.status, 0, "stdout: \(result.stdout)", file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertTrue(result.stderr.hasSuffix("\n"), "stderr: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "stderr must be one line: \(result.stderr)", file: file, line: line)
        for fragment in mentions {
            XCTAssertTrue(result.stderr.contains(fragment), "'\(fragment)' not in: \(result.stderr)", file: file, line: line)
        }
        return result.stderr
    }
}

/// The values of auction-module.md §9.3 (dummy addresses, real encodings).
enum AuctionVectors {
    static let set = "0x1111111111111111111111111111111111111111"
    static let quote = "0x2222222222222222222222222222222222222222"
    static let component = "0x3333333333333333333333333333333333333333"
    static let newComponent = "0x4444444444444444444444444444444444444444"

    static let bidSignature = "bid(address,address,address,uint256,uint256,bool)"
    static let bidCalldata = "0x6db4a262"
        + "0000000000000000000000001111111111111111111111111111111111111111"
        + "0000000000000000000000003333333333333333333333333333333333333333"
        + "0000000000000000000000002222222222222222222222222222222222222222"
        + "000000000000000000000000000000000000000000000030ca024f987b900000"
        + "000000000000000000000000000000000000000000000000063eb89da4ed0000"
        + "0000000000000000000000000000000000000000000000000000000000000001"

    /// ConstantPriceAdapter config for 5e14.
    static let constantConfig5e14 = "0x0000000000000000000000000000000000000000000000000001c6bf52634000"
    /// ConstantPriceAdapter config for 1e18.
    static let constantConfig1e18 = "0x0000000000000000000000000000000000000000000000000de0b6b3a7640000"
    /// The dsETH wstETH linear config (1162340294608501383, 5e14, 600, true, 1162340294608501383, 1142340294608501383).
    static let linearConfig = "0x"
        + "00000000000000000000000000000000000000000000000010217656f0433a87"
        + "0000000000000000000000000000000000000000000000000001c6bf52634000"
        + "0000000000000000000000000000000000000000000000000000000000000258"
        + "0000000000000000000000000000000000000000000000000000000000000001"
        + "00000000000000000000000000000000000000000000000010217656f0433a87"
        + "0000000000000000000000000000000000000000000000000fda687210c13a87"

    static let startRebalanceSignature =
        "startRebalance(address,address,address[],(uint256,string,bytes)[],(uint256,string,bytes)[],bool,uint256,uint256)"
    static var startRebalanceArguments: [String] {
        [
            set, quote, "[\(newComponent)]",
            "[(5e16, BoundedStepwiseLinearPriceAdapter, \(linearConfig))]",
            "[(9100e18, \"ConstantPriceAdapter\", \(constantConfig5e14)), (4 ether, 'ConstantPriceAdapter', \(constantConfig1e18))]",
            "false", "86400", "998357285091388446",
        ]
    }
}

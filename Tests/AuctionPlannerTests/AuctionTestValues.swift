import XCTest
import ChainModel
@testable import AuctionPlanner

// Constants for the auction tests, named to stay clear of other test files' helpers.

/// Parses a decimal test constant (fails the test on a typo).
func wei(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> UInt256 {
    guard let value = Word256.parse(text) else {
        XCTFail("bad UInt256 literal \(text)", file: file, line: line)
        return .zero
    }
    return value
}

/// Parses a signed decimal test constant.
func signedWei(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Int256 {
    guard let value = Word256.parseSigned(text) else {
        XCTFail("bad Int256 literal \(text)", file: file, line: line)
        return .zero
    }
    return value
}

/// `a·10^exponent` for readable spec constants such as 9100e18.
func sci(_ mantissa: UInt64, _ exponent: Int) -> UInt256 {
    var value = UInt256(mantissa)
    for _ in 0..<exponent { value = Word256.mul(value, 10).value }
    return value
}

/// A dummy address whose 20 bytes all equal `byte`.
func dummyAddress(_ byte: UInt8) -> Address { try! Address(bytes: [UInt8](repeating: byte, count: 20)) }


import XCTest
@testable import ChainModel

/// Hand-checked vectors for number parsing and formatting.
final class NumericParsingTests: XCTestCase {
    static let maxDecimal = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
    static let int256MaxDecimal = "57896044618658097711785492504343953926634992332820282019728792003956564819967"
    static let int256MinDecimal = "-57896044618658097711785492504343953926634992332820282019728792003956564819968"

    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> UInt256? {
        do { return try UInt256(text) } catch {
            XCTFail("'\(text)' refused: \(error)", file: file, line: line)
            return nil
        }
    }

    private func refusal(_ text: String) -> NumericParseError? {
        do { _ = try UInt256(text); return nil } catch { return error }
    }

    private func signedRefusal(_ text: String) -> NumericParseError? {
        do { _ = try Int256(text); return nil } catch { return error }
    }

    func testDecimal() throws {
        XCTAssertEqual(parse("0"), .zero)
        XCTAssertEqual(parse("007"), UInt256(7))
        XCTAssertEqual(parse("18446744073709551615"), UInt256(UInt64.max))
        XCTAssertEqual(parse("18446744073709551616"), UInt256(w0: 0, w1: 1, w2: 0, w3: 0))
        XCTAssertEqual(parse(Self.maxDecimal), .max)
        XCTAssertEqual(parse("0000" + Self.maxDecimal), .max)
        // 2^255
        XCTAssertEqual(parse("57896044618658097711785492504343953926634992332820282019728792003956564819968"),
                       UInt256(w0: 0, w1: 0, w2: 0, w3: 1 << 63))
        XCTAssertEqual(refusal("115792089237316195423570985008687907853269984665640564039457584007913129639936"),
                       .overflowsUInt256(text: "115792089237316195423570985008687907853269984665640564039457584007913129639936"))
        XCTAssertEqual(refusal("1" + String(repeating: "0", count: 78)),
                       .overflowsUInt256(text: "1" + String(repeating: "0", count: 78)))
    }

    func testHex() throws {
        XCTAssertEqual(parse("0x0"), .zero)
        XCTAssertEqual(parse("0xff"), UInt256(255))
        XCTAssertEqual(parse("0XFf"), UInt256(255))
        XCTAssertEqual(parse("0x" + String(repeating: "f", count: 64)), .max)
        XCTAssertEqual(parse("0x00" + String(repeating: "f", count: 64)), .max)
        XCTAssertEqual(parse("0x10000000000000000"), UInt256(w0: 0, w1: 1, w2: 0, w3: 0))
        XCTAssertEqual(refusal("0x1" + String(repeating: "0", count: 64)),
                       .overflowsUInt256(text: "0x1" + String(repeating: "0", count: 64)))
        XCTAssertEqual(refusal("0x"), .missingDigits(text: "0x", after: "0x"))
        XCTAssertEqual(refusal("0x1g"), .unexpectedCharacter(text: "0x1g", offset: 3))
        XCTAssertEqual(refusal("0x10gwei"), .unexpectedCharacter(text: "0x10gwei", offset: 4))
    }

    func testScientificAndUnits() throws {
        let oneEther = UInt256(1_000_000_000_000_000_000)
        XCTAssertEqual(parse("1e18"), oneEther)
        XCTAssertEqual(parse("1E18"), oneEther)
        XCTAssertEqual(parse("1.0e18"), oneEther)
        XCTAssertEqual(parse("1e+18"), oneEther)
        XCTAssertEqual(parse("1.5e18"), UInt256(1_500_000_000_000_000_000))
        XCTAssertEqual(parse("15E17"), UInt256(1_500_000_000_000_000_000))
        XCTAssertEqual(parse("1e0"), UInt256(1))
        XCTAssertEqual(parse("1.50e1"), UInt256(15))
        XCTAssertEqual(parse("150e-1"), UInt256(15))
        XCTAssertEqual(parse("1.0"), UInt256(1))
        XCTAssertEqual(parse("0e1000000000"), .zero)
        XCTAssertEqual(parse("1e77"), UInt256.power(of10: 77))
        XCTAssertEqual(parse("1ether"), oneEther)
        XCTAssertEqual(parse("1.5ether"), UInt256(1_500_000_000_000_000_000))
        XCTAssertEqual(parse("1.5 ETHER"), UInt256(1_500_000_000_000_000_000))
        XCTAssertEqual(parse("2 gwei"), UInt256(2_000_000_000))
        XCTAssertEqual(parse("2.5gwei"), UInt256(2_500_000_000))
        XCTAssertEqual(parse("7 wei"), UInt256(7))
        XCTAssertEqual(parse("1e3gwei"), UInt256(1_000_000_000_000))
        XCTAssertEqual(refusal("1.5e0"), .notAnInteger(text: "1.5e0"))
        XCTAssertEqual(refusal("1.55e1"), .notAnInteger(text: "1.55e1"))
        XCTAssertEqual(refusal("1.5"), .notAnInteger(text: "1.5"))
        XCTAssertEqual(refusal("15e-1"), .notAnInteger(text: "15e-1"))
        XCTAssertEqual(refusal("0.5 wei"), .notAnInteger(text: "0.5 wei"))
        XCTAssertEqual(refusal("1.0000000001gwei"), .notAnInteger(text: "1.0000000001gwei"))
        XCTAssertEqual(refusal("1e78"), .overflowsUInt256(text: "1e78"))
        XCTAssertEqual(refusal("2e77"), .overflowsUInt256(text: "2e77"))
        XCTAssertEqual(refusal("1e1000000000000000000000"), .overflowsUInt256(text: "1e1000000000000000000000"))
        XCTAssertEqual(refusal("1e"), .missingDigits(text: "1e", after: "e"))
        XCTAssertEqual(refusal("1e+"), .missingDigits(text: "1e+", after: "e+"))
        XCTAssertEqual(refusal("1."), .missingDigits(text: "1.", after: "."))
        XCTAssertEqual(refusal("1.e5"), .unexpectedCharacter(text: "1.e5", offset: 2))
        XCTAssertEqual(refusal("1eth"), .unknownUnit(text: "1eth", unit: "eth"))
        XCTAssertEqual(refusal("2 finney"), .unknownUnit(text: "2 finney", unit: "finney"))
    }

    func testStrictness() throws {
        XCTAssertEqual(refusal(""), .empty)
        XCTAssertEqual(refusal("-1"), .negativeUnsigned(text: "-1"))
        XCTAssertEqual(refusal("-0"), .negativeUnsigned(text: "-0"))
        XCTAssertEqual(refusal("+1"), .unexpectedCharacter(text: "+1", offset: 0))
        XCTAssertEqual(refusal("1_000"), .unexpectedCharacter(text: "1_000", offset: 1))
        XCTAssertEqual(refusal(" 1"), .unexpectedCharacter(text: " 1", offset: 0))
        XCTAssertEqual(refusal("1 "), .unexpectedCharacter(text: "1 ", offset: 1))
        XCTAssertEqual(refusal("12a3"), .unexpectedCharacter(text: "12a3", offset: 2))
        XCTAssertEqual(refusal(".5"), .unexpectedCharacter(text: ".5", offset: 0))
        XCTAssertEqual(refusal("1.5 ether!"), .unexpectedCharacter(text: "1.5 ether!", offset: 9))
        XCTAssertEqual(refusal("1,000"), .unexpectedCharacter(text: "1,000", offset: 1))
        XCTAssertEqual(refusal("１"), .unexpectedCharacter(text: "１", offset: 0))
        XCTAssertEqual(refusal("é1"), .unexpectedCharacter(text: "é1", offset: 0))
        XCTAssertEqual(refusal("1é"), .unexpectedCharacter(text: "1é", offset: 1))
        XCTAssertEqual(refusal("1e5.0"), .unexpectedCharacter(text: "1e5.0", offset: 3))
        XCTAssertEqual(refusal("0b101"), .unexpectedCharacter(text: "0b101", offset: 1))
        // Substrings parse like strings.
        let line = "amount=1.5e18;"
        XCTAssertEqual(try UInt256(line.dropFirst(7).dropLast()), UInt256(1_500_000_000_000_000_000))
    }

    func testSigned() throws {
        XCTAssertEqual(try Int256("-1"), Int256(-1))
        XCTAssertEqual(try Int256("-0"), Int256.zero)
        XCTAssertEqual(try Int256("-0x10"), Int256(-16))
        XCTAssertEqual(try Int256("-1.5e18"), Int256(-1_500_000_000_000_000_000))
        XCTAssertEqual(try Int256("-2 gwei"), Int256(-2_000_000_000))
        XCTAssertEqual(try Int256(Self.int256MaxDecimal), .max)
        XCTAssertEqual(try Int256(Self.int256MinDecimal), .min)
        XCTAssertEqual(try Int256("0x7" + String(repeating: "f", count: 63)), .max)
        XCTAssertEqual(try Int256("-0x8" + String(repeating: "0", count: 63)), .min)
        XCTAssertEqual(signedRefusal("57896044618658097711785492504343953926634992332820282019728792003956564819968"),
                       .outOfInt256Range(text: "57896044618658097711785492504343953926634992332820282019728792003956564819968"))
        XCTAssertEqual(signedRefusal("-57896044618658097711785492504343953926634992332820282019728792003956564819969"),
                       .outOfInt256Range(text: "-57896044618658097711785492504343953926634992332820282019728792003956564819969"))
        XCTAssertEqual(signedRefusal("-" + Self.maxDecimal + "0"), .outOfInt256Range(text: "-" + Self.maxDecimal + "0"))
        XCTAssertEqual(signedRefusal("-"), .missingDigits(text: "-", after: "-"))
        XCTAssertEqual(signedRefusal("--1"), .unexpectedCharacter(text: "--1", offset: 1))
        XCTAssertEqual(signedRefusal("-1.5"), .notAnInteger(text: "-1.5"))
        XCTAssertEqual(signedRefusal("-0x"), .missingDigits(text: "-0x", after: "0x"))
    }

    func testFormatting() throws {
        XCTAssertEqual(UInt256.zero.description, "0")
        XCTAssertEqual(UInt256(1).description, "1")
        XCTAssertEqual(UInt256(UInt64.max).description, "18446744073709551615")
        XCTAssertEqual(UInt256(10_000_000_000_000_000_000).description, "10000000000000000000")
        XCTAssertEqual(UInt256(w0: 0, w1: 1, w2: 0, w3: 0).description, "18446744073709551616")
        XCTAssertEqual(UInt256.max.description, Self.maxDecimal)
        XCTAssertEqual(UInt256.power(of10: 77)?.description, "1" + String(repeating: "0", count: 77))
        XCTAssertEqual(UInt256.zero.hexString, "0x0")
        XCTAssertEqual(UInt256(255).hexString, "0xff")
        XCTAssertEqual(UInt256(256).hexString, "0x100")
        XCTAssertEqual(UInt256(w0: 0, w1: 1, w2: 0, w3: 0).hexString, "0x10000000000000000")
        XCTAssertEqual(UInt256.max.hexString, "0x" + String(repeating: "f", count: 64))
        XCTAssertEqual(Int256.zero.description, "0")
        XCTAssertEqual(Int256(-1).description, "-1")
        XCTAssertEqual(Int256(-1).hexString, "-0x1")
        XCTAssertEqual(Int256(-255).hexString, "-0xff")
        XCTAssertEqual(Int256.max.description, Self.int256MaxDecimal)
        XCTAssertEqual(Int256.min.description, Self.int256MinDecimal)
        XCTAssertEqual(Int256.min.hexString, "-0x8" + String(repeating: "0", count: 63))
        XCTAssertEqual(Int256.max.hexString, "0x7" + String(repeating: "f", count: 63))
    }

    func testErrorMessagesNameTextAndRule() {
        XCTAssertEqual(NumericParseError.unexpectedCharacter(text: "12a3", offset: 2).description,
                       "'12a3' is not a number: unexpected character 'a' at offset 2 "
                       + "(expected decimal digits, 0x hex, scientific 1.5e18 or a wei/gwei/ether unit)")
        XCTAssertEqual(NumericParseError.notAnInteger(text: "1.55e1").description,
                       "'1.55e1' is not an integer: only exact whole numbers are accepted (1.5e18 is, 1.55e1 is not)")
        XCTAssertEqual(NumericParseError.negativeUnsigned(text: "-1").description,
                       "'-1' is negative, but an unsigned value (>= 0) is required")
        XCTAssertTrue(NumericParseError.overflowsUInt256(text: "1e78").description.contains("2^256-1"))
    }
}

/// Hostile input: random bytes and very long texts parse without crashing, in time linear in the
/// length, and anything accepted formats back to text that parses to the same value.
final class NumericParsingFuzzTests: XCTestCase {
    func testRandomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        // Bias toward the grammar's own characters so deep paths are reached.
        let alphabet = Array("0123456789abcdefABCDEFxXeE.+- _gwiethrWEI".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0x80]
        var accepted = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)!
                                               : UInt8.random(in: 0...255, using: &generator)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let value = try? UInt256(text) {
                accepted += 1
                XCTAssertEqual(try? UInt256(value.description), value, "'\(text)'")
                XCTAssertEqual(try? UInt256(value.hexString), value, "'\(text)'")
            }
            if let value = try? Int256(text) {
                XCTAssertEqual(try? Int256(value.description), value, "'\(text)'")
                XCTAssertEqual(try? Int256(value.hexString), value, "'\(text)'")
            }
        }
        XCTAssertGreaterThan(accepted, 0, "the fuzzer should reach accepted inputs too")
    }

    func testLongInputs() throws {
        let zeros = String(repeating: "0", count: 1_000_000)
        XCTAssertEqual(try UInt256(zeros + "1"), .one)
        XCTAssertEqual(try UInt256("0x" + zeros + "1"), .one)
        XCTAssertEqual(try UInt256("1" + zeros + "e-1000000"), .one)
        XCTAssertEqual(try UInt256("0." + zeros + "1e1000001"), .one)
        XCTAssertThrowsError(try UInt256("1" + zeros)) {
            XCTAssertEqual($0 as? NumericParseError, .overflowsUInt256(text: "1" + zeros))
        }
        XCTAssertThrowsError(try UInt256("1." + zeros + "1")) {
            XCTAssertEqual($0 as? NumericParseError, .notAnInteger(text: "1." + zeros + "1"))
        }
        XCTAssertEqual(try UInt256("1e" + zeros + "9"), UInt256(1_000_000_000))  // leading exponent zeros
        XCTAssertThrowsError(try UInt256("1e9" + zeros)) {
            XCTAssertEqual($0 as? NumericParseError, .overflowsUInt256(text: "1e9" + zeros))
        }
        XCTAssertThrowsError(try UInt256("1e-9" + zeros)) {
            XCTAssertEqual($0 as? NumericParseError, .notAnInteger(text: "1e-9" + zeros))
        }
        XCTAssertEqual(try UInt256("0e9" + zeros), .zero)
        let nines = String(repeating: "9", count: 100) + "e-" + String(repeating: "9", count: 30)
        XCTAssertThrowsError(try UInt256(nines)) { XCTAssertEqual($0 as? NumericParseError, .notAnInteger(text: nines)) }
    }
}

import Foundation
import XCTest
@testable import ChainModel

/// Hand-checked edge vectors for 256-bit arithmetic, conversions and coding.
final class NumericArithmeticTests: XCTestCase {
    let twoTo128 = UInt256(w0: 0, w1: 0, w2: 1, w3: 0)
    let twoTo255 = UInt256(w0: 0, w1: 0, w2: 0, w3: 1 << 63)

    func testAdditionAndSubtractionBoundaries() throws {
        XCTAssertTrue(UInt256.max.addingReportingOverflow(.one) == (.zero, true))
        XCTAssertTrue((UInt256.max &- .one).addingReportingOverflow(.one) == (.max, false))
        XCTAssertEqual(UInt256.max &+ .max, .max &- .one)
        XCTAssertTrue(UInt256.zero.subtractingReportingOverflow(.one) == (.max, true))
        XCTAssertEqual(UInt256(UInt64.max) + .one, UInt256(w0: 0, w1: 1, w2: 0, w3: 0))
        XCTAssertEqual(UInt256(w0: 0, w1: 0, w2: 0, w3: 1) - .one, UInt256(w0: .max, w1: .max, w2: .max, w3: 0))
        XCTAssertThrowsError(try UInt256.max.adding(.one)) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertThrowsError(try UInt256(5).subtracting(UInt256(6))) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertEqual(try UInt256(6).subtracting(UInt256(6)), .zero)
        var value = UInt256(7)
        value += UInt256(3); value -= UInt256(4); value *= UInt256(5)
        XCTAssertEqual(value, UInt256(30))
    }

    func testMultiplicationBoundaries() throws {
        XCTAssertTrue(twoTo128.multipliedReportingOverflow(by: twoTo128) == (.zero, true))
        XCTAssertTrue(twoTo128.multipliedFullWidth(by: twoTo128) == (.one, .zero))
        XCTAssertTrue((twoTo128 &- .one).multipliedReportingOverflow(by: twoTo128) == (.max &- (twoTo128 &- .one), false))
        // (2²⁵⁶ − 1)² = (2²⁵⁶ − 2)·2²⁵⁶ + 1.
        XCTAssertTrue(UInt256.max.multipliedFullWidth(by: .max) == (.max &- .one, .one))
        XCTAssertEqual(UInt256.max &* .max, .one)
        XCTAssertEqual(twoTo255 &* UInt256(2), .zero)
        XCTAssertThrowsError(try twoTo255.multiplied(by: UInt256(2))) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertEqual(try (twoTo255 >> 1).multiplied(by: UInt256(2)), twoTo255)
        XCTAssertEqual(UInt256.power(of10: 18)! * UInt256.power(of10: 18)!, UInt256.power(of10: 36))
    }

    func testDivision() throws {
        XCTAssertEqual(UInt256.max / .one, .max)
        XCTAssertEqual(UInt256.max % .one, .zero)
        XCTAssertEqual(UInt256.max / .max, .one)
        XCTAssertEqual(UInt256.zero / .max, .zero)
        XCTAssertEqual((UInt256.max &- .one) / .max, .zero)
        XCTAssertEqual(UInt256.max / twoTo128, twoTo128 &- .one)
        XCTAssertEqual(UInt256.max % twoTo128, twoTo128 &- .one)
        XCTAssertEqual(UInt256(100) / UInt256(7), UInt256(14))
        XCTAssertEqual(UInt256(100) % UInt256(7), UInt256(2))
        XCTAssertThrowsError(try UInt256.one.divided(by: .zero)) { XCTAssertEqual($0 as? ArithmeticError, .divisionByZero) }
        // A three-limb divisor whose quotient-digit estimate is one too large: algorithm D's add-back
        // step. u = 2¹⁹² + 2¹⁹¹, v = 2¹⁹¹ + 2⁶⁴ − 1: the estimate 3 is corrected to 2.
        let u = UInt256(w0: 0, w1: 0, w2: 1 << 63, w3: 1)
        let v = UInt256(w0: .max, w1: 0, w2: 1 << 63, w3: 0)
        let (quotient, remainder) = u.quotientAndRemainder(dividingBy: v)
        XCTAssertEqual(quotient, UInt256(2))
        XCTAssertEqual(remainder.description, "3138550867693340381917894711603833208014284234084598153218")
        // 512-bit dividends.
        XCTAssertTrue(UInt256.max.dividingFullWidth((high: .max &- .one, low: .one)) == (.max, .zero))
        XCTAssertTrue(UInt256.max.dividingFullWidth((high: .max &- .one, low: UInt256(5))) == (.max, UInt256(4)))
        XCTAssertTrue(UInt256(3).dividingFullWidth((high: UInt256(2), low: .zero)).quotient
                      == UInt256(w0: 0xAAAA_AAAA_AAAA_AAAA, w1: 0xAAAA_AAAA_AAAA_AAAA, w2: 0xAAAA_AAAA_AAAA_AAAA, w3: 0xAAAA_AAAA_AAAA_AAAA))
        XCTAssertTrue(u.dividingFullWidth((high: .zero, low: u)) == (.one, .zero))
    }

    func testMulDiv() throws {
        XCTAssertEqual(try UInt256.mulDiv(.max, .max, .max), .max)
        // 2²⁵⁵ · 4 = 2²⁵⁷ overflows 256 bits, but the quotient 2²⁵⁴ fits.
        XCTAssertEqual(try UInt256.mulDiv(twoTo255, UInt256(4), UInt256(8)), twoTo255 >> 1)
        XCTAssertEqual(try UInt256.mulDiv(UInt256(10), UInt256(10), UInt256(3)), UInt256(33))
        XCTAssertEqual(try UInt256.mulDiv(UInt256(10), UInt256(10), UInt256(3), rounding: .up), UInt256(34))
        XCTAssertEqual(try UInt256.mulDiv(UInt256(10), UInt256(9), UInt256(3), rounding: .up), UInt256(30))
        XCTAssertEqual(try UInt256.mulDiv(.zero, .max, UInt256(7), rounding: .up), .zero)
        // preciseMul(1.5e18, 3e18) = 4.5e18 with PRECISE_UNIT 1e18.
        let unit = UInt256.power(of10: 18)!
        XCTAssertEqual(try UInt256.mulDiv(try UInt256("1.5e18"), try UInt256("3e18"), unit), try UInt256("4.5e18"))
        XCTAssertThrowsError(try UInt256.mulDiv(.one, .one, .zero)) { XCTAssertEqual($0 as? ArithmeticError, .divisionByZero) }
        XCTAssertThrowsError(try UInt256.mulDiv(.max, UInt256(2), .one)) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        // a·b = 2²⁵⁷ − 1 (a factorization of the Mersenne number): floor(a·b / 2) = 2²⁵⁶ − 1 fits, the ceiling does not.
        let a = try UInt256("618298780995040089266257453058982480847")
        let b = try UInt256("374550598501810936581776630096313181393")
        XCTAssertEqual(try UInt256.mulDiv(a, b, UInt256(2)), .max)
        XCTAssertThrowsError(try UInt256.mulDiv(a, b, UInt256(2), rounding: .up)) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertEqual(ArithmeticError.divisionByZero.description, "division by zero")
    }

    func testShiftsAndBits() {
        XCTAssertEqual(UInt256.one << 255, twoTo255)
        XCTAssertEqual(UInt256.one << 256, .zero)
        XCTAssertEqual(UInt256.max << 1000, .zero)
        XCTAssertEqual(UInt256.max >> 256, .zero)
        XCTAssertEqual(UInt256.max >> 255, .one)
        XCTAssertEqual(twoTo255 >> -1, .zero)
        XCTAssertEqual(UInt256.one >> -64, UInt256(w0: 0, w1: 1, w2: 0, w3: 0))
        XCTAssertEqual(UInt256.max << Int.min, .zero)
        XCTAssertEqual(UInt256(w0: 1 << 63, w1: 0, w2: 0, w3: 0) << 1, UInt256(w0: 0, w1: 1, w2: 0, w3: 0))
        XCTAssertEqual(UInt256.zero.leadingZeroBitCount, 256)
        XCTAssertEqual(UInt256.zero.trailingZeroBitCount, 256)
        XCTAssertEqual(twoTo255.leadingZeroBitCount, 0)
        XCTAssertEqual(twoTo255.trailingZeroBitCount, 255)
        XCTAssertEqual(twoTo128.trailingZeroBitCount, 128)
        XCTAssertEqual(UInt256.max.nonzeroBitCount, 256)
        XCTAssertEqual(~UInt256.zero, .max)
        XCTAssertEqual(UInt256(0b1100) & UInt256(0b1010), UInt256(0b1000))
        XCTAssertEqual(UInt256(0b1100) | UInt256(0b1010), UInt256(0b1110))
        XCTAssertEqual(UInt256(0b1100) ^ UInt256(0b1010), UInt256(0b0110))
        XCTAssertEqual(UInt256.power(of10: 0), .one)
        XCTAssertEqual(UInt256.power(of10: 19), UInt256(w0: 0x8AC7_2304_89E8_0000, w1: 0, w2: 0, w3: 0))
        XCTAssertEqual(UInt256.power(of10: 77)?.description, "1" + String(repeating: "0", count: 77))
        XCTAssertNil(UInt256.power(of10: 78))
        XCTAssertNil(UInt256.power(of10: -1))
    }

    func testSignedArithmetic() throws {
        XCTAssertEqual(Int256(-7) / Int256(2), Int256(-3))
        XCTAssertEqual(Int256(-7) % Int256(2), Int256(-1))
        XCTAssertEqual(Int256(7) / Int256(-2), Int256(-3))
        XCTAssertEqual(Int256(7) % Int256(-2), Int256(1))
        XCTAssertEqual(Int256(-7) >> 1, Int256(-4))
        XCTAssertEqual(Int256(-8) >> 1, Int256(-4))
        XCTAssertEqual(Int256(7) >> 1, Int256(3))
        XCTAssertEqual(Int256(-1) >> 300, Int256(-1))
        XCTAssertEqual(Int256.min >> 255, Int256(-1))
        XCTAssertEqual(Int256.max >> 254, Int256(1))
        XCTAssertEqual(Int256(-1) << 255, .min)
        XCTAssertEqual(Int256(1) << 256, .zero)
        XCTAssertEqual(Int256.min % Int256(-1), .zero)
        XCTAssertTrue(Int256.min.dividedReportingOverflow(by: Int256(-1)) == (.min, true))
        XCTAssertThrowsError(try Int256.min.divided(by: Int256(-1))) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertThrowsError(try Int256(1).divided(by: .zero)) { XCTAssertEqual($0 as? ArithmeticError, .divisionByZero) }
        XCTAssertThrowsError(try Int256.min.multiplied(by: Int256(-1))) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertThrowsError(try Int256.max.adding(Int256(1))) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertThrowsError(try Int256.min.subtracting(Int256(1))) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertThrowsError(try Int256.min.negated()) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertEqual(try Int256.max.negated(), Int256.min &+ Int256(1))
        XCTAssertEqual(Int256.max &+ Int256(1), .min)
        XCTAssertEqual(Int256.min &- Int256(1), .max)
        XCTAssertEqual(Int256.min &* Int256(-1), .min)
        // −2²⁵⁴ · 2 = −2²⁵⁵ fits exactly; 2²⁵⁴ · 2 does not.
        let twoTo254 = Int256(1) << 254
        XCTAssertEqual(try (-twoTo254).multiplied(by: Int256(2)), .min)
        XCTAssertThrowsError(try twoTo254.multiplied(by: Int256(2)))
        XCTAssertEqual(-Int256(5), Int256(-5))
        XCTAssertEqual(Int256.min.magnitude, twoTo255)
        XCTAssertEqual(Int256(-1).magnitude, .one)
        var value = Int256(-10)
        value += Int256(3); value *= Int256(-2); value /= Int256(4); value -= Int256(1)
        XCTAssertEqual(value, Int256(2))
        XCTAssertTrue(Int256.min < Int256(-1) && Int256(-1) < .zero && Int256.zero < .max)
    }

    func testConversions() throws {
        XCTAssertEqual(UInt256(exactly: 5), UInt256(5))
        XCTAssertNil(UInt256(exactly: -1))
        XCTAssertEqual(UInt256(exactly: UInt64.max), UInt256(UInt64.max))
        XCTAssertEqual(UInt256(exactly: Int8(127)), UInt256(127))
        XCTAssertEqual(UInt256(exactly: Int256.max), Int256.max.bitPattern)
        XCTAssertNil(UInt256(exactly: Int256(-1)))
        XCTAssertEqual(Int256(exactly: Int.min), Int256(Int64.min))
        XCTAssertEqual(Int256(exactly: Int8(-128)), Int256(-128))
        XCTAssertEqual(Int256(exactly: UInt64.max)?.description, "18446744073709551615")
        XCTAssertEqual(UInt256(w0: 0, w1: 1, w2: 0, w3: 0).uint64, nil)
        XCTAssertEqual(UInt256(UInt64.max).uint64, UInt64.max)
        XCTAssertNil(UInt256(UInt64.max).int)
        XCTAssertEqual(UInt256(UInt64(Int.max)).int, Int.max)
        XCTAssertEqual(Int256(-5).int, -5)
        XCTAssertEqual(Int256(Int64.min).int64, Int64.min)
        XCTAssertNil((Int256(Int64.min) &- Int256(1)).int64)
        XCTAssertNil((Int256(Int64.max) &+ Int256(1)).int)
        XCTAssertNil(Int256(-1).uint64)
        XCTAssertEqual(try Int256(Int256.max.bitPattern), .max)
        XCTAssertThrowsError(try Int256(twoTo255)) { XCTAssertEqual($0 as? ArithmeticError, .overflow) }
        XCTAssertEqual(Int256(truncatingIfNeeded: UInt256.max), Int256(-1))
        // Double: nearest, ties to even.
        XCTAssertEqual(Double(UInt256(1) << 53 | .one), 9_007_199_254_740_992)  // 2⁵³ + 1 → 2⁵³ (tie, even)
        XCTAssertEqual(Double(UInt256(3) << 52 | .one), 13_510_798_882_111_488)  // exact below 2⁵⁴
        XCTAssertEqual(Double(UInt256.max), 0x1p256)
        XCTAssertEqual(Double(twoTo255), 0x1p255)
        XCTAssertEqual(Double((UInt256.one << 200) | (UInt256.one << 147)), 0x1p200)  // tie → even
        XCTAssertEqual(Double((UInt256.one << 200) | (UInt256.one << 147) | .one), 0x1p200 + 0x1p148)  // above tie
        XCTAssertEqual(Double(Int256.min), -0x1p255)
        XCTAssertEqual(Double(Int256(-3)), -3)
    }

    func testBigEndianBytes() {
        XCTAssertEqual(UInt256(bigEndianBytes: [UInt8]()), .zero)
        XCTAssertEqual(UInt256(bigEndianBytes: [0x01, 0x02]), UInt256(0x0102))
        XCTAssertEqual(UInt256(bigEndianBytes: [0x01] + [UInt8](repeating: 0, count: 8)), UInt256(w0: 0, w1: 1, w2: 0, w3: 0))
        XCTAssertEqual(UInt256(bigEndianBytes: [UInt8](repeating: 0xFF, count: 32)), .max)
        XCTAssertEqual(UInt256(bigEndianBytes: [0x80] + [UInt8](repeating: 0, count: 31)), twoTo255)
        XCTAssertNil(UInt256(bigEndianBytes: [UInt8](repeating: 0, count: 33)))
        XCTAssertEqual(UInt256(0x0102).minimalBigEndianBytes, [0x01, 0x02])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let value = UInt256(w0: generator.next(), w1: generator.next(), w2: generator.next(), w3: generator.next())
                >> Int.random(in: 0...256, using: &generator)
            XCTAssertEqual(UInt256(bigEndianBytes: value.bigEndianBytes), value)
            XCTAssertEqual(UInt256(bigEndianBytes: value.minimalBigEndianBytes), value)
            XCTAssertEqual(UInt256(bigEndianBytes: value.minimalBigEndianBytes[...]), value)  // a slice
            XCTAssertEqual(value.minimalBigEndianBytes.count, (value.bitLength + 7) / 8)
        }
    }

    func testCodableAsDecimalStrings() throws {
        let values = [UInt256.zero, .max, try UInt256("1.5e18")]
        let encoded = try JSONEncoder().encode(values)
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self),
                       "[\"0\",\"115792089237316195423570985008687907853269984665640564039457584007913129639935\",\"1500000000000000000\"]")
        XCTAssertEqual(try JSONDecoder().decode([UInt256].self, from: encoded), values)
        XCTAssertEqual(try JSONDecoder().decode([UInt256].self, from: Data("[\"0xff\",\"2 gwei\"]".utf8)),
                       [UInt256(255), UInt256(2_000_000_000)])
        let signed = [Int256.min, Int256(-1), .max]
        let signedJSON = try JSONEncoder().encode(signed)
        XCTAssertEqual(String(decoding: signedJSON, as: UTF8.self),
                       "[\"-57896044618658097711785492504343953926634992332820282019728792003956564819968\",\"-1\","
                       + "\"57896044618658097711785492504343953926634992332820282019728792003956564819967\"]")
        XCTAssertEqual(try JSONDecoder().decode([Int256].self, from: signedJSON), signed)
        XCTAssertEqual(try JSONDecoder().decode([Int256].self, from: Data("[\"-0x10\"]".utf8)), [Int256(-16)])

        XCTAssertThrowsError(try JSONDecoder().decode([UInt256].self, from: Data("[1000]".utf8))) { error in
            guard case let DecodingError.dataCorrupted(context) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(context.debugDescription.contains("must be a quoted string"), context.debugDescription)
        }
        XCTAssertThrowsError(try JSONDecoder().decode([Int256].self, from: Data("[-1]".utf8))) { error in
            guard case let DecodingError.dataCorrupted(context) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(context.debugDescription.contains("int256 must be a quoted string"), context.debugDescription)
        }
        XCTAssertThrowsError(try JSONDecoder().decode([UInt256].self, from: Data("[\"-1\"]".utf8))) { error in
            guard case let DecodingError.dataCorrupted(context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.debugDescription, NumericParseError.negativeUnsigned(text: "-1").description)
        }
        XCTAssertThrowsError(try JSONDecoder().decode([UInt256].self, from: Data("[true]".utf8))) { error in
            guard case DecodingError.typeMismatch = error else { return XCTFail("\(error)") }
        }
    }
}

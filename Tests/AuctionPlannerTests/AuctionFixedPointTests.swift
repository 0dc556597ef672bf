import XCTest
import ChainModel
import TestSupport
@testable import AuctionPlanner

final class AuctionFixedPointTests: XCTestCase {
    // auction-module §3.6 reference values.
    func testExpWadReferenceValues() throws {
        let vectors: [(String, String)] = [
            ("0", "1000000000000000000"),
            ("1", "1000000000000000001"),
            ("100000000000000000", "1105170918075647624"),
            ("500000000000000000", "1648721270700128146"),
            ("1000000000000000000", "2718281828459045235"),
            ("2000000000000000000", "7389056098930650227"),
            ("10000000000000000000", "22026465794806716516980"),
            ("100000000000000000000", "26881171418161354484134666106240937146178367581647816351662017"),
        ]
        for (x, expected) in vectors {
            XCTAssertEqual(Word256.decimal(try FixedPointMathLib.expWad(signedWei(x))), expected, "expWad(\(x))")
        }
        XCTAssertEqual(try FixedPointMathLib.expWad(signedWei("-42139678854452767551")), .zero)
        XCTAssertThrowsError(try FixedPointMathLib.expWad(signedWei("135305999368893231589"))) {
            XCTAssertEqual($0 as? FixedPointMathError, .expOverflow)
        }
    }

    func testLnWadReferenceValues() throws {
        let vectors: [(String, String)] = [
            ("1000000000000000000", "0"),
            ("1000000000000000001", "1"),
            ("2000000000000000000", "693147180559945309"),
            ("2718281828459045235", "999999999999999999"),
            ("10000000000000000000", "2302585092994045683"),
        ]
        for (x, expected) in vectors {
            XCTAssertEqual(Word256.decimal(try FixedPointMathLib.lnWad(signedWei(x))), expected, "lnWad(\(x))")
        }
        for bad in ["0", "-1"] {
            XCTAssertThrowsError(try FixedPointMathLib.lnWad(signedWei(bad))) {
                XCTAssertEqual($0 as? FixedPointMathError, .lnWadUndefined)
            }
        }
    }

    func testMulWad() throws {
        XCTAssertEqual(try FixedPointMathLib.mulWad(sci(3, 18), sci(5, 17)), sci(15, 17))
        XCTAssertEqual(try FixedPointMathLib.mulWad(.max, .zero), .zero)
        XCTAssertEqual(try FixedPointMathLib.mulWad(.max, .one), Word256.divMod(.max, sci(1, 18)).quotient)
        XCTAssertThrowsError(try FixedPointMathLib.mulWad(.max, 2)) {
            XCTAssertEqual($0 as? FixedPointMathError, .mulWadFailed)
        }
    }

    // auction-module §2.5 definitions, including the rounding of each.
    func testPreciseUnitMath() throws {
        XCTAssertEqual(try PreciseUnitMath.preciseMul(sci(15, 17), wei("1157340294608501383")), wei("1736010441912752074"))
        XCTAssertEqual(try PreciseUnitMath.preciseMulCeil(sci(15, 17), wei("1157340294608501383")), wei("1736010441912752075"))
        XCTAssertEqual(try PreciseUnitMath.preciseMulCeil(.zero, 5), .zero)
        XCTAssertEqual(try PreciseUnitMath.preciseMulCeil(sci(2, 18), sci(3, 18)), sci(6, 18))
        XCTAssertEqual(try PreciseUnitMath.preciseDiv(sci(1, 7), wei("995000000000000000")), 10_050_251)
        XCTAssertThrowsError(try PreciseUnitMath.preciseDiv(1, .zero)) { XCTAssertEqual($0 as? SafeMathError, .divisionByZero) }
        XCTAssertThrowsError(try PreciseUnitMath.preciseMul(.max, 2)) { XCTAssertEqual($0 as? SafeMathError, .multiplicationOverflow) }
        XCTAssertTrue(try PreciseUnitMath.approximatelyEquals(5, 6, 1))
        XCTAssertFalse(try PreciseUnitMath.approximatelyEquals(4, 6, 1))
        XCTAssertFalse(try PreciseUnitMath.approximatelyEquals(8, 6, 1))
        XCTAssertTrue(try PreciseUnitMath.approximatelyEquals(2, 1, 1))
        // §2.9(1): b − r underflows when b < r, and only when the first bound holds.
        for a: UInt256 in [0, 1] {
            XCTAssertThrowsError(try PreciseUnitMath.approximatelyEquals(a, 0, 1)) {
                XCTAssertEqual($0 as? SafeMathError, .subtractionOverflow)
                XCTAssertEqual(String(describing: $0), "SafeMath: subtraction overflow")
            }
        }
        XCTAssertFalse(try PreciseUnitMath.approximatelyEquals(2, 0, 1))
    }

    func testDecimalRoundTrip() {
        for text in ["0", "1", "18446744073709551615", "18446744073709551616",
                     "115792089237316195423570985008687907853269984665640564039457584007913129639935"] {
            XCTAssertEqual(Word256.decimal(wei(text)), text)
        }
        XCTAssertEqual(Word256.parse("115792089237316195423570985008687907853269984665640564039457584007913129639935"), .max)
        XCTAssertNil(Word256.parse("115792089237316195423570985008687907853269984665640564039457584007913129639936"))
        XCTAssertNil(Word256.parse(""))
        XCTAssertNil(Word256.parse("12a"))
        XCTAssertNil(Word256.parse("-1"))
        XCTAssertEqual(Word256.decimal(signedWei("-57896044618658097711785492504343953926634992332820282019728792003956564819968")),
                       "-57896044618658097711785492504343953926634992332820282019728792003956564819968")
        XCTAssertNil(Word256.parseSigned("57896044618658097711785492504343953926634992332820282019728792003956564819968"))
    }

    /// Random words of mixed widths (so every limb count and sign is exercised).
    private func randomWord(_ g: inout SystemRandomNumberGenerator) -> UInt256 {
        let limbs = Int.random(in: 0...4, using: &g)
        var w = [UInt64](repeating: 0, count: 4)
        for i in 0..<limbs { w[i] = UInt64.random(in: 0...UInt64.max, using: &g) }
        if limbs > 0, Bool.random(using: &g) { w[limbs - 1] >>= UInt64.random(in: 0...63, using: &g) }
        if Int.random(in: 0..<8, using: &g) == 0 { w = w.map { _ in .max } }
        return UInt256(w0: w[0], w1: w[1], w2: w[2], w3: w[3])
    }

    // Differential: word arithmetic, sdiv/sar and the solady ports against Python big integers.
    func testDifferentialAgainstPythonBigIntegers() throws {
        var g = SystemRandomNumberGenerator()
        var lines: [String] = []
        var expected: [String] = []
        for _ in 0..<400 {
            let a = randomWord(&g), b = randomWord(&g)
            lines.append("add \(Word256.decimal(a)) \(Word256.decimal(b))"); expected.append(Word256.decimal(Word256.add(a, b).value))
            lines.append("sub \(Word256.decimal(a)) \(Word256.decimal(b))"); expected.append(Word256.decimal(Word256.sub(a, b).value))
            let (lo, overflow) = Word256.mul(a, b)
            lines.append("mul \(Word256.decimal(a)) \(Word256.decimal(b))"); expected.append(Word256.decimal(lo))
            lines.append("mulhi \(Word256.decimal(a)) \(Word256.decimal(b))"); expected.append(overflow ? "nonzero" : "0")
            if !b.isZero {
                let (q, r) = Word256.divMod(a, b)
                lines.append("div \(Word256.decimal(a)) \(Word256.decimal(b))"); expected.append(Word256.decimal(q))
                lines.append("mod \(Word256.decimal(a)) \(Word256.decimal(b))"); expected.append(Word256.decimal(r))
            }
            let sa = Int256(bitPattern: a), sb = Int256(bitPattern: b)
            lines.append("sdiv \(Word256.decimal(sa)) \(Word256.decimal(sb))"); expected.append(Word256.decimal(Word256.sdiv(sa, sb)))
            let shift = Int.random(in: 0...255, using: &g)
            lines.append("sar \(Word256.decimal(sa)) \(shift)"); expected.append(Word256.decimal(Word256.sar(sa, shift)))
            // expWad over the adapters' domain [0, 100e18] and a little beyond on both sides.
            let x = Word256.divMod(a, sci(135, 18)).remainder
            let sx = Bool.random(using: &g) ? Int256(bitPattern: x) : Int256(bitPattern: Word256.negate(Word256.divMod(x, 2).quotient))
            lines.append("exp \(Word256.decimal(sx)) 0"); expected.append(Word256.decimal(try FixedPointMathLib.expWad(sx)))
            // lnWad over [1, 2^254 + 1e18].
            let l = Word256.add(Word256.shr(a, 2), .one).value
            lines.append("ln \(Word256.decimal(l)) 0"); expected.append(Word256.decimal(try FixedPointMathLib.lnWad(Int256(bitPattern: l))))
        }
        let output = try TestSupport.runPython(script: "auction_math_peer.py", [],
                                               input: Data((lines.joined(separator: "\n") + "\n").utf8))
        let results = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(results.count, lines.count)
        for (i, (line, want)) in zip(lines, expected).enumerated() where i < results.count {
            let got = results[i]
            if want == "nonzero" { XCTAssertNotEqual(got, "0", line); continue }
            XCTAssertEqual(got, want, line)
        }
    }
}

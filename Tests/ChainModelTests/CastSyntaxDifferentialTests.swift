import Foundation
import XCTest
import TestSupport
@testable import ChainModel

/// Random cast-syntax texts for random types go through our parser and encoder; eth-abi (the
/// pinned Python peer, `Tests/python/abi_encode_peer.py`) encodes the values the texts were written
/// from. The encodings must be byte-identical.
final class CastSyntaxDifferentialTests: XCTestCase {
    func testRandomTextsEncodeLikeEthAbi() throws {
        var writer = RandomCastWriter(seed: 0xCA57_AB1E)
        var cases: [[String: Any]] = []
        var ours: [String] = []
        var texts: [[String]] = []
        for _ in 0..<400 {
            let count = 1 + writer.below(4)
            let types = (0..<count).map { _ in writer.type(depth: 0) }
            var caseTexts: [String] = []
            var json: [Any] = []
            for type in types {
                let (text, value) = writer.value(type, inList: false)
                caseTexts.append(text)
                json.append(value)
            }
            texts.append(caseTexts)
            cases.append(["types": types.map(\.canonicalName), "values": json])
            var values: [ABIValue] = []
            for (text, type) in zip(caseTexts, types) {
                do {
                    values.append(try CastSyntax.parse(text, as: type))
                } catch {
                    XCTFail("\(text) as \(type): \(error)")
                    values.append(.bool(false))
                }
            }
            do {
                ours.append(Hex.encode(try ABIEncoder.encode(values, types: types)))
            } catch {
                ours.append("encoding failed: \(error)")
            }
        }
        var input = Data()
        for item in cases {
            input.append(try JSONSerialization.data(withJSONObject: item))
            input.append(0x0a)
        }
        let peer = String(decoding: try TestSupport.runPython(script: "abi_encode_peer.py", [], input: input), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(peer.count, ours.count)
        var mismatches = 0
        for (index, (mine, theirs)) in zip(ours, peer).enumerated() where mine != theirs {
            mismatches += 1
            if mismatches <= 5 {
                XCTFail("case \(index) \(cases[index]["types"]!) texts \(texts[index]):\nours   \(mine)\neth-abi \(theirs)")
            }
        }
        XCTAssertEqual(mismatches, 0)
    }
}

/// Writes random values of random types as cast-syntax text in varied styles (decimal, hex,
/// scientific, units; quoted and bare strings; checksummed, lowercase and unprefixed addresses;
/// random whitespace and trailing commas), together with the value in the peer's JSON form.
struct RandomCastWriter {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func type(depth: Int) -> ABIType {
        let choice = below(depth < 3 ? 13 : 9)
        switch choice {
        case 0, 1: return .uint(8 * (1 + below(32)))
        case 2: return .int(8 * (1 + below(32)))
        case 3: return .address
        case 4: return .bool
        case 5: return .fixedBytes(1 + below(32))
        case 6: return .bytes
        case 7: return .string
        case 8: return .uint(256)
        case 9, 10: return .array(type(depth: depth + 1))
        case 11: return .fixedArray(type(depth: depth + 1), 1 + below(3))
        default: return .tuple((0..<(1 + below(3))).map { _ in type(depth: depth + 1) })
        }
    }

    mutating func whitespace() -> String {
        switch below(6) {
        case 0: return " "
        case 1: return "  "
        case 2: return "\t"
        default: return ""
        }
    }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }

    /// A random magnitude below 2^bits, biased towards round numbers so scientific and unit forms occur.
    mutating func magnitude(bits: Int) -> UInt256 {
        if chance(40) {
            var value = UInt256(next() % 100_000)
            if CastInteger.scaleByPowerOfTen(&value, below(30)), value <= CastInteger.maxUnsigned(bits: bits) { return value }
        }
        var value = UInt256(w0: next(), w1: next(), w2: next(), w3: next())
        let keep = below(bits + 1)
        let mask = CastInteger.maxUnsigned(bits: keep)
        value = UInt256(w0: value.w0 & mask.w0, w1: value.w1 & mask.w1, w2: value.w2 & mask.w2, w3: value.w3 & mask.w3)
        return value
    }

    /// Cast text for a magnitude: decimal, hex, `k e n` scientific with a fraction, or units.
    mutating func numberText(_ value: UInt256) -> String {
        let digits = value.description
        var trailingZeros = 0
        for character in digits.reversed() where digits != "0" {
            if character != "0" { break }
            trailingZeros += 1
        }
        switch below(5) {
        case 0:
            let hex = Hex.encode(value.minimalBigEndianBytes, prefix: false)
            return "0x" + (hex.isEmpty ? "0" : hex)
        case 1 where trailingZeros > 0:
            // d.ddd e n: move some digits behind the point.
            let significant = String(digits.dropLast(trailingZeros))
            let split = 1 + below(significant.count)
            let integer = String(significant.prefix(split))
            let fraction = String(significant.dropFirst(split))
            let exponent = trailingZeros + fraction.count
            return integer + (fraction.isEmpty ? "" : "." + fraction) + (chance(50) ? "e" : "E") + String(exponent)
        case 2 where trailingZeros >= 18:
            return String(digits.dropLast(18)) + (chance(50) ? " ether" : "ether")
        case 3 where trailingZeros >= 9:
            return String(digits.dropLast(9)) + (chance(50) ? " gwei" : "gwei")
        default:
            return digits
        }
    }

    mutating func string(inList: Bool) -> (text: String, value: String) {
        let bare = Array("abcXYZ019 _-")
        let any = Array("abc XYZ 0,1)(][\"'ü€😀\t\\")
        if chance(40) {
            var value = String((0..<(1 + below(10))).map { _ in bare[below(bare.count)] })
            value = value.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return (value, value) }
        }
        let value = String((0..<below(12)).map { _ in any[below(any.count)] })
        if !value.contains("\"") { return ("\"" + value + "\"", value) }
        if !value.contains("'") { return ("'" + value + "'", value) }
        let cleaned = value.replacingOccurrences(of: "'", with: "")
        return ("'" + cleaned + "'", cleaned)
    }

    /// The cast text of a random value of `type`, and the value in the peer's JSON form.
    mutating func value(_ type: ABIType, inList: Bool) -> (text: String, json: Any) {
        switch type {
        case let .uint(bits):
            let value = magnitude(bits: bits)
            return (numberText(value), value.description)
        case let .int(bits):
            let negative = chance(50)
            var value = magnitude(bits: bits - 1)
            if negative && value.isZero && chance(30) {
                value = CastInteger.maxUnsigned(bits: bits - 1)
                _ = CastInteger.multiplyAdd(&value, 1, 1)  // −2^(bits−1)
            }
            let digits = value.description
            let sign = negative ? "-" : (chance(20) ? "+" : "")
            return (sign + numberText(value), (negative && !value.isZero ? "-" : "") + digits)
        case .address:
            let address = try! Address(bytes: bytes(20))
            let text: String
            switch below(4) {
            case 0: text = address.checksummed
            case 1: text = address.lowercased
            case 2: text = "0x" + address.lowercased.dropFirst(2).uppercased()
            default: text = String(address.lowercased.dropFirst(2))
            }
            return (text, address.lowercased)
        case .bool:
            let flag = chance(50)
            return (flag ? "true" : "false", flag)
        case let .fixedBytes(count):
            let value = bytes(count)
            let hex = Hex.encode(value)
            return (chance(80) ? hex : String(hex.dropFirst(2)), hex)
        case .bytes:
            let value = bytes(below(40))
            let hex = Hex.encode(value)
            return (value.isEmpty || chance(80) ? hex : String(hex.dropFirst(2)), hex)
        case .string:
            let (text, value) = string(inList: inList)
            return (text, value)
        case let .array(element):
            return list(element, count: below(4), open: "[", close: "]", trailingComma: true)
        case let .fixedArray(element, count):
            return list(element, count: count, open: "[", close: "]", trailingComma: true)
        case let .tuple(components):
            var texts: [String] = []
            var values: [Any] = []
            for component in components {
                let (text, value) = self.value(component, inList: true)
                texts.append(whitespace() + text + whitespace())
                values.append(value)
            }
            return ("(" + texts.joined(separator: ",") + ")", values)
        case .function, .fixed, .ufixed:
            preconditionFailure("not generated")
        }
    }

    private mutating func list(_ element: ABIType, count: Int, open: String, close: String,
                               trailingComma: Bool) -> (text: String, json: Any) {
        var texts: [String] = []
        var values: [Any] = []
        for _ in 0..<count {
            let (text, value) = self.value(element, inList: true)
            texts.append(whitespace() + text + whitespace())
            values.append(value)
        }
        let comma = trailingComma && count > 0 && chance(20) ? "," + whitespace() : ""
        return (open + texts.joined(separator: ",") + comma + close, values)
    }
}

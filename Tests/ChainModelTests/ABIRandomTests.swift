import XCTest
import TestSupport
@testable import ChainModel

// Seeded random ABI types and values shared by the differential and fuzz tests.
/// The seed: `$ABI_TEST_SEED` when set (to replay a failure), else a fresh random one.
func abiTestSeed() -> UInt64 {
    if let text = ProcessInfo.processInfo.environment["ABI_TEST_SEED"], let seed = UInt64(text) { return seed }
    return UInt64.random(in: 0...UInt64.max)
}

struct ABIRandom {
    var rng: SplitMix64

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) } }

    mutating func type(depth: Int = 0) -> ABIType {
        let roll = depth >= 3 ? 0 : int(0...99)
        switch roll {
        case 70..<80: return .array(type(depth: depth + 1))
        case 80..<88: return .fixedArray(type(depth: depth + 1), int(1...3))
        case 88...99: return .tuple((0..<int(1...4)).map { _ in type(depth: depth + 1) })
        default: break
        }
        switch int(0...9) {
        case 0: return .uint(8 * int(1...32))
        case 1: return .int(8 * int(1...32))
        case 2: return .address
        case 3: return .bool
        case 4: return .fixedBytes(int(1...32))
        case 5: return .bytes
        case 6: return .string
        case 7: return .function
        case 8: return chance(50) ? .fixed(bits: 8 * int(1...32), decimals: int(1...80))
                                  : .ufixed(bits: 8 * int(1...32), decimals: int(1...80))
        default: return chance(50) ? .uint(256) : .string
        }
    }

    /// A random value with the low `bits` bits random (edge values often), higher bits zero.
    mutating func unsigned(bits: Int) -> UInt256 {
        let kept: Int
        switch int(0...5) {
        case 0: kept = 0
        case 1: kept = bits  // often the maximum below
        default: kept = int(0...bits)
        }
        var value = UInt256(w0: rng.next(), w1: rng.next(), w2: rng.next(), w3: rng.next())
        if int(0...3) == 0 { value = .max }
        return value.keepingLow(kept)
    }

    mutating func value(_ type: ABIType) -> ABIValue {
        switch type {
        case let .uint(bits), let .ufixed(bits, _):
            return .uint(unsigned(bits: bits))
        case let .int(bits), let .fixed(bits, _):
            return .int(Int256(bitPattern: unsigned(bits: bits).signExtended(fromBits: bits)))
        case .address:
            return .address(try! Address(bytes: bytes(20)))
        case .bool:
            return .bool(chance(50))
        case let .fixedBytes(size):
            return .fixedBytes(bytes(size))
        case .function:
            return .fixedBytes(bytes(24))
        case .bytes:
            return .bytes(bytes([0, 1, 31, 32, 33, 64, int(0...100)][int(0...6)]))
        case .string:
            let alphabet: [String] = ["a", "Z", "0", " ", "é", "€", "😀", "\u{0}", "\"", "\\", "ß"]
            return .string((0..<[0, 1, 31, 32, 33, int(0...40)][int(0...5)]).map { _ in alphabet[int(0...alphabet.count - 1)] }.joined())
        case let .array(element):
            return .array((0..<int(0...3)).map { _ in value(element) })
        case let .fixedArray(element, count):
            return .array((0..<count).map { _ in value(element) })
        case let .tuple(types):
            return .tuple(types.map { value($0) })
        }
    }

    /// A corrupted copy of `data`: bit flip, truncation, offset or length rewrite, padding byte, or trailing bytes.
    mutating func mutate(_ data: [UInt8]) -> [UInt8] {
        var copy = data
        let words = data.count / 32
        switch int(0...5) {
        case 0 where !copy.isEmpty:
            let index = int(0...copy.count - 1)
            copy[index] ^= 1 << UInt8(int(0...7))
        case 1 where !copy.isEmpty:
            copy.removeLast(int(1...Swift.min(copy.count, 64)))
        case 2 where words > 0, 3 where words > 0:
            // Rewrite a word with an offset- or length-like value.
            let word = int(0...words - 1)
            let candidates: [UInt256] = [
                UInt256(UInt64(int(0...data.count + 64))), UInt256(UInt64(data.count)), UInt256(UInt64(Swift.max(0, data.count - 32))),
                UInt256(UInt64(int(0...8) * 32)), UInt256(w0: 0, w1: 1, w2: 0, w3: 0), UInt256(w0: 0, w1: 0, w2: 0, w3: 1 << 63), .max,
                UInt256(UInt64(int(1...3) * 32 + int(0...1) * 1)),
            ]
            let replacement = candidates[int(0...candidates.count - 1)]
            copy.withUnsafeMutableBytes { replacement.storeBigEndianWord(to: $0.baseAddress! + 32 * word) }
        case 4 where words > 0:
            // Dirty one byte of a word (high bytes of integers, low bytes of byte strings).
            let word = int(0...words - 1)
            copy[32 * word + (chance(50) ? int(0...11) : int(20...31))] = UInt8(int(1...255))
        default:
            copy += bytes(int(1...40))
        }
        return copy
    }
}

extension UInt256 {
    /// The value with bits at and above `bits` cleared.
    func keepingLow(_ bits: Int) -> UInt256 {
        func mask(_ limb: UInt64, _ index: Int) -> UInt64 {
            let low = index * 64
            if bits >= low + 64 { return limb }
            if bits <= low { return 0 }
            return limb & ((1 << UInt64(bits - low)) - 1)
        }
        return UInt256(w0: mask(w0, 0), w1: mask(w1, 1), w2: mask(w2, 2), w3: mask(w3, 3))
    }

    /// The low `bits` bits, sign-extended from bit `bits - 1` to 256 bits.
    func signExtended(fromBits bits: Int) -> UInt256 {
        let low = keepingLow(bits)
        let signBit = bits - 1
        let limbs = [low.w0, low.w1, low.w2, low.w3]
        guard bits < 256, (limbs[signBit / 64] >> UInt64(signBit % 64)) & 1 == 1 else { return low }
        let fill = UInt256.max.keepingLow(bits)
        return UInt256(w0: low.w0 | ~fill.w0, w1: low.w1 | ~fill.w1, w2: low.w2 | ~fill.w2, w3: low.w3 | ~fill.w3)
    }
}

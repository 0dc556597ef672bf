import Foundation
import XCTest
@testable import Secp

final class SecpTests: XCTestCase {
    private func bytes(_ hex: String) -> [UInt8] {
        var output: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            output.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return output
    }
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    private let order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"

    func testKeyValidation() throws {
        XCTAssertThrowsError(try PrivateKey(bytes: [UInt8](repeating: 0, count: 32))) { XCTAssertEqual($0 as? SecpError, .invalidPrivateKey) }
        XCTAssertThrowsError(try PrivateKey(bytes: bytes(order))) { XCTAssertEqual($0 as? SecpError, .invalidPrivateKey) }
        XCTAssertThrowsError(try PrivateKey(bytes: [UInt8](repeating: 0xff, count: 32))) { XCTAssertEqual($0 as? SecpError, .invalidPrivateKey) }
        XCTAssertThrowsError(try PrivateKey(bytes: [UInt8](repeating: 1, count: 31))) { XCTAssertEqual($0 as? SecpError, .invalidPrivateKey) }
        XCTAssertThrowsError(try PrivateKey(bytes: [UInt8](repeating: 1, count: 33))) { XCTAssertEqual($0 as? SecpError, .invalidPrivateKey) }
        XCTAssertNoThrow(try PrivateKey(bytes: bytes("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")))
        // Refused keys free their buffer exactly once (a double free here would crash the run).
        for _ in 0..<2000 {
            XCTAssertNil(try? PrivateKey(bytes: [UInt8](repeating: 0, count: 32)))
            _ = PrivateKey.generate()
        }
    }

    // Private key 1: the public key is the generator G.
    func testGeneratorPoint() throws {
        let key = try PrivateKey(bytes: [UInt8](repeating: 0, count: 31) + [1])
        XCTAssertEqual(hex(key.publicKey.compressed), "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
        XCTAssertEqual(hex(key.publicKey.uncompressed),
                       "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                       + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8")
        XCTAssertEqual(try PublicKey(serialized: key.publicKey.compressed), key.publicKey)
        XCTAssertEqual(try PublicKey(serialized: key.publicKey.uncompressed), key.publicKey)
        XCTAssertThrowsError(try PublicKey(serialized: [0x02] + [UInt8](repeating: 0xff, count: 32))) {
            XCTAssertEqual($0 as? SecpError, .invalidPublicKey(byteCount: 33))
        }
        XCTAssertThrowsError(try PublicKey(serialized: [UInt8](repeating: 4, count: 64))) {
            XCTAssertEqual($0 as? SecpError, .invalidPublicKey(byteCount: 64))
        }
    }

    // The widely published RFC 6979 secp256k1 vector: key 1, SHA-256("Satoshi Nakamoto"), low s.
    func testRFC6979Vector() throws {
        let key = try PrivateKey(bytes: [UInt8](repeating: 0, count: 31) + [1])
        let digest = bytes("a0dc65ffca799873cbea0ac274015b9526505daaaed385155425f7337704883e")
        let signature = digest.withUnsafeBytes { key.signRecoverable(digest: $0.baseAddress!) }
        XCTAssertEqual(hex(signature.compact),
                       "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"
                       + "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5")
        XCTAssertEqual(signature.recoveryID, 1)
        XCTAssertTrue(signature.hasLowS)
        let recovered = try digest.withUnsafeBytes { raw throws(SecpError) in try signature.recoverPublicKey(digest: raw.baseAddress!) }
        XCTAssertEqual(recovered, key.publicKey)
        XCTAssertTrue(digest.withUnsafeBytes { key.publicKey.isValidSignature(signature, digest: $0.baseAddress!) })
        let other = [UInt8](repeating: 7, count: 32)
        XCTAssertFalse(other.withUnsafeBytes { key.publicKey.isValidSignature(signature, digest: $0.baseAddress!) })
        // The same signature with the other recovery id recovers a different key.
        let flipped = try signature.compact.withUnsafeBytes { raw throws(SecpError) in try RecoverableSignature(compact: raw.baseAddress!, recoveryID: 0) }
        let wrong = try digest.withUnsafeBytes { raw throws(SecpError) in try flipped.recoverPublicKey(digest: raw.baseAddress!) }
        XCTAssertNotEqual(wrong, key.publicKey)
    }

    func testSignatureParsing() throws {
        let valid = [UInt8](repeating: 0, count: 31) + [1] + [UInt8](repeating: 0, count: 31) + [1]
        XCTAssertThrowsError(try valid.withUnsafeBytes { raw throws(SecpError) in try RecoverableSignature(compact: raw.baseAddress!, recoveryID: 2) }) {
            XCTAssertEqual($0 as? SecpError, .invalidRecoveryID(2))
        }
        let one = Array(valid.prefix(32)), zero = [UInt8](repeating: 0, count: 32)
        let candidates: [[UInt8]] = [bytes(order) + one, one + bytes(order), zero + one, one + zero]
        for bad in candidates {
            XCTAssertThrowsError(try bad.withUnsafeBytes { raw throws(SecpError) in try RecoverableSignature(compact: raw.baseAddress!, recoveryID: 0) }) {
                XCTAssertEqual($0 as? SecpError, .invalidSignature)
            }
        }
        // s = n − 1 is valid ECDSA but high: Ethereum refuses it.
        let high = try (one + bytes("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")).withUnsafeBytes { raw throws(SecpError) in
            try RecoverableSignature(compact: raw.baseAddress!, recoveryID: 0)
        }
        XCTAssertFalse(high.hasLowS)
        let half = try (one + bytes("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")).withUnsafeBytes { raw throws(SecpError) in
            try RecoverableSignature(compact: raw.baseAddress!, recoveryID: 0)
        }
        XCTAssertTrue(half.hasLowS)
        let aboveHalf = try (one + bytes("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a1")).withUnsafeBytes { raw throws(SecpError) in
            try RecoverableSignature(compact: raw.baseAddress!, recoveryID: 0)
        }
        XCTAssertFalse(aboveHalf.hasLowS)
    }

    func testRandomKeysSignAndRecover() throws {
        var generator = SystemRandomNumberGenerator()
        var seen = Set<PublicKey>()
        for _ in 0..<50 {
            let key = PrivateKey.generate()
            seen.insert(key.publicKey)
            let digest = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let signature = digest.withUnsafeBytes { key.signRecoverable(digest: $0.baseAddress!) }
            let again = digest.withUnsafeBytes { key.signRecoverable(digest: $0.baseAddress!) }
            XCTAssertEqual(signature, again, "RFC 6979 signing is deterministic")
            XCTAssertTrue(signature.hasLowS)
            let recovered = try digest.withUnsafeBytes { raw throws(SecpError) in try signature.recoverPublicKey(digest: raw.baseAddress!) }
            XCTAssertEqual(recovered, key.publicKey)
            let reparsed = try signature.compact.withUnsafeBytes { raw throws(SecpError) in
                try RecoverableSignature(compact: raw.baseAddress!, recoveryID: Int(signature.recoveryID))
            }
            XCTAssertEqual(reparsed, signature)
        }
        XCTAssertEqual(seen.count, 50)
    }

    /// The shared context is used from many threads at once: every thread gets the same
    /// deterministic signatures and recovers the right key.
    func testConcurrentSigningAndRecovery() throws {
        let keys = (0..<8).map { _ in PrivateKey.generate() }
        let digests: [[UInt8]] = (0..<8).map { index in (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) } }
        let expected = zip(keys, digests).map { key, digest in digest.withUnsafeBytes { key.signRecoverable(digest: $0.baseAddress!) } }
        let failures = UnsafeMutablePointer<Int>.allocate(capacity: 8)
        failures.initialize(repeating: 0, count: 8)
        defer { failures.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            for _ in 0..<50 {
                let signature = digests[index].withUnsafeBytes { keys[index].signRecoverable(digest: $0.baseAddress!) }
                let recovered = digests[index].withUnsafeBytes { try? signature.recoverPublicKey(digest: $0.baseAddress!) }
                if signature != expected[index] || recovered != keys[index].publicKey { failures[index] += 1 }
            }
        }
        XCTAssertEqual((0..<8).map { failures[$0] }, [Int](repeating: 0, count: 8))
    }

    func testKeyNeverPrinted() throws {
        let secret = bytes("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
        let key = try PrivateKey(bytes: secret)
        var dumped = ""
        dump(key, to: &dumped)
        for text in [key.description, key.debugDescription, String(describing: key), String(reflecting: key), "\(key)", dumped] {
            XCTAssertFalse(text.contains("4c0883"), text)
            XCTAssertFalse(text.lowercased().contains("3f362318"), text)
        }
        XCTAssertEqual(key.description, "PrivateKey(redacted)")
        XCTAssertEqual(key.withUnsafeBytes { Array($0) }, secret)
    }

    func testSecureZero() {
        var buffer: [UInt8] = [1, 2, 3, 4]
        secureZero(&buffer)
        XCTAssertEqual(buffer, [0, 0, 0, 0])
    }
}

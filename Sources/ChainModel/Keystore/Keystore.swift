import Crypto
import CryptoExtras
import Foundation
import Secp

/// A Web3 Secret Storage (version 3) keystore: a private key encrypted with AES-128-CTR under a
/// key derived from a password by scrypt or PBKDF2-HMAC-SHA256, authenticated by
/// `keccak256(derivedKey[16..<32] ‖ ciphertext)`.
public struct Keystore: Equatable, Sendable {
    /// The password-based key derivation and its cost parameters.
    public enum KDF: Equatable, Sendable {
        /// scrypt with cost `n` (a power of two), block size `r` and parallelism `p`.
        case scrypt(n: Int, r: Int, p: Int)
        /// PBKDF2 with HMAC-SHA256 and `iterations` rounds.
        case pbkdf2(iterations: Int)

        /// The defaults of geth and eth-account: scrypt n = 2¹⁸, r = 8, p = 1.
        public static let standard = KDF.scrypt(n: 262_144, r: 8, p: 1)
    }

    /// The address stored in the file (optional in the format; checked against the key on decryption).
    public var address: Address?
    /// The file's UUID.
    public var id: String
    /// The key derivation.
    public var kdf: KDF
    /// The KDF salt.
    public var salt: [UInt8]
    /// The AES-128-CTR initial counter (16 bytes).
    public var iv: [UInt8]
    /// The encrypted 32-byte private key.
    public var ciphertext: [UInt8]
    /// The MAC: keccak256(derivedKey[16..<32] ‖ ciphertext).
    public var mac: Bytes32

    /// The largest scrypt memory (128·n·r bytes) and other bounds accepted when decrypting, so a
    /// hostile file cannot make us allocate or compute without limit.
    public static let maxScryptMemory = 1 << 30
    /// The largest PBKDF2 iteration count accepted.
    public static let maxPBKDF2Iterations = 10_000_000

    // MARK: - Decryption

    /// Decrypts the private key with `password` (UTF-8 bytes; zero them afterwards).
    /// - Returns: the key, after checking the MAC and, when present, the stored address.
    /// - Throws: ``KeystoreError/wrongPassword`` on a MAC mismatch, ``KeystoreError/invalidField(field:reason:)``
    ///   for out-of-bounds parameters, ``KeystoreError/addressMismatch(stored:actual:)`` when the address differs.
    public func decrypt(password: [UInt8]) throws(KeystoreError) -> PrivateKey {
        try Self.validate(kdf: kdf, saltCount: salt.count)
        var derived = try Self.deriveKey(password: password, salt: salt, kdf: kdf)
        defer { secureZero(&derived) }
        var hasher = Keccak256()
        hasher.update(derived[16..<32])
        hasher.update(ciphertext)
        let computed = hasher.finalize()
        guard Self.constantTimeEqual(computed, mac) else { throw .wrongPassword }
        var plaintext = try Self.aesCTR(derived, iv: iv, ciphertext)
        defer { secureZero(&plaintext) }
        let key: PrivateKey
        do { key = try PrivateKey(bytes: plaintext) } catch { throw .invalidKey }
        if let address {
            let actual = key.address
            guard actual == address else { throw .addressMismatch(stored: address, actual: actual) }
        }
        return key
    }

    // MARK: - Encryption

    /// Encrypts `key` under `password` with a fresh random salt, IV and UUID.
    /// - Returns: the keystore, ready for ``jsonData()``.
    /// - Throws: ``KeystoreError/invalidField(field:reason:)`` for KDF parameters outside the accepted bounds.
    public static func encrypt(_ key: PrivateKey, password: [UInt8], kdf: KDF = .standard) throws(KeystoreError) -> Keystore {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let iv = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try validate(kdf: kdf, saltCount: salt.count)
        var derived = try deriveKey(password: password, salt: salt, kdf: kdf)
        defer { secureZero(&derived) }
        var plaintext = key.withUnsafeBytes { Array($0) }
        defer { secureZero(&plaintext) }
        let ciphertext = try aesCTR(derived, iv: iv, plaintext)
        var hasher = Keccak256()
        hasher.update(derived[16..<32])
        hasher.update(ciphertext)
        return Keystore(address: key.address, id: UUID().uuidString.lowercased(), kdf: kdf, salt: salt, iv: iv,
                        ciphertext: ciphertext, mac: hasher.finalize())
    }

    // MARK: - Primitives

    static func validate(kdf: KDF, saltCount: Int) throws(KeystoreError) {
        guard (1...1024).contains(saltCount) else {
            throw .invalidField(field: "crypto.kdfparams.salt", reason: "\(saltCount) bytes, expected 1 to 1024")
        }
        switch kdf {
        case let .scrypt(n, r, p):
            guard n > 1, n & (n - 1) == 0 else { throw .invalidField(field: "crypto.kdfparams.n", reason: "\(n) is not a power of two above 1") }
            guard (1...32).contains(r) else { throw .invalidField(field: "crypto.kdfparams.r", reason: "\(r) is outside 1...32") }
            guard (1...16).contains(p) else { throw .invalidField(field: "crypto.kdfparams.p", reason: "\(p) is outside 1...16") }
            guard 16 * r >= 63 || n < 1 << (16 * r) else {
                throw .invalidField(field: "crypto.kdfparams.n", reason: "\(n) with r = \(r) breaks RFC 7914's bound n < 2^(16·r)")
            }
            guard n <= maxScryptMemory / (128 * r) else {
                throw .invalidField(field: "crypto.kdfparams.n", reason: "n = \(n) with r = \(r) needs more than \(maxScryptMemory >> 20) MiB")
            }
        case let .pbkdf2(iterations):
            guard (1...maxPBKDF2Iterations).contains(iterations) else {
                throw .invalidField(field: "crypto.kdfparams.c", reason: "\(iterations) is outside 1...\(maxPBKDF2Iterations)")
            }
        }
    }

    static func deriveKey(password: [UInt8], salt: [UInt8], kdf: KDF) throws(KeystoreError) -> [UInt8] {
        let symmetric: SymmetricKey
        do {
            switch kdf {
            case let .scrypt(n, r, p):
                symmetric = try CryptoExtras.KDF.Scrypt.deriveKey(
                    from: password, salt: salt, outputByteCount: 32, rounds: n, blockSize: r, parallelism: p,
                    maxMemory: 128 * n * r * 2 + 128 * r * p + (1 << 20))
            case let .pbkdf2(iterations):
                symmetric = try CryptoExtras.KDF.Insecure.PBKDF2.deriveKey(
                    from: password, salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: iterations)
            }
        } catch {
            throw .cryptoFailure("key derivation failed: \(error)")
        }
        return symmetric.withUnsafeBytes { Array($0) }
    }

    /// AES-128-CTR of `input` under the first 16 bytes of `derived` (read in place, never copied
    /// into a buffer we could not zero).
    static func aesCTR(_ derived: [UInt8], iv: [UInt8], _ input: [UInt8]) throws(KeystoreError) -> [UInt8] {
        do {
            let nonce = try AES._CTR.Nonce(nonceBytes: iv)
            var output = try derived.withUnsafeBytes { bytes in
                try AES._CTR.encrypt(input, using: SymmetricKey(data: UnsafeRawBufferPointer(rebasing: bytes[0..<16])), nonce: nonce)
            }
            defer { output.resetBytes(in: 0..<output.count) }
            return Array(output)
        } catch {
            throw .cryptoFailure("AES-128-CTR failed: \(error)")
        }
    }

    static func constantTimeEqual(_ lhs: Bytes32, _ rhs: Bytes32) -> Bool {
        let difference = (lhs.words.0 ^ rhs.words.0) | (lhs.words.1 ^ rhs.words.1) | (lhs.words.2 ^ rhs.words.2) | (lhs.words.3 ^ rhs.words.3)
        return difference == 0
    }
}

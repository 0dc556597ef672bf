/// Why a keystore could not be read, decrypted, created or written. No case carries a password or key.
public enum KeystoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not keystore JSON; `reason` names the field.
    case malformed(String)
    /// A `version` other than 3.
    case unsupportedVersion(Int)
    /// A cipher other than `aes-128-ctr`.
    case unsupportedCipher(String)
    /// A KDF other than `scrypt` or `pbkdf2` (with `hmac-sha256`).
    case unsupportedKDF(String)
    /// A field with the wrong size or an out-of-bounds KDF parameter; `field` is its JSON path.
    case invalidField(field: String, reason: String)
    /// The MAC does not match: the password is wrong (or the file was altered).
    case wrongPassword
    /// The MAC matches but the decrypted bytes are not a valid secp256k1 key.
    case invalidKey
    /// The keystore's `address` is not the address of the key it holds.
    case addressMismatch(stored: Address, actual: Address)
    /// The cryptographic library refused the parameters.
    case cryptoFailure(String)
    /// The file is larger than a keystore can be.
    case fileTooLarge(path: String, byteCount: Int)
    /// The destination exists and overwriting was not asked for.
    case fileExists(path: String)
    /// A file-system call failed.
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case let .malformed(reason): return "keystore: \(reason)"
        case let .unsupportedVersion(version): return "keystore: version \(version) is not supported (expected 3)"
        case let .unsupportedCipher(cipher): return "keystore: crypto.cipher '\(cipher)' is not supported (expected aes-128-ctr)"
        case let .unsupportedKDF(kdf): return "keystore: crypto.kdf '\(kdf)' is not supported (expected scrypt or pbkdf2 with hmac-sha256)"
        case let .invalidField(field, reason): return "keystore: \(field): \(reason)"
        case .wrongPassword: return "keystore: wrong password (MAC mismatch)"
        case .invalidKey: return "keystore: the decrypted key is not a valid secp256k1 private key"
        case let .addressMismatch(stored, actual):
            return "keystore: address field \(stored) does not match the key's address \(actual)"
        case let .cryptoFailure(reason): return "keystore: \(reason)"
        case let .fileTooLarge(path, count): return "\(path): \(count) bytes is too large for a keystore (limit 1 MiB)"
        case let .fileExists(path): return "\(path) already exists (refusing to overwrite)"
        case let .io(path, operation, code): return "\(path): \(operation) failed (errno \(code))"
        }
    }
}

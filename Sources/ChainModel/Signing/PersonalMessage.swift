import Secp

/// EIP-191 version `0x45` messages (`personal_sign`): the signed digest is
/// `keccak256("\x19Ethereum Signed Message:\n" ‖ decimal byte length ‖ message)`.
public enum PersonalMessage {
    /// Why a message signature was refused.
    public enum SignatureError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not 65 bytes (r ‖ s ‖ v).
        case wrongLength(Int)
        /// A `v` other than 27, 28 (or 0, 1).
        case invalidV(UInt8)
        /// s above n/2.
        case highS
        /// r or s out of range, or no key recovers.
        case secp(SecpError)

        public var description: String {
            switch self {
            case let .wrongLength(count): return "signature must be 65 bytes (r, s, v), got \(count)"
            case let .invalidV(v): return "signature v must be 27 or 28 (or 0 or 1), got \(v)"
            case .highS: return "signature s is above n/2 (malleable high-s signatures are refused)"
            case let .secp(error): return "signature: \(error)"
            }
        }
    }

    /// Returns the EIP-191 digest of `message`.
    public static func hash(_ message: [UInt8]) -> Bytes32 {
        var hasher = Keccak256()
        hasher.update(Array("\u{19}Ethereum Signed Message:\n\(message.count)".utf8))
        hasher.update(message)
        return hasher.finalize()
    }

    /// Signs `message` with `key`.
    /// - Returns: 65 bytes r ‖ s ‖ v with v = 27 + recovery id, as `eth_sign`/`personal_sign` return them.
    public static func sign(_ message: [UInt8], with key: PrivateKey) -> [UInt8] {
        let signature = key.signRecoverable(digest: hash(message))
        return signature.compact + [27 + signature.recoveryID]
    }

    /// Recovers the address that signed `message`.
    /// - Parameter signature: 65 bytes r ‖ s ‖ v, v being 27/28 or 0/1.
    /// - Returns: the signer's address.
    /// - Throws: ``SignatureError`` for a malformed, high-s or unrecoverable signature.
    public static func recoverSigner(of message: [UInt8], signature: [UInt8]) throws(SignatureError) -> Address {
        guard signature.count == 65 else { throw .wrongLength(signature.count) }
        let v = signature[64]
        let recoveryID: Int
        switch v {
        case 27, 28: recoveryID = Int(v) - 27
        case 0, 1: recoveryID = Int(v)
        default: throw .invalidV(v)
        }
        let parsed: RecoverableSignature
        do {
            parsed = try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { buffer throws(SecpError) in
                buffer.copyBytes(from: signature[0..<64])
                return try RecoverableSignature(compact: buffer.baseAddress!, recoveryID: recoveryID)
            }
        } catch {
            throw .secp(error)
        }
        guard parsed.hasLowS else { throw .highS }
        do { return Address(publicKey: try parsed.recoverPublicKey(digest: hash(message))) } catch { throw .secp(error) }
    }
}

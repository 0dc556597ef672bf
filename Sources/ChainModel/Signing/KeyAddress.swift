import Secp

extension Address {
    /// The Ethereum address of `publicKey`: the last 20 bytes of Keccak-256 of its 64-byte
    /// uncompressed form (x ‖ y, without the `04` prefix).
    public init(publicKey: PublicKey) {
        self = publicKey.withUncompressedBytes { bytes in
            let digest = Keccak256.hash(UnsafeRawBufferPointer(rebasing: bytes[1..<65]))
            return withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { buffer in
                digest.store(to: buffer.baseAddress!)
                return Address(loadingFrom: buffer.baseAddress! + 12)
            }
        }
    }
}

extension PrivateKey {
    /// The Ethereum address of this key.
    public var address: Address { Address(publicKey: publicKey) }

    /// Signs a 32-byte digest with an RFC 6979 nonce.
    /// - Returns: the recoverable signature (low s).
    public func signRecoverable(digest: Bytes32) -> RecoverableSignature {
        withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { buffer in
            digest.store(to: buffer.baseAddress!)
            return signRecoverable(digest: buffer.baseAddress!)
        }
    }
}

extension RecoverableSignature {
    /// Recovers the public key that signed the 32-byte `digest`.
    /// - Returns: the signer's public key.
    /// - Throws: ``SecpError/recoveryFailed`` when no key matches.
    public func recoverPublicKey(digest: Bytes32) throws(SecpError) -> PublicKey {
        try withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { buffer throws(SecpError) in
            digest.store(to: buffer.baseAddress!)
            return try recoverPublicKey(digest: buffer.baseAddress!)
        }
    }
}

/// One entry of an EIP-2930 access list: an account and the storage slots the transaction pre-declares.
public struct AccessListEntry: Equatable, Hashable, Sendable, Codable {
    /// The account.
    public var address: Address
    /// The storage keys of that account.
    public var storageKeys: [Bytes32]

    /// Creates an entry.
    public init(address: Address, storageKeys: [Bytes32]) {
        self.address = address
        self.storageKeys = storageKeys
    }
}

/// The envelope of a transaction: its type, fee fields and replay protection.
public enum TransactionKind: Equatable, Hashable, Sendable {
    /// A legacy transaction; `chainID` nil means unprotected (pre-EIP-155, `v` = 27/28).
    case legacy(gasPrice: UInt256, chainID: UInt64?)
    /// An EIP-2930 transaction (type 1).
    case accessList(gasPrice: UInt256, chainID: UInt64, accessList: [AccessListEntry])
    /// An EIP-1559 transaction (type 2).
    case dynamicFee(maxPriorityFeePerGas: UInt256, maxFeePerGas: UInt256, chainID: UInt64, accessList: [AccessListEntry])

    /// The EIP-2718 type byte: nil for legacy, 1 or 2.
    public var typeByte: UInt8? {
        switch self {
        case .legacy: return nil
        case .accessList: return 1
        case .dynamicFee: return 2
        }
    }

    /// The chain id, or nil for an unprotected legacy transaction.
    public var chainID: UInt64? {
        switch self {
        case let .legacy(_, chainID): return chainID
        case let .accessList(_, chainID, _), let .dynamicFee(_, _, chainID, _): return chainID
        }
    }

    /// The access list (empty for legacy transactions).
    public var accessList: [AccessListEntry] {
        switch self {
        case .legacy: return []
        case let .accessList(_, _, list), let .dynamicFee(_, _, _, list): return list
        }
    }
}

/// An unsigned Ethereum transaction: every field the sender signs.
public struct Transaction: Equatable, Hashable, Sendable {
    /// Type, fee fields, chain id and access list.
    public var kind: TransactionKind
    /// The sender's nonce.
    public var nonce: UInt64
    /// The gas limit.
    public var gasLimit: UInt64
    /// The recipient; nil creates a contract.
    public var to: Address?
    /// The wei sent along.
    public var value: UInt256
    /// The calldata (or init code when `to` is nil).
    public var data: [UInt8]

    /// Creates a transaction from its fields.
    public init(kind: TransactionKind, nonce: UInt64, gasLimit: UInt64, to: Address?, value: UInt256, data: [UInt8]) {
        self.kind = kind
        self.nonce = nonce
        self.gasLimit = gasLimit
        self.to = to
        self.value = value
        self.data = data
    }
}

/// The signature part of a signed transaction, as it appears on the wire.
public struct TransactionSignature: Equatable, Hashable, Sendable {
    /// Legacy: 27/28, or `chainID·2 + 35 + yParity` (EIP-155). Typed: the y parity, 0 or 1.
    public var v: UInt256
    /// The ECDSA r.
    public var r: UInt256
    /// The ECDSA s (always in the lower half of the curve order).
    public var s: UInt256
    /// The y parity (recovery id), 0 or 1.
    public var yParity: UInt8
}

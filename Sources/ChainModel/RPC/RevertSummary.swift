extension RevertReason {
    /// One line for a failed call: `execution reverted: "message"`, `execution reverted: panic
    /// 0x11: arithmetic overflow or underflow`, `execution reverted: InsufficientBalance(…)`,
    /// `execution reverted without data`, `execution reverted with unrecognized data 0x…`.
    public var executionSummary: String {
        switch self {
        case .error, .unknown: return "execution " + description
        case .panic, .custom: return "execution reverted: " + description
        }
    }
}

extension JSONRPCErrorObject {
    /// The decoded revert of a code-3 (or "execution reverted") error, using `abi`'s custom
    /// errors; `nil` when this error is not a revert.
    public func revertReason(abi: ContractABI? = nil) -> RevertReason? {
        guard isRevert else { return nil }
        return RevertReason.decode(revertData ?? [], abi: abi)
    }
}

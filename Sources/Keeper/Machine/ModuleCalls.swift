import ChainModel

/// Calldata of the module functions the keeper calls itself (auction-module §2.3) and of the
/// ERC-20 `approve` its bids may need, laid out word by word without allocation beyond the result.
public enum ModuleCalls {
    /// `bid(address,address,address,uint256,uint256,bool)` = `6db4a262`.
    public static let bidSelector: [UInt8] = [0x6d, 0xb4, 0xa2, 0x62]
    /// `raiseAssetTargets(address)` = `ff0932a1`.
    public static let raiseAssetTargetsSelector: [UInt8] = [0xff, 0x09, 0x32, 0xa1]
    /// `unlock(address)` = `2f6c493c`.
    public static let unlockSelector: [UInt8] = [0x2f, 0x6c, 0x49, 0x3c]
    /// ERC-20 `approve(address,uint256)` = `095ea7b3`.
    public static let approveSelector: [UInt8] = [0x09, 0x5e, 0xa7, 0xb3]

    static func appendWord(_ address: Address, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0, count: 12))
        out.append(contentsOf: address.bytes)
    }

    static func appendWord(_ value: UInt256, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: 32))
        out.withUnsafeMutableBytes { value.storeBigEndianWord(to: $0.baseAddress! + start) }
    }

    /// `bid(set, component, quote, componentAmount, quoteAssetLimit, isSellAuction)`: 4 + 6 × 32 bytes.
    public static func bid(setToken: Address, _ proposal: BidProposal) -> [UInt8] {
        var out = bidSelector
        out.reserveCapacity(4 + 6 * 32)
        appendWord(setToken, to: &out)
        appendWord(proposal.component, to: &out)
        appendWord(proposal.quoteAsset, to: &out)
        appendWord(proposal.componentAmount, to: &out)
        appendWord(proposal.quoteAssetLimit, to: &out)
        appendWord(proposal.isSellAuction ? UInt256.one : UInt256.zero, to: &out)
        return out
    }

    /// `raiseAssetTargets(set)`: 4 + 32 bytes.
    public static func raiseAssetTargets(setToken: Address) -> [UInt8] {
        var out = raiseAssetTargetsSelector
        appendWord(setToken, to: &out)
        return out
    }

    /// `unlock(set)`: 4 + 32 bytes.
    public static func unlock(setToken: Address) -> [UInt8] {
        var out = unlockSelector
        appendWord(setToken, to: &out)
        return out
    }

    /// ERC-20 `approve(spender, amount)` (sent to the token): 4 + 2 × 32 bytes.
    public static func approve(spender: Address, amount: UInt256) -> [UInt8] {
        var out = approveSelector
        out.reserveCapacity(4 + 2 * 32)
        appendWord(spender, to: &out)
        appendWord(amount, to: &out)
        return out
    }
}

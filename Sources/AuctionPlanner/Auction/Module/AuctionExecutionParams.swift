import ChainModel

/// `AuctionExecutionParams { uint256 targetUnit; string priceAdapterName; bytes priceAdapterConfigData; }`:
/// one component's target real unit (at the rebalance's initial position multiplier) and price curve.
public struct AuctionExecutionParams: Sendable, Hashable {
    /// Component base units per 1e18 SetToken, valid at `_initialPositionMultiplier`.
    public var targetUnit: UInt256
    /// The IntegrationRegistry adapter name (case-sensitive).
    public var priceAdapterName: String
    /// The adapter's `abi.encode` config blob.
    public var priceAdapterConfigData: [UInt8]

    /// Creates params from raw fields.
    public init(targetUnit: UInt256, priceAdapterName: String, priceAdapterConfigData: [UInt8]) {
        self.targetUnit = targetUnit
        self.priceAdapterName = priceAdapterName
        self.priceAdapterConfigData = priceAdapterConfigData
    }

    /// Creates params from a typed adapter.
    public init(targetUnit: UInt256, priceAdapter: PriceAdapter) {
        self.init(targetUnit: targetUnit, priceAdapterName: priceAdapter.name, priceAdapterConfigData: priceAdapter.configData)
    }
}

/// `getBidPreview`'s `BidInfo` (send/receive from the SetToken's point of view).
public struct BidInfo: Sendable, Hashable {
    /// The token the Set sends (the component in a sell, the quote asset in a buy).
    public var sendToken: Address
    /// The token the Set receives.
    public var receiveToken: Address
    /// The adapter name of the component's params.
    public var priceAdapterName: String
    /// The adapter config of the component's params.
    public var priceAdapterConfigData: [UInt8]
    /// True for a sell auction.
    public var isSellAuction: Bool
    /// The full remaining auction size (not the bid quantity).
    public var auctionQuantity: UInt256
    /// The adapter price at the bid time.
    public var componentPrice: UInt256
    /// What the Set sends (max-uint already replaced by the auction size).
    public var quantitySentBySet: UInt256
    /// What the Set receives before the protocol fee.
    public var quantityReceivedBySet: UInt256
    /// The Set's balance of `sendToken` before the bid.
    public var preBidTokenSentBalance: UInt256
    /// The Set's balance of `receiveToken` before the bid.
    public var preBidTokenReceivedBalance: UInt256
    /// `totalSupply()` at the bid.
    public var setTotalSupply: UInt256

    /// The component quantity of the bid.
    public var componentQuantity: UInt256 { isSellAuction ? quantitySentBySet : quantityReceivedBySet }
    /// The quote-asset quantity of the bid (ceil for sells, floor for buys).
    public var quoteQuantity: UInt256 { isSellAuction ? quantityReceivedBySet : quantitySentBySet }
}

/// What a `bid` did: the `BidExecuted` event's numbers and the post-bid units.
public struct BidExecution: Sendable, Hashable {
    /// The preview the bid executed.
    public var info: BidInfo
    /// `netQuantitySentBySet`: the Set's balance decrease of the send token.
    public var netQuantitySentBySet: UInt256
    /// `netQuantityReceivedBySet`: the Set's balance increase of the receive token, after the fee.
    public var netQuantityReceivedBySet: UInt256
    /// The protocol fee, in the receive token.
    public var protocolFee: UInt256
    /// The unit computed for the send token before storage (the read-back may be 1 wei lower).
    public var computedSendTokenUnit: UInt256
    /// The unit computed for the receive token before storage.
    public var computedReceiveTokenUnit: UInt256
}

import ChainModel

/// One auction as the keeper sees it at a block: what remains and what the whole of it costs
/// (sell auction) or pays (buy auction) at the current price, from the module's bid preview.
public struct AuctionQuote: Sendable, Equatable {
    /// The component auctioned.
    public var component: Address
    /// The quote asset.
    public var quoteAsset: Address
    /// The Set sells the component (the bidder pays quote); otherwise the Set buys it.
    public var isSellAuction: Bool
    /// The component quantity still auctioned.
    public var componentQuantity: UInt256
    /// The quote quantity for all of it at the current price.
    public var quoteQuantity: UInt256

    /// Makes a quote.
    public init(component: Address, quoteAsset: Address, isSellAuction: Bool, componentQuantity: UInt256, quoteQuantity: UInt256) {
        self.component = component
        self.quoteAsset = quoteAsset
        self.isSellAuction = isSellAuction
        self.componentQuantity = componentQuantity
        self.quoteQuantity = quoteQuantity
    }
}

/// What the keeper's account can spend: its balances and its allowances to the module.
public struct BidderFunds: Sendable, Equatable {
    /// Quote asset balance.
    public var quoteBalance: UInt256
    /// Quote asset allowance to the module.
    public var quoteAllowance: UInt256
    /// Component balance.
    public var componentBalance: UInt256
    /// Component allowance to the module.
    public var componentAllowance: UInt256

    /// Makes the funds.
    public init(quoteBalance: UInt256, quoteAllowance: UInt256, componentBalance: UInt256, componentAllowance: UInt256) {
        self.quoteBalance = quoteBalance
        self.quoteAllowance = quoteAllowance
        self.componentBalance = componentBalance
        self.componentAllowance = componentAllowance
    }
}

/// Decides whether an auction's current price is favourable against the keeper's reference
/// price, and sizes the bid within balances and allowances. Integer math throughout.
public enum BidEvaluator {
    static let wad = UInt256(UInt64(1_000_000_000_000_000_000))
    static let basis = UInt256(UInt64(10_000))

    /// The bid to make on `quote`, or `nil` when the price is not favourable or nothing can be
    /// spent. `referencePrice` is in the adapter scale (quote base units per component base unit
    /// × 1e18, auction-module §3.1); `marginBasisPoints` (< 10 000) is the edge demanded.
    ///
    /// - Sell auction (the keeper buys the component): favourable when the quote paid is at most
    ///   ⌊⌊size·ref/1e18⌋·(10 000 − margin)/10 000⌋. The quote spent is capped by
    ///   min(balance, allowance); a capped bid takes ⌊size·spendable/quote⌋ of the component and
    ///   its limit is the spendable quote; an uncapped bid's limit is the previewed quote.
    /// - Buy auction (the keeper sells the component): favourable when the quote received is at
    ///   least ⌈⌈size·ref/1e18⌉·(10 000 + margin)/10 000⌉. The component sold is capped by
    ///   min(balance, allowance); the limit (least quote received) is ⌊amount·quote/size⌋.
    public static func proposal(_ quote: AuctionQuote, referencePrice: UInt256, marginBasisPoints: UInt64,
                                funds: BidderFunds) -> BidProposal? {
        guard marginBasisPoints < 10_000, !quote.componentQuantity.isZero else { return nil }
        let margin = UInt256(marginBasisPoints)
        do {
            if quote.isSellAuction {
                let value = try UInt256.mulDiv(quote.componentQuantity, referencePrice, wad, rounding: .down)
                let ceiling = try UInt256.mulDiv(value, basis - margin, basis, rounding: .down)
                guard quote.quoteQuantity <= ceiling else { return nil }
                let spendable = min(funds.quoteBalance, funds.quoteAllowance)
                if spendable >= quote.quoteQuantity {
                    return BidProposal(component: quote.component, quoteAsset: quote.quoteAsset, componentAmount: quote.componentQuantity,
                                       quoteAssetLimit: quote.quoteQuantity, isSellAuction: true)
                }
                let amount = try UInt256.mulDiv(quote.componentQuantity, spendable, quote.quoteQuantity, rounding: .down)
                guard !amount.isZero else { return nil }
                return BidProposal(component: quote.component, quoteAsset: quote.quoteAsset, componentAmount: amount,
                                   quoteAssetLimit: spendable, isSellAuction: true)
            } else {
                let value = try UInt256.mulDiv(quote.componentQuantity, referencePrice, wad, rounding: .up)
                let floor = try UInt256.mulDiv(value, basis + margin, basis, rounding: .up)
                guard quote.quoteQuantity >= floor else { return nil }
                let amount = min(quote.componentQuantity, min(funds.componentBalance, funds.componentAllowance))
                guard !amount.isZero else { return nil }
                let least = try UInt256.mulDiv(amount, quote.quoteQuantity, quote.componentQuantity, rounding: .down)
                return BidProposal(component: quote.component, quoteAsset: quote.quoteAsset, componentAmount: amount,
                                   quoteAssetLimit: least, isSellAuction: false)
            }
        } catch {
            // A product beyond 2^256: no sensible bid of that size exists.
            return nil
        }
    }
}

import ArgumentParser

/// The `rebalancer` command: plans and executes index rebalances through Index Coop's
/// Dutch-auction module, with `cast`-compatible encoding tools.
@main
struct Rebalancer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalancer",
        abstract: "Plan, encode, sign and submit on-chain index rebalances (Index Coop AuctionRebalanceModuleV1).",
        subcommands: [
            Keccak.self,
            Calldata.self,
            AbiEncode.self,
            Sig.self,
            ChainID.self,
            BlockNumber.self,
            Nonce.self,
            Balance.self,
            Fees.self,
            Call.self,
            Estimate.self,
            Receipt.self,
            Send.self,
            DecodeCalldata.self,
            DecodeAbi.self,
            MakeTransaction.self,
            DecodeTransaction.self,
            Wallet.self,
        ]
    )
}

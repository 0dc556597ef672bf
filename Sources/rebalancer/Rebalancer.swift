import ArgumentParser
import Foundation

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
            Weights.self,
            CalendarCommand.self,
            BacktestCommand.self,
            Signals.self,
            PlanCommand.self,
            ScheduleCommand.self,
            SnapshotCommand.self,
            KeeperCommand.self,
            Approve.self,
        ]
    )

    /// Runs the command. Failures, including usage errors (a missing argument, an unknown option),
    /// are one line on standard error and a non-zero exit status; `--help` prints help as usual.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            let text = message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            FileHandle.standardError.write(Data("Error: \(text)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}

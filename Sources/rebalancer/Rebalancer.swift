import ArgumentParser
import Foundation

/// The `rebalancer` command: plans and executes index rebalances through Index Coop's
/// Dutch-auction module, with `cast`-compatible encoding tools.
@main
struct Rebalancer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalancer",
        abstract: "Plan, encode, sign and submit on-chain index rebalances (Index Coop AuctionRebalanceModuleV1).",
        groupedSubcommands: [
            CommandGroup(name: "Rebalance planning", subcommands: [
                PlanCommand.self, ScheduleCommand.self, SnapshotCommand.self,
            ]),
            CommandGroup(name: "Methodology", subcommands: [
                Weights.self, CalendarCommand.self, BacktestCommand.self, Signals.self,
            ]),
            CommandGroup(name: "Keeper", subcommands: [
                KeeperCommand.self, Approve.self,
            ]),
            CommandGroup(name: "Audit", subcommands: [
                Decode.self, Verify.self, Report.self,
            ]),
            CommandGroup(name: "Chain (JSON-RPC)", subcommands: [
                ChainID.self, BlockNumber.self, Nonce.self, Balance.self, Fees.self,
                Call.self, Estimate.self, Receipt.self, Send.self,
            ]),
            CommandGroup(name: "Keys and transactions", subcommands: [
                Wallet.self, MakeTransaction.self, DecodeTransaction.self,
            ]),
            CommandGroup(name: "Encoding (as cast)", subcommands: [
                Calldata.self, AbiEncode.self, DecodeCalldata.self, DecodeAbi.self, Sig.self, Keccak.self,
            ]),
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

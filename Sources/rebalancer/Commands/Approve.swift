import ArgumentParser
import ChainModel
import Foundation
import Keeper

/// `rebalancer approve <plan-hash>`: lets the keeper execute the plan with that hash.
struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Approve a planned rebalance by its plan hash so the keeper may send it.",
        discussion: """
        The plan hash is keccak256 of the plan document (shown by `rebalancer keeper status`). \
        Only a hash of a rebalance the keeper has planned in this journal is accepted; anything \
        else fails and nothing is written. Approving twice is harmless.

        Example:
          rebalancer approve 0x5f…e1 --journal keeper.sqlite --by alice
        """
    )

    @Argument(help: "The plan hash (0x + 64 hex digits).") var planHash: String
    @Option(help: "The journal (SQLite) path.") var journal: String = Send.defaultJournalPath()
    @Option(help: "Who approves (recorded with the approval).") var by: String = ProcessInfo.processInfo.environment["USER"] ?? "operator"

    func run() throws {
        let hash: Bytes32
        do { hash = try Bytes32(hex: planHash) } catch {
            throw CommandFailure("plan-hash: \(planHash.prefix(80)) is not 0x followed by 64 hex digits (\(error))")
        }
        guard FileManager.default.fileExists(atPath: journal) else {
            throw CommandFailure("journal: \(journal) does not exist")
        }
        let ids: [String]
        do {
            ids = try KeeperStore(path: journal).approve(planHash: hash, by: by)
        } catch {
            throw CommandFailure(error.description)
        }
        print("approved plan \(hash) for \(ids.joined(separator: ", "))")
    }
}

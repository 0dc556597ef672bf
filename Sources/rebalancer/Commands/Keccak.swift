import ArgumentParser
import ChainModel

/// `rebalancer keccak <text|0xhex>`: the Keccak-256 hash, as `cast keccak` prints it.
struct Keccak: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hash text or 0x-prefixed bytes with Keccak-256.",
        discussion: """
        Input starting with 0x is hashed as the bytes it spells; anything else as UTF-8 text.

        Examples:
          rebalancer keccak 'transfer(address,uint256)'
          rebalancer keccak 0x1234
        """
    )

    @Argument(help: "Text, or 0x-prefixed hex bytes.")
    var data: String

    func run() throws {
        if data.hasPrefix("0x") || data.hasPrefix("0X") {
            do {
                print(Keccak256.hash(try Hex.decode(data)))
            } catch {
                throw CommandFailure("data: \(error)")
            }
        } else {
            print(Keccak256.hash(utf8: data))
        }
    }
}

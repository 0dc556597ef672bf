import ArgumentParser
import ChainModel
import Foundation
import Secp

/// `rebalancer wallet …`: keystore management and EIP-191 message signing.
struct Wallet: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, import and use Web3 Secret Storage (v3) keystores; sign and verify messages.",
        subcommands: [WalletNew.self, WalletAddress.self, WalletImport.self, WalletSignMessage.self, WalletVerifyMessage.self]
    )
}

/// The KDF options of commands that write keystores.
struct KeystoreWriteOptions: ParsableArguments {
    @Option(help: "File holding the new keystore's password (else asked twice on the terminal).")
    var passwordFile: String?

    @Option(help: "Key derivation: scrypt or pbkdf2.")
    var kdf: String = "scrypt"

    @Option(help: "KDF cost: scrypt n (a power of two, r = 8, p = 1) or PBKDF2-SHA256 rounds.")
    var kdfCost: Int = 262_144

    @Flag(help: "Replace the file if it exists.")
    var overwrite = false

    /// Encrypts `key` and writes the keystore atomically with mode 0600 to `path`.
    /// - Throws: ``CommandFailure`` for bad KDF options, an existing file (without --overwrite) or an I/O error.
    func write(_ key: PrivateKey, to path: String) throws(CommandFailure) {
        let kdf: Keystore.KDF
        switch self.kdf {
        case "scrypt": kdf = .scrypt(n: kdfCost, r: 8, p: 1)
        case "pbkdf2": kdf = .pbkdf2(iterations: kdfCost)
        default: throw CommandFailure("--kdf: '\(self.kdf)' is not scrypt or pbkdf2")
        }
        var password = try PasswordInput.readNew(file: passwordFile)
        defer { secureZero(&password) }
        let keystore: Keystore
        do { keystore = try Keystore.encrypt(key, password: password, kdf: kdf) } catch {
            if case let .invalidField(_, reason) = error { throw CommandFailure("--kdf-cost: \(reason)") }
            throw CommandFailure(error.description)
        }
        do { try KeystoreFile.write(Array(keystore.jsonData()), to: path, overwrite: overwrite) } catch {
            throw CommandFailure(error.description)
        }
    }
}

/// `rebalancer wallet new <path>`: a fresh random key in a new keystore; prints its address.
struct WalletNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a keystore holding a new random key and print its address.",
        discussion: """
        The password comes from --password-file, or a prompt without echo on a terminal.

        Example:
          rebalancer wallet new keeper.json --password-file pw.txt
        """
    )

    @Argument(help: "The keystore file to write (mode 0600; never overwritten without --overwrite).")
    var path: String

    @OptionGroup var options: KeystoreWriteOptions

    func run() throws {
        let key = PrivateKey.generate()
        try options.write(key, to: path)
        print(key.address.checksummed)
    }
}

/// `rebalancer wallet import <path>`: the key of `REBALANCER_PRIVATE_KEY` into a new keystore.
struct WalletImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Encrypt the key in REBALANCER_PRIVATE_KEY into a keystore file and print its address.",
        discussion: """
        The key is read from the environment, never from the command line.

        Example:
          REBALANCER_PRIVATE_KEY=0x… rebalancer wallet import operator.json --password-file pw.txt
        """
    )

    @Argument(help: "The keystore file to write (mode 0600; never overwritten without --overwrite).")
    var path: String

    @OptionGroup var options: KeystoreWriteOptions

    func run() throws {
        guard let text = ProcessInfo.processInfo.environment[KeyOptions.environmentVariable] else {
            throw CommandFailure("set \(KeyOptions.environmentVariable) to the hex private key to import")
        }
        let key = try KeyOptions.key(fromHex: text, source: KeyOptions.environmentVariable)
        try options.write(key, to: path)
        print(key.address.checksummed)
    }
}

/// `rebalancer wallet address`: the address of the configured key.
struct WalletAddress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address",
        abstract: "Print the address of the key in --keystore (decrypted) or REBALANCER_PRIVATE_KEY.",
        discussion: """
        Example:
          rebalancer wallet address --keystore keeper.json --password-file pw.txt
        """)

    @OptionGroup var key: KeyOptions

    func run() throws {
        print(try key.loadKey(announce: false).address.checksummed)
    }
}

/// `rebalancer wallet sign-message <message>`: an EIP-191 `personal_sign` signature.
struct WalletSignMessage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-message",
        abstract: "Sign a message with EIP-191 (personal_sign) and print the 65-byte signature.",
        discussion: """
        A message starting with 0x is signed as the bytes it spells; anything else as UTF-8 text.

        Example:
          rebalancer wallet sign-message --keystore keeper.json --password-file pw.txt "hello"
        """
    )

    @Argument(help: "The message: text, or 0x-prefixed hex bytes.")
    var message: String

    @OptionGroup var key: KeyOptions

    func run() throws {
        let bytes = try WalletVerifyMessage.messageBytes(message)
        print(Hex.encode(PersonalMessage.sign(bytes, with: try key.loadKey())))
    }
}

/// `rebalancer wallet verify-message <address> <message> <signature>`.
struct WalletVerifyMessage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-message",
        abstract: "Check that an EIP-191 signature of a message was made by an address.",
        discussion: """
        Exit status 0 when the signature recovers to the address, 1 otherwise.

        Example:
          rebalancer wallet verify-message 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf "hello" 0x<65-byte signature>
        """)

    @Argument(help: "The expected signer.")
    var address: String

    @Argument(help: "The message: text, or 0x-prefixed hex bytes.")
    var message: String

    @Argument(help: "The 65-byte signature (r, s, v) as 0x hex.")
    var signature: String

    /// The message bytes: hex when `0x`-prefixed, else UTF-8.
    static func messageBytes(_ message: String) throws(CommandFailure) -> [UInt8] {
        if message.hasPrefix("0x") || message.hasPrefix("0X") { return try HexInput.bytes(message, field: "message") }
        return Array(message.utf8)
    }

    func run() throws {
        let expected: Address
        do { expected = try Address(address) } catch { throw CommandFailure("address: \(error)") }
        let bytes = try Self.messageBytes(message)
        let signatureBytes = try HexInput.bytes(signature, field: "signature")
        let signer: Address
        do { signer = try PersonalMessage.recoverSigner(of: bytes, signature: signatureBytes) } catch {
            throw CommandFailure(error.description)
        }
        guard signer == expected else {
            throw CommandFailure("verification failed: the signature was made by \(signer.checksummed), not \(expected.checksummed)")
        }
        print("Validation succeeded. Address \(expected.checksummed) signed this message.")
    }
}

import ArgumentParser
import ChainModel
import Foundation
import Secp

/// Where the signing key comes from: `--keystore FILE` with `--password-file FILE` (or a prompt
/// without echo on a terminal), else the environment variable `REBALANCER_PRIVATE_KEY`.
/// Never a command-line argument.
struct KeyOptions: ParsableArguments {
    /// The environment variable that may hold a hex private key.
    static let environmentVariable = "REBALANCER_PRIVATE_KEY"

    @Option(help: "Web3 Secret Storage (v3) keystore file holding the signing key.")
    var keystore: String?

    @Option(help: "File holding the keystore password (its trailing line break is ignored). Without it, the password is asked on the terminal.")
    var passwordFile: String?

    /// Loads the key and, when `announce` is true, prints `signer: <address>` on standard error
    /// so operators see which key signs.
    /// - Returns: the key.
    /// - Throws: ``CommandFailure`` when no key is configured, the password is wrong, or a file is unreadable.
    func loadKey(announce: Bool = true) throws(CommandFailure) -> PrivateKey {
        let key: PrivateKey
        if let keystore {
            key = try Self.decrypt(keystorePath: keystore, passwordFile: passwordFile)
        } else if let text = ProcessInfo.processInfo.environment[Self.environmentVariable] {
            key = try Self.key(fromHex: text, source: Self.environmentVariable)
        } else {
            throw CommandFailure("no signing key: pass --keystore FILE (with --password-file FILE or a terminal prompt) or set \(Self.environmentVariable)")
        }
        if announce { FileHandle.standardError.write(Data("signer: \(key.address.checksummed)\n".utf8)) }
        return key
    }

    /// Decrypts the keystore at `keystorePath` with the password from `passwordFile` or the terminal.
    /// - Throws: ``CommandFailure`` naming the file and the reason (wrong password, malformed JSON, …).
    static func decrypt(keystorePath: String, passwordFile: String?) throws(CommandFailure) -> PrivateKey {
        let json: [UInt8]
        do { json = try KeystoreFile.read(path: keystorePath) } catch { throw CommandFailure("--keystore: \(error)") }
        let keystore: Keystore
        do { keystore = try Keystore(json: Data(json)) } catch { throw CommandFailure("--keystore \(keystorePath): \(error)") }
        var password = try PasswordInput.read(file: passwordFile, prompt: "Password for \(keystorePath): ")
        defer { secureZero(&password) }
        do { return try keystore.decrypt(password: password) } catch { throw CommandFailure("--keystore \(keystorePath): \(error)") }
    }

    /// Parses a hex private key (`0x` optional) from `source` without ever echoing it.
    /// - Throws: ``CommandFailure`` naming the source, never the value.
    static func key(fromHex text: String, source: String) throws(CommandFailure) -> PrivateKey {
        var bytes: [UInt8]
        do { bytes = try Hex.decode(text.trimmingWhitespace, count: 32) } catch {
            throw CommandFailure("\(source): not a private key (expected 32 bytes as 64 hex digits)")
        }
        defer { secureZero(&bytes) }
        do { return try PrivateKey(bytes: bytes) } catch { throw CommandFailure("\(source): \(error)") }
    }
}

/// Reading passwords: from a file, or from the terminal with echo turned off.
enum PasswordInput {
    /// Returns the password bytes: the file's content without its trailing line break, or a line
    /// typed at the terminal (no echo). Zero the result after use.
    /// - Throws: ``CommandFailure`` when the file is unreadable, or no file was given and standard input is not a terminal.
    static func read(file: String?, prompt: String) throws(CommandFailure) -> [UInt8] {
        if let file {
            var bytes: [UInt8]
            do { bytes = try KeystoreFile.read(path: file) } catch { throw CommandFailure("--password-file: \(error)") }
            if bytes.last == 0x0a { bytes.removeLast() }
            if bytes.last == 0x0d { bytes.removeLast() }
            return bytes
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure("no --password-file given and standard input is not a terminal to prompt on")
        }
        return readWithoutEcho(prompt: prompt)
    }

    /// Prompts on standard error and reads one line from the terminal with echo off.
    private static func readWithoutEcho(prompt: String) -> [UInt8] {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(STDIN_FILENO, &byte, 1) == 1, byte != 0x0a {
            bytes.append(byte)
        }
        if bytes.last == 0x0d { bytes.removeLast() }
        return bytes
    }

    /// Reads a new password twice (file: once) and checks the two entries match.
    /// - Throws: ``CommandFailure`` when they differ or no password source is available.
    static func readNew(file: String?) throws(CommandFailure) -> [UInt8] {
        let first = try read(file: file, prompt: "New keystore password: ")
        if file != nil { return first }
        var second = try read(file: nil, prompt: "Repeat the password: ")
        defer { secureZero(&second) }
        guard first == second else {
            var discarded = first
            secureZero(&discarded)
            throw CommandFailure("the two passwords differ")
        }
        return first
    }
}

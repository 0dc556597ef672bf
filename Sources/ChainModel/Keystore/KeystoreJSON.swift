import Foundation

extension Keystore {
    /// Parses keystore JSON (version 3; `crypto` or geth's older `Crypto` key).
    /// - Returns: the parsed keystore, not yet decrypted.
    /// - Throws: ``KeystoreError`` naming the missing or malformed field.
    public init(json: Data) throws(KeystoreError) {
        guard json.count <= KeystoreFile.maxFileSize else { throw .malformed("JSON is larger than 1 MiB") }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: json) } catch { throw .malformed("not valid JSON") }
        guard let root = parsed as? [String: Any] else { throw .malformed("the top level is not a JSON object") }

        let version = try Self.integer(root["version"], "version")
        guard version == 3 else { throw .unsupportedVersion(version) }
        guard let crypto = (root["crypto"] ?? root["Crypto"]) as? [String: Any] else { throw .malformed("missing object 'crypto'") }

        let cipher = try Self.string(crypto["cipher"], "crypto.cipher")
        guard cipher == "aes-128-ctr" else { throw .unsupportedCipher(cipher) }
        guard let cipherParams = crypto["cipherparams"] as? [String: Any] else { throw .malformed("missing object 'crypto.cipherparams'") }
        let iv = try Self.hex(cipherParams["iv"], "crypto.cipherparams.iv", count: 16)
        let ciphertext = try Self.hex(crypto["ciphertext"], "crypto.ciphertext", count: 32)
        let macBytes = try Self.hex(crypto["mac"], "crypto.mac", count: 32)
        let mac = macBytes.withUnsafeBytes { Bytes32(loadingFrom: $0.baseAddress!) }

        guard let params = crypto["kdfparams"] as? [String: Any] else { throw .malformed("missing object 'crypto.kdfparams'") }
        let dklen = try Self.integer(params["dklen"], "crypto.kdfparams.dklen")
        guard dklen == 32 else { throw .invalidField(field: "crypto.kdfparams.dklen", reason: "\(dklen), expected 32") }
        let salt = try Self.hex(params["salt"], "crypto.kdfparams.salt", count: nil)
        let kdfName = try Self.string(crypto["kdf"], "crypto.kdf")
        let kdf: KDF
        switch kdfName {
        case "scrypt":
            kdf = .scrypt(n: try Self.integer(params["n"], "crypto.kdfparams.n"), r: try Self.integer(params["r"], "crypto.kdfparams.r"),
                          p: try Self.integer(params["p"], "crypto.kdfparams.p"))
        case "pbkdf2":
            let prf = try Self.string(params["prf"], "crypto.kdfparams.prf")
            guard prf == "hmac-sha256" else { throw .unsupportedKDF("pbkdf2 with \(prf)") }
            kdf = .pbkdf2(iterations: try Self.integer(params["c"], "crypto.kdfparams.c"))
        default:
            throw .unsupportedKDF(kdfName)
        }
        try Self.validate(kdf: kdf, saltCount: salt.count)

        var address: Address?
        if let text = root["address"] {
            guard let text = text as? String else { throw .malformed("'address' is not a string") }
            let prefixed = text.hasPrefix("0x") || text.hasPrefix("0X") ? text : "0x" + text
            do { address = try Address(prefixed) } catch { throw .invalidField(field: "address", reason: error.description) }
        }
        let id = (root["id"] as? String) ?? ""
        self.init(address: address, id: id, kdf: kdf, salt: salt, iv: iv, ciphertext: ciphertext, mac: mac)
    }

    private static func string(_ value: Any?, _ field: String) throws(KeystoreError) -> String {
        guard let value else { throw .malformed("missing field '\(field)'") }
        guard let text = value as? String else { throw .malformed("'\(field)' is not a string") }
        return text
    }

    private static func integer(_ value: Any?, _ field: String) throws(KeystoreError) -> Int {
        guard let value else { throw .malformed("missing field '\(field)'") }
        guard let number = value as? NSNumber, let integer = Int(exactly: number.doubleValue), Double(integer) == number.doubleValue,
              integer >= 0, integer < 1 << 40 else {
            throw .malformed("'\(field)' is not a non-negative integer")
        }
        return integer
    }

    private static func hex(_ value: Any?, _ field: String, count: Int?) throws(KeystoreError) -> [UInt8] {
        let text = try string(value, field)
        guard text.utf8.count <= 4096 else { throw .invalidField(field: field, reason: "too long") }
        let bytes: [UInt8]
        do { bytes = try Hex.decode(text) } catch { throw .invalidField(field: field, reason: error.description) }
        if let count, bytes.count != count {
            throw .invalidField(field: field, reason: "\(bytes.count) bytes, expected \(count)")
        }
        return bytes
    }

    /// The keystore as JSON in the layout geth and eth-account write (lowercase hex without `0x`).
    public func jsonData() -> Data {
        func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes, prefix: false) }
        let kdfName: String, params: String
        switch kdf {
        case let .scrypt(n, r, p):
            kdfName = "scrypt"
            params = "{\"dklen\":32,\"n\":\(n),\"p\":\(p),\"r\":\(r),\"salt\":\"\(hex(salt))\"}"
        case let .pbkdf2(iterations):
            kdfName = "pbkdf2"
            params = "{\"c\":\(iterations),\"dklen\":32,\"prf\":\"hmac-sha256\",\"salt\":\"\(hex(salt))\"}"
        }
        let addressField = address.map { "\"address\":\"\(hex($0.bytes))\"," } ?? ""
        let text = "{\(addressField)\"crypto\":{\"cipher\":\"aes-128-ctr\",\"cipherparams\":{\"iv\":\"\(hex(iv))\"},"
            + "\"ciphertext\":\"\(hex(ciphertext))\",\"kdf\":\"\(kdfName)\",\"kdfparams\":\(params),"
            + "\"mac\":\"\(hex(mac.bytes))\"},\"id\":\"\(id)\",\"version\":3}\n"
        return Data(text.utf8)
    }
}

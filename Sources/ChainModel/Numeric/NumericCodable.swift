// `Codable` as quoted decimal strings. JSON numbers are refused: a double carries only 53 bits.

extension UInt256: Codable {
    /// Decodes a string in any form `init(_:)` accepts (decimal, `0x` hex,
    /// scientific, unit suffix).
    /// - Throws: `DecodingError.dataCorrupted` naming the parse rule broken, or telling to quote a JSON
    ///   number; `DecodingError.typeMismatch` for any other non-string value.
    public init(from decoder: any Decoder) throws {
        let text = try NumericCoding.decodeText(from: decoder, typeName: "uint256")
        do {
            self = try UInt256(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the value as a decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Int256: Codable {
    /// Decodes a string in any form `init(_:)` accepts, with an optional `-`.
    /// - Throws: `DecodingError.dataCorrupted` naming the parse rule broken, or telling to quote a JSON
    ///   number; `DecodingError.typeMismatch` for any other non-string value.
    public init(from decoder: any Decoder) throws {
        let text = try NumericCoding.decodeText(from: decoder, typeName: "int256")
        do {
            self = try Int256(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the value as a decimal string (with `-` when negative).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

enum NumericCoding {
    /// The string value, or an error that tells the writer to quote a bare number.
    static func decodeText(from decoder: any Decoder, typeName: String) throws -> String {
        let container = try decoder.singleValueContainer()
        do {
            return try container.decode(String.self)
        } catch let mismatch as DecodingError {
            guard case .typeMismatch = mismatch else { throw mismatch }
            if let number = try? container.decode(Double.self) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a \(typeName) must be a quoted string such as \"1500000000000000000\", "
                        + "not the number \(number): numbers lose precision beyond 2^53"))
            }
            throw mismatch
        }
    }
}

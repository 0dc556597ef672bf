/// The auditor view of an encoding: one line per 32-byte word with its byte offset, the word in hex,
/// and what it is (`argument 4 (_newComponentsAuctionParams)[0].priceAdapterName: length 33`).
///
/// ```
/// selector 0x6db4a262
/// 0x000  0000000000000000000000001111111111111111111111111111111111111111  argument 1 (_setToken): address 0x1111…
/// ```
///
/// Words nothing points at are marked `unused`. When the data does not decode, the words decoded so
/// far keep their notes and a last line gives the decoding error.
public enum ABILayout {
    /// The layout of `abi.encode(values…)` of `parameters` held in `data`.
    public static func describe(_ data: [UInt8], parameters: [ABIParameter]) -> String {
        render(data[...], parameters: parameters, header: nil)
    }

    /// The layout of an encoding of bare `types`.
    public static func describe(_ data: [UInt8], types: [ABIType]) -> String {
        describe(data, parameters: types.map { ABIParameter(type: $0) })
    }

    /// The layout of call data for `function`: the selector line, then the argument words (offsets
    /// counted from the end of the selector, as the ABI does).
    public static func describeCall(_ data: [UInt8], function: ABIFunction) -> String {
        guard data.count >= 4 else { return "call data has \(data.count) bytes, fewer than the 4-byte selector" }
        let selector = ABISelector(bytes: data[0..<4])!
        let header = "selector \(selector)" + (selector == function.selector ? " \(function.canonicalSignature)" : " (expected \(function.selector) for \(function.canonicalSignature))")
        return render(data[4...], parameters: function.inputs, header: header)
    }

    static func render(_ data: ArraySlice<UInt8>, parameters: [ABIParameter], header: String?) -> String {
        var notes: [Int: String] = [:]
        var failure: ABIDecodingError?
        data.withUnsafeBytes { raw in
            var reader = ABIReader(raw, reportingOffset: 0)
            reader.notes = [:]
            do throws(ABIDecodingError) {
                _ = try reader.decodeTuple(parameters.map(\.type), names: parameters, at: 0, depth: 0, arguments: true)
            } catch {
                failure = error
            }
            notes = reader.notes ?? [:]
        }
        let bytes = Array(data)
        var lines: [String] = header.map { [$0] } ?? []
        let width = Swift.max(3, String(Swift.max(0, bytes.count - 1), radix: 16).count)
        func offset(_ value: Int) -> String {
            let digits = String(value, radix: 16)
            return "0x" + String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        }
        var position = 0
        while position < bytes.count {
            let end = Swift.min(position + 32, bytes.count)
            let word = Hex.encode(bytes[position..<end], prefix: false)
            let what = notes[position] ?? (end - position < 32 ? "unused (partial word)" : "unused")
            lines.append("\(offset(position))  \(word)  \(what)")
            // Non-canonical encodings may point between word boundaries.
            for inner in (position + 1)..<end {
                if let note = notes[inner] { lines.append("\(offset(inner))  (inside the word above)  \(note)") }
            }
            position = end
        }
        if let failure { lines.append("error: \(failure)") }
        return lines.joined(separator: "\n")
    }
}

extension ABIFunction {
    /// The auditor view of call data for this function (see ``ABILayout``).
    public func layout(ofCall data: [UInt8]) -> String { ABILayout.describeCall(data, function: self) }
}

import ChainModel

/// Exact decimal text of token amounts for tables.
enum UnitFormatting {
    /// `value / 10^decimals` exactly, without trailing fractional zeros (`1.5`, `0.000001`, `12`).
    static func tokens(_ value: UInt256, decimals: Int) -> String {
        let digits = value.description
        guard decimals > 0 else { return digits }
        let padded = digits.count <= decimals ? String(repeating: "0", count: decimals - digits.count + 1) + digits : digits
        let split = padded.index(padded.endIndex, offsetBy: -decimals)
        var fraction = String(padded[split...])
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? String(padded[..<split]) : String(padded[..<split]) + "." + fraction
    }

    /// `value / 10^decimals` rounded down to `places` fractional digits (all kept, e.g. `12.50`).
    static func fixed(_ value: UInt256, decimals: Int, places: Int) -> String {
        var v = value
        var d = decimals
        if decimals > places, let divisor = UInt256.power(of10: decimals - places) {
            v = value / divisor
            d = places
        }
        let text = tokens(v, decimals: d)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        return places == 0 ? String(parts[0]) : String(parts[0]) + "." + fraction + String(repeating: "0", count: places - fraction.count)
    }

    /// A 1e18-scaled fraction as a percentage with two decimals, rounded down (`24.81%`).
    static func percent(_ wad: UInt256) -> String { fixed(wad, decimals: 16, places: 2) + "%" }

    /// Left-aligned columns separated by two spaces; `rightAligned` columns are padded on the left.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for row in all {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += rightAligned.contains(i) ? pad + cell : cell + (i == row.count - 1 ? "" : pad)
                if i < row.count - 1 { line += "  " }
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}

/// A strict, bounded reader for comma-separated text: one record per line (LF or CRLF),
/// double-quoted fields with `""` escapes, no multi-line fields.
struct CSVReader {
    /// Longest accepted file (bytes) and widest accepted record (fields).
    static let maximumBytes = 512 << 20
    static let maximumFields = 64

    struct Record {
        var line: Int
        var fields: [Substring]
    }

    /// Splits `text` into records, skipping blank lines; throws on an unterminated quote,
    /// text after a closing quote, or a record wider than `maximumFields`.
    static func records(_ text: String, file: String) throws(InputFileError) -> [Record] {
        guard text.utf8.count <= maximumBytes else {
            throw InputFileError(file: file, line: nil, field: "(file)", value: "\(text.utf8.count) bytes",
                                  rule: "file larger than \(maximumBytes) bytes")
        }
        var result: [Record] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            result.append(Record(line: lineNumber, fields: try split(line, line: lineNumber, file: file)))
        }
        return result
    }

    private static func split(_ line: Substring, line number: Int, file: String) throws(InputFileError) -> [Substring] {
        var fields: [Substring] = []
        var index = line.startIndex
        while true {
            guard fields.count < maximumFields else {
                throw InputFileError(file: file, line: number, field: "(record)", value: String(line),
                                      rule: "more than \(maximumFields) fields")
            }
            if index < line.endIndex, line[index] == "\"" {
                var value = ""
                var i = line.index(after: index)
                var closed = false
                while i < line.endIndex {
                    if line[i] == "\"" {
                        let next = line.index(after: i)
                        if next < line.endIndex, line[next] == "\"" {
                            value.append("\"")
                            i = line.index(after: next)
                            continue
                        }
                        closed = true
                        i = next
                        break
                    }
                    value.append(line[i])
                    i = line.index(after: i)
                }
                guard closed else {
                    throw InputFileError(file: file, line: number, field: "field \(fields.count + 1)", value: String(line[index...]),
                                          rule: "unterminated quoted field")
                }
                fields.append(Substring(value))
                if i == line.endIndex { return fields }
                guard line[i] == "," else {
                    throw InputFileError(file: file, line: number, field: "field \(fields.count)", value: String(line[i...]),
                                          rule: "text after a closing quote")
                }
                index = line.index(after: i)
            } else {
                let end = line[index...].firstIndex(of: ",") ?? line.endIndex
                fields.append(line[index..<end])
                if end == line.endIndex { return fields }
                index = line.index(after: end)
            }
        }
    }

    /// Parses a finite decimal number (`-12.5`, `1e9`); nil for anything else (including nan/inf/hex).
    static func number(_ text: Substring) -> Double? {
        let t = text.trimmingSpaces
        guard !t.isEmpty, t.utf8.count <= 64 else { return nil }
        for c in t.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                continue
            default:
                return nil
            }
        }
        guard let v = Double(t), v.isFinite else { return nil }
        return v
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}

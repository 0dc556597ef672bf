import Foundation
import Yams

/// A read-only view of a composed YAML node that reports every problem as an
/// `InputFileError` with the file, the line and the dotted key path, and rejects unknown keys.
package struct StrictYAML {
    package let node: Node
    package let path: String
    package let file: String

    /// Parses `text` (YAML or JSON) into its root node; throws with the parser's line on bad syntax.
    package static func root(_ text: String, file: String) throws(InputFileError) -> StrictYAML {
        guard text.utf8.count <= 16 << 20 else {
            throw InputFileError(file: file, line: nil, field: "(file)", value: "\(text.utf8.count) bytes", rule: "file larger than 16 MiB")
        }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            var line: Int?
            switch error {
            case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
                line = mark.line
            default:
                line = nil
            }
            throw InputFileError(file: file, line: line, field: "(syntax)", value: "", rule: "not valid YAML: \(error)")
        } catch {
            throw InputFileError(file: file, line: nil, field: "(syntax)", value: "", rule: "not valid YAML: \(error)")
        }
        guard let composed else {
            throw InputFileError(file: file, line: nil, field: "(document)", value: "", rule: "the file is empty")
        }
        return StrictYAML(node: composed, path: "", file: file)
    }

    package var line: Int? { node.mark?.line }

    package func error(_ rule: String, value: String? = nil) -> InputFileError {
        InputFileError(file: file, line: line, field: path.isEmpty ? "(root)" : path,
                       value: value ?? (node.scalar?.string ?? "(\(kindName))"), rule: rule)
    }

    private var kindName: String {
        switch node {
        case .scalar: return "scalar"
        case .mapping: return "mapping"
        case .sequence: return "sequence"
        case .alias: return "alias"
        }
    }

    private func child(_ key: String, _ value: Node) -> StrictYAML {
        StrictYAML(node: value, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The mapping's entries in file order, after checking every key is in `allowed`.
    package func mapping(allowed: Set<String>? = nil) throws(InputFileError) -> [(key: String, value: StrictYAML)] {
        guard let mapping = node.mapping else { throw error("expected a mapping") }
        var result: [(String, StrictYAML)] = []
        var seen = Set<String>()
        for (k, v) in mapping {
            guard let key = k.scalar?.string else { throw error("mapping keys must be scalars") }
            let entry = child(key, v)
            if let allowed, !allowed.contains(key) {
                throw InputFileError(file: file, line: k.mark?.line, field: entry.path, value: key,
                                     rule: "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard seen.insert(key).inserted else {
                throw InputFileError(file: file, line: k.mark?.line, field: entry.path, value: key, rule: "duplicate key")
            }
            result.append((key, entry))
        }
        return result
    }

    /// The mapping as a dictionary (keys checked against `allowed`).
    package func fields(allowed: Set<String>) throws(InputFileError) -> [String: StrictYAML] {
        var d: [String: StrictYAML] = [:]
        for (k, v) in try mapping(allowed: allowed) { d[k] = v }
        return d
    }

    /// The sequence's items.
    package func sequence() throws(InputFileError) -> [StrictYAML] {
        guard let sequence = node.sequence else { throw error("expected a sequence") }
        return sequence.enumerated().map { StrictYAML(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// The scalar text (quoted or not).
    package func string() throws(InputFileError) -> String {
        guard let scalar = node.scalar else { throw error("expected a scalar value") }
        return scalar.string
    }

    /// A finite number.
    package func double() throws(InputFileError) -> Double {
        let text = try string()
        guard let v = CSVReader.number(Substring(text.replacingUnderscores)) else { throw error("expected a finite number") }
        return v
    }

    /// An integer.
    package func int() throws(InputFileError) -> Int {
        let text = try string()
        guard let v = Int(text.replacingUnderscores) else { throw error("expected an integer") }
        return v
    }

    /// `true` or `false`.
    package func bool() throws(InputFileError) -> Bool {
        switch try string() {
        case "true": return true
        case "false": return false
        default: throw error("expected true or false")
        }
    }

    /// A `YYYY-MM-DD` day.
    package func day() throws(InputFileError) -> Day {
        guard let d = Day(iso: try string()) else { throw error("expected a date YYYY-MM-DD") }
        return d
    }

    /// A list of strings (a single scalar counts as a one-element list).
    package func strings() throws(InputFileError) -> [String] {
        if node.scalar != nil { return [try string()] }
        var out: [String] = []
        for item in try sequence() { out.append(try item.string()) }
        return out
    }
}

extension String {
    var replacingUnderscores: String { contains("_") ? replacingOccurrences(of: "_", with: "") : self }
}

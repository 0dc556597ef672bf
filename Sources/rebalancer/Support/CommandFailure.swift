/// A command that cannot do what was asked. Thrown from `run()`, swift-argument-parser prints it
/// as one line on standard error, `Error: <description>`, and exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    /// The reason, one line: what was wrong (argument, value) and the rule it broke.
    let description: String

    /// Creates a failure; line breaks in `message` are flattened so the report stays one line.
    init(_ message: String) {
        description = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

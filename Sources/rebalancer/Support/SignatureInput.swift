import ChainModel

/// Reading the command line's function signature and cast-syntax arguments.
enum SignatureInput {
    /// Parses a function signature such as `bid(address,address,address,uint256,uint256,bool)`,
    /// `balanceOf(address)(uint256)` or `function f(uint256 amount) returns (bool)`.
    /// With `allowNameless`, a bare parameter list such as `(uint256,bool)` is accepted too.
    ///
    /// - Returns: the function.
    /// - Throws: ``CommandFailure`` naming the signature, the column and the rule.
    static func function(_ text: String, allowNameless: Bool = false) throws(CommandFailure) -> ABIFunction {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        let source = allowNameless && trimmed.hasPrefix("(") ? "f" + trimmed : text
        do {
            return try ABIFunction(signature: source)
        } catch {
            if source != text {
                throw CommandFailure("invalid ABI signature \"\(text)\": \(error.reason)")
            }
            throw CommandFailure(error.description)
        }
    }

    /// `arguments` without the first `--` (the end-of-options marker, which the argument parser
    /// passes through to a catch-all argument list): `abi-encode 'f(string)' -- -h` encodes "-h".
    static func withoutTerminator(_ arguments: [String]) -> [String] {
        guard let marker = arguments.firstIndex(of: "--") else { return arguments }
        var remaining = arguments
        remaining.remove(at: marker)
        return remaining
    }

    /// Parses one cast-syntax argument per parameter (after dropping a `--` marker).
    ///
    /// - Returns: the values, in parameter order.
    /// - Throws: ``CommandFailure`` when the argument count differs from the parameter count, or
    ///   naming the argument (1-based, with its name and type) and the rule its text breaks.
    static func values(_ arguments: [String], for function: ABIFunction) throws(CommandFailure) -> [ABIValue] {
        let arguments = withoutTerminator(arguments)
        let parameters = function.inputs
        guard arguments.count == parameters.count else {
            throw CommandFailure("wrong number of arguments for \(function.canonicalSignature): expected \(parameters.count), got \(arguments.count)")
        }
        var values: [ABIValue] = []
        values.reserveCapacity(parameters.count)
        for (position, (parameter, argument)) in zip(parameters, arguments).enumerated() {
            do {
                values.append(try CastSyntax.parse(argument, as: parameter.type))
            } catch {
                let name = parameter.name.isEmpty ? "" : " \(parameter.name)"
                throw CommandFailure(error.described(in: "argument \(position + 1)\(name) (\(parameter.type.canonicalName))"))
            }
        }
        return values
    }
}

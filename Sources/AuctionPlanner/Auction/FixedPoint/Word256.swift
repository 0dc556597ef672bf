import ChainModel

/// The EVM's 256-bit word operations that the auction math needs: wrapping and overflow-reporting
/// addition, subtraction and multiplication, unsigned and signed (`sdiv`) division, shifts
/// (`shl`, `shr`, `sar`) and decimal text. Stack only: no operation allocates.
///
/// The names are kept apart from `UInt256`'s own API on purpose: these are the exact opcode
/// semantics the contracts were compiled to, and the Solidity layers above (`SafeMath`,
/// `PreciseUnitMath`, solady's `FixedPointMathLib`) are written against them.
@usableFromInline
enum Word256 {
    // MARK: Unsigned

    /// `a + b` mod 2²⁵⁶ and whether it wrapped.
    @inlinable
    static func add(_ a: UInt256, _ b: UInt256) -> (value: UInt256, overflow: Bool) {
        let (r0, c0) = a.w0.addingReportingOverflow(b.w0)
        let (s1, c1a) = a.w1.addingReportingOverflow(b.w1)
        let (r1, c1b) = s1.addingReportingOverflow(c0 ? 1 : 0)
        let (s2, c2a) = a.w2.addingReportingOverflow(b.w2)
        let (r2, c2b) = s2.addingReportingOverflow((c1a || c1b) ? 1 : 0)
        let (s3, c3a) = a.w3.addingReportingOverflow(b.w3)
        let (r3, c3b) = s3.addingReportingOverflow((c2a || c2b) ? 1 : 0)
        return (UInt256(w0: r0, w1: r1, w2: r2, w3: r3), c3a || c3b)
    }

    /// `a − b` mod 2²⁵⁶ and whether it borrowed (b > a).
    @inlinable
    static func sub(_ a: UInt256, _ b: UInt256) -> (value: UInt256, overflow: Bool) {
        let (r0, b0) = a.w0.subtractingReportingOverflow(b.w0)
        let (s1, b1a) = a.w1.subtractingReportingOverflow(b.w1)
        let (r1, b1b) = s1.subtractingReportingOverflow(b0 ? 1 : 0)
        let (s2, b2a) = a.w2.subtractingReportingOverflow(b.w2)
        let (r2, b2b) = s2.subtractingReportingOverflow((b1a || b1b) ? 1 : 0)
        let (s3, b3a) = a.w3.subtractingReportingOverflow(b.w3)
        let (r3, b3b) = s3.subtractingReportingOverflow((b2a || b2b) ? 1 : 0)
        return (UInt256(w0: r0, w1: r1, w2: r2, w3: r3), b3a || b3b)
    }

    /// The low 256 bits of `a · b` and whether the full product needed more.
    @inlinable
    static func mul(_ a: UInt256, _ b: UInt256) -> (value: UInt256, overflow: Bool) {
        let x = (a.w0, a.w1, a.w2, a.w3)
        let y = (b.w0, b.w1, b.w2, b.w3)
        var r: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafePointer(to: x) { xp in
            withUnsafePointer(to: y) { yp in
                withUnsafeMutablePointer(to: &r) { rp in
                    xp.withMemoryRebound(to: UInt64.self, capacity: 4) { xs in
                        yp.withMemoryRebound(to: UInt64.self, capacity: 4) { ys in
                            rp.withMemoryRebound(to: UInt64.self, capacity: 8) { rs in
                                for i in 0..<4 where xs[i] != 0 {
                                    var carry: UInt64 = 0
                                    for j in 0..<4 {
                                        let (hi, lo) = xs[i].multipliedFullWidth(by: ys[j])
                                        let (s1, o1) = rs[i + j].addingReportingOverflow(lo)
                                        let (s2, o2) = s1.addingReportingOverflow(carry)
                                        rs[i + j] = s2
                                        carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                                    }
                                    rs[i + 4] = carry
                                }
                            }
                        }
                    }
                }
            }
        }
        return (UInt256(w0: r.0, w1: r.1, w2: r.2, w3: r.3), (r.4 | r.5 | r.6 | r.7) != 0)
    }

    /// `⌊a / b⌋` and `a mod b`. `b` must not be 0 (callers model the EVM's or SafeMath's
    /// behaviour for 0 themselves).
    @usableFromInline
    static func divMod(_ a: UInt256, _ b: UInt256) -> (quotient: UInt256, remainder: UInt256) {
        precondition(!b.isZero, "Word256.divMod by zero")
        if a < b { return (.zero, a) }
        if (b.w1 | b.w2 | b.w3) == 0 { return divMod(a, small: b.w0) }
        return divModKnuth(a, b)
    }

    /// Division by a single 64-bit limb (schoolbook, top limb first).
    @inlinable
    static func divMod(_ a: UInt256, small d: UInt64) -> (quotient: UInt256, remainder: UInt256) {
        var r: UInt64 = 0
        let (q3, r3) = d.dividingFullWidth((r, a.w3)); r = r3
        let (q2, r2) = d.dividingFullWidth((r, a.w2)); r = r2
        let (q1, r1) = d.dividingFullWidth((r, a.w1)); r = r1
        let (q0, r0) = d.dividingFullWidth((r, a.w0))
        return (UInt256(w0: q0, w1: q1, w2: q2, w3: q3), UInt256(r0))
    }

    /// Knuth's algorithm D for a divisor of two or more limbs (`a ≥ b`).
    @usableFromInline
    static func divModKnuth(_ a: UInt256, _ b: UInt256) -> (quotient: UInt256, remainder: UInt256) {
        let n = (b.bitLength + 63) / 64
        let m = (a.bitLength + 63) / 64 - n
        let shift = UInt64((64 - b.bitLength % 64) % 64)
        let vn = shl(b, Int(shift))
        let un256 = shl(a, Int(shift))
        let top: UInt64 = shift == 0 ? 0 : limb(a, m + n - 1) >> (64 - shift)
        var u: (UInt64, UInt64, UInt64, UInt64, UInt64) = (un256.w0, un256.w1, un256.w2, un256.w3, 0)
        var q: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let v = (vn.w0, vn.w1, vn.w2, vn.w3)
        withUnsafeMutablePointer(to: &u) { up in
            withUnsafeMutablePointer(to: &q) { qp in
                withUnsafePointer(to: v) { vp in
                    up.withMemoryRebound(to: UInt64.self, capacity: 5) { un in
                        qp.withMemoryRebound(to: UInt64.self, capacity: 4) { qs in
                            vp.withMemoryRebound(to: UInt64.self, capacity: 4) { vs in
                                un[m + n] = top
                                let vTop = vs[n - 1], vNext = vs[n - 2]
                                var j = m
                                while j >= 0 {
                                    var qhat: UInt64, rhat: UInt64
                                    var rhatOverflow = false
                                    if un[j + n] >= vTop {
                                        qhat = .max
                                        (rhat, rhatOverflow) = un[j + n - 1].addingReportingOverflow(vTop)
                                    } else {
                                        (qhat, rhat) = vTop.dividingFullWidth((un[j + n], un[j + n - 1]))
                                    }
                                    while !rhatOverflow {
                                        let (ph, pl) = qhat.multipliedFullWidth(by: vNext)
                                        guard ph > rhat || (ph == rhat && pl > un[j + n - 2]) else { break }
                                        qhat -= 1
                                        (rhat, rhatOverflow) = rhat.addingReportingOverflow(vTop)
                                    }
                                    var carry: UInt64 = 0
                                    for i in 0..<n {
                                        let (ph, pl) = qhat.multipliedFullWidth(by: vs[i])
                                        let (p, c1) = pl.addingReportingOverflow(carry)
                                        let (t, b1) = un[i + j].subtractingReportingOverflow(p)
                                        un[i + j] = t
                                        carry = ph &+ (c1 ? 1 : 0) &+ (b1 ? 1 : 0)
                                    }
                                    let (t, borrowed) = un[j + n].subtractingReportingOverflow(carry)
                                    un[j + n] = t
                                    if borrowed {
                                        qhat -= 1
                                        var c: UInt64 = 0
                                        for i in 0..<n {
                                            let (s1, o1) = un[i + j].addingReportingOverflow(vs[i])
                                            let (s2, o2) = s1.addingReportingOverflow(c)
                                            un[i + j] = s2
                                            c = (o1 || o2) ? 1 : 0
                                        }
                                        un[j + n] &+= c
                                    }
                                    qs[j] = qhat
                                    j -= 1
                                }
                                for i in n..<5 { un[i] = 0 }
                            }
                        }
                    }
                }
            }
        }
        let remainder = shr(UInt256(w0: u.0, w1: u.1, w2: u.2, w3: u.3), Int(shift))
        return (UInt256(w0: q.0, w1: q.1, w2: q.2, w3: q.3), remainder)
    }

    /// Limb `index` (0 = least significant) of `a`.
    @inlinable
    static func limb(_ a: UInt256, _ index: Int) -> UInt64 {
        switch index {
        case 0: return a.w0
        case 1: return a.w1
        case 2: return a.w2
        default: return a.w3
        }
    }

    /// `a << n` mod 2²⁵⁶ (0 for n ≥ 256), as the EVM's `shl`.
    @inlinable
    static func shl(_ a: UInt256, _ n: Int) -> UInt256 {
        if n <= 0 { return a }
        if n >= 256 { return .zero }
        var l = (a.w0, a.w1, a.w2, a.w3)
        let words = n / 64, bits = UInt64(n % 64)
        for _ in 0..<words { l = (0, l.0, l.1, l.2) }
        if bits == 0 { return UInt256(w0: l.0, w1: l.1, w2: l.2, w3: l.3) }
        return UInt256(
            w0: l.0 << bits,
            w1: (l.1 << bits) | (l.0 >> (64 - bits)),
            w2: (l.2 << bits) | (l.1 >> (64 - bits)),
            w3: (l.3 << bits) | (l.2 >> (64 - bits)))
    }

    /// `a >> n` (logical; 0 for n ≥ 256), as the EVM's `shr`.
    @inlinable
    static func shr(_ a: UInt256, _ n: Int) -> UInt256 {
        if n <= 0 { return a }
        if n >= 256 { return .zero }
        var l = (a.w0, a.w1, a.w2, a.w3)
        let words = n / 64, bits = UInt64(n % 64)
        for _ in 0..<words { l = (l.1, l.2, l.3, 0) }
        if bits == 0 { return UInt256(w0: l.0, w1: l.1, w2: l.2, w3: l.3) }
        return UInt256(
            w0: (l.0 >> bits) | (l.1 << (64 - bits)),
            w1: (l.1 >> bits) | (l.2 << (64 - bits)),
            w2: (l.2 >> bits) | (l.3 << (64 - bits)),
            w3: l.3 >> bits)
    }

    // MARK: Signed (two's complement on the same words)

    /// `−a` mod 2²⁵⁶.
    @inlinable
    static func negate(_ a: UInt256) -> UInt256 {
        add(UInt256(w0: ~a.w0, w1: ~a.w1, w2: ~a.w2, w3: ~a.w3), .one).value
    }

    /// The magnitude of a signed word (2²⁵⁵ for −2²⁵⁵).
    @inlinable
    static func magnitude(_ a: Int256) -> UInt256 { a.isNegative ? negate(a.bitPattern) : a.bitPattern }

    /// Wrapping signed addition (`unchecked { a + b }`).
    @inlinable
    static func sadd(_ a: Int256, _ b: Int256) -> Int256 { Int256(bitPattern: add(a.bitPattern, b.bitPattern).value) }

    /// Wrapping signed subtraction.
    @inlinable
    static func ssub(_ a: Int256, _ b: Int256) -> Int256 { Int256(bitPattern: sub(a.bitPattern, b.bitPattern).value) }

    /// Wrapping signed multiplication (the low 256 bits of the two's-complement product).
    @inlinable
    static func smul(_ a: Int256, _ b: Int256) -> Int256 { Int256(bitPattern: mul(a.bitPattern, b.bitPattern).value) }

    /// `sdiv`: signed division truncating toward zero; 0 for a zero divisor; −2²⁵⁵ / −1 = −2²⁵⁵.
    @inlinable
    static func sdiv(_ a: Int256, _ b: Int256) -> Int256 {
        if b.bitPattern.isZero { return .zero }
        let q = divMod(magnitude(a), magnitude(b)).quotient
        return Int256(bitPattern: a.isNegative != b.isNegative ? negate(q) : q)
    }

    /// `sar`: arithmetic right shift, rounding toward −∞.
    @inlinable
    static func sar(_ a: Int256, _ n: Int) -> Int256 {
        guard a.isNegative else { return Int256(bitPattern: shr(a.bitPattern, n)) }
        let inverted = UInt256(w0: ~a.bitPattern.w0, w1: ~a.bitPattern.w1, w2: ~a.bitPattern.w2, w3: ~a.bitPattern.w3)
        let shifted = shr(inverted, n)
        return Int256(bitPattern: UInt256(w0: ~shifted.w0, w1: ~shifted.w1, w2: ~shifted.w2, w3: ~shifted.w3))
    }

    /// `shl` on a signed word (wraps: the bit pattern is shifted).
    @inlinable
    static func sshl(_ a: Int256, _ n: Int) -> Int256 { Int256(bitPattern: shl(a.bitPattern, n)) }

    // MARK: Decimal text

    /// Parses decimal digits (optionally `_`-separated, or a `0x` hex word). Returns nil for
    /// empty text, other characters, or a value of 2²⁵⁶ or more.
    static func parse<S: StringProtocol>(_ text: S) -> UInt256? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            let digits = text.dropFirst(2)
            guard !digits.isEmpty, digits.count <= 64 else { return nil }
            var value = UInt256.zero
            for ch in digits {
                guard let d = ch.hexDigitValue else { return nil }
                value = add(shl(value, 4), UInt256(UInt64(d))).value
            }
            return value
        }
        var value = UInt256.zero
        var sawDigit = false
        for ch in text {
            if ch == "_" { continue }
            guard let d = ch.wholeNumberValue, ch.isASCII else { return nil }
            let (times10, o1) = mul(value, 10)
            let (next, o2) = add(times10, UInt256(UInt64(d)))
            guard !o1, !o2 else { return nil }
            value = next
            sawDigit = true
        }
        return sawDigit ? value : nil
    }

    /// The value in decimal.
    static func decimal(_ a: UInt256) -> String {
        if a.isZero { return "0" }
        var chunks: [UInt64] = []
        var rest = a
        while !rest.isZero {
            let (q, r) = divMod(rest, small: 10_000_000_000_000_000_000)
            chunks.append(r.w0)
            rest = q
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    /// A signed value in decimal.
    static func decimal(_ a: Int256) -> String {
        a.isNegative ? "-" + decimal(magnitude(a)) : decimal(a.bitPattern)
    }

    /// Parses an optionally `-`-prefixed decimal into a signed word (nil outside int256).
    static func parseSigned(_ text: String) -> Int256? {
        let negative = text.hasPrefix("-")
        guard let magnitude = parse(negative ? text.dropFirst() : Substring(text)) else { return nil }
        if negative {
            guard magnitude <= Int256.min.bitPattern else { return nil }
            return Int256(bitPattern: negate(magnitude))
        }
        guard magnitude <= Int256.max.bitPattern else { return nil }
        return Int256(bitPattern: magnitude)
    }
}

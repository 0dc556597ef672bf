/// A dense row-major square or rectangular matrix of `Double` for the small problems of the
/// optimizers (n ≤ a few hundred).
public struct DenseMatrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Row-major storage, `rows × columns` values.
    public var storage: [Double]

    /// A zero matrix.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        storage = [Double](repeating: 0, count: rows * columns)
    }

    /// A matrix from nested rows (all of the same length).
    public init(_ nested: [[Double]]) {
        rows = nested.count
        columns = nested.first?.count ?? 0
        storage = nested.flatMap { $0 }
        precondition(storage.count == rows * columns, "ragged rows")
    }

    /// Element access.
    @inline(__always)
    public subscript(_ i: Int, _ j: Int) -> Double {
        get { storage[i * columns + j] }
        set { storage[i * columns + j] = newValue }
    }

    /// `self · x`.
    public func multiply(_ x: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { v in
                for i in 0..<rows {
                    var s = 0.0
                    let base = i * columns
                    for j in 0..<columns { s += a[base + j] * v[j] }
                    out[i] = s
                }
            }
        }
        return out
    }

    /// `xᵀ · self · x` for a square matrix.
    public func quadraticForm(_ x: [Double]) -> Double {
        dot(x, multiply(x))
    }

    /// The lower Cholesky factor `L` with `self = L·Lᵀ`, or nil when the matrix is not
    /// (numerically) positive definite.
    public func cholesky() -> DenseMatrix? {
        precondition(rows == columns, "square matrix")
        let n = rows
        var l = DenseMatrix(rows: n, columns: n)
        let ok = storage.withUnsafeBufferPointer { a in
            l.storage.withUnsafeMutableBufferPointer { lp -> Bool in
                for j in 0..<n {
                    var d = a[j * n + j]
                    for k in 0..<j { d -= lp[j * n + k] * lp[j * n + k] }
                    guard d > 1e-300, d > 1e-14 * abs(a[j * n + j]) else { return false }
                    let root = d.squareRoot()
                    lp[j * n + j] = root
                    for i in (j + 1)..<max(j + 1, n) {
                        var s = a[i * n + j]
                        for k in 0..<j { s -= lp[i * n + k] * lp[j * n + k] }
                        lp[i * n + j] = s / root
                    }
                }
                return true
            }
        }
        return ok ? l : nil
    }

    /// Solves `L·Lᵀ·x = b` for this lower Cholesky factor `L`.
    public func choleskySolve(_ b: [Double]) -> [Double] {
        let n = rows
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= self[i, k] * y[k] }
            y[i] = s / self[i, i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<n { s -= self[k, i] * y[k] }
            y[i] = s / self[i, i]
        }
        return y
    }

    /// The inverse of a symmetric positive definite matrix, or nil when it is not positive definite.
    public func inverseSPD() -> DenseMatrix? {
        guard let l = cholesky() else { return nil }
        let n = rows
        // Invert L (lower triangular) in place into m, then A⁻¹ = L⁻ᵀ L⁻¹.
        var m = [Double](repeating: 0, count: n * n)
        l.storage.withUnsafeBufferPointer { lp in
            m.withUnsafeMutableBufferPointer { mp in
                for j in 0..<n {
                    mp[j * n + j] = 1 / lp[j * n + j]
                    for i in (j + 1)..<max(j + 1, n) {
                        var s = 0.0
                        for k in j..<i { s -= lp[i * n + k] * mp[k * n + j] }
                        mp[i * n + j] = s / lp[i * n + i]
                    }
                }
            }
        }
        var inv = DenseMatrix(rows: n, columns: n)
        m.withUnsafeBufferPointer { mp in
            inv.storage.withUnsafeMutableBufferPointer { out in
                for i in 0..<n {
                    for j in 0...i {
                        var s = 0.0
                        for k in i..<n { s += mp[k * n + i] * mp[k * n + j] }
                        out[i * n + j] = s
                        out[j * n + i] = s
                    }
                }
            }
        }
        return inv
    }
}

/// `Σ a_i b_i`.
@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
            for i in 0..<x.count { s += x[i] * y[i] }
        }
    }
    return s
}

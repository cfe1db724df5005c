#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small, self-contained statistics used by the before/after comparison: Wilson score intervals, Newcombe's
/// hybrid interval for a difference of proportions, the two-proportion z-test and Fisher's exact test.
public enum Statistics {
    /// The standard normal quantile for a two-sided 95% interval (z for 0.975).
    public static let z95: Double = 1.959963984540054

    /// The Wilson score interval for `successes` out of `trials`, as (low, high); nil when `trials` is 0.
    public static func wilsonInterval(successes: Int, trials: Int, z: Double = z95) -> (low: Double, high: Double)? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials)
        let x = Double(successes)
        let z2 = z * z
        let center = (x + z2 / 2) / (n + z2)
        let half = z * (x * (n - x) / n + z2 / 4).squareRoot() / (n + z2)
        return (max(0, center - half), min(1, center + half))
    }

    /// Newcombe's hybrid score interval (his method 10) for the difference `x1/n1 - x2/n2`, as (low, high);
    /// nil when either group is empty.
    public static func newcombeInterval(
        successes1 x1: Int, trials1 n1: Int, successes2 x2: Int, trials2 n2: Int, z: Double = z95
    ) -> (low: Double, high: Double)? {
        guard let (l1, u1) = wilsonInterval(successes: x1, trials: n1, z: z),
            let (l2, u2) = wilsonInterval(successes: x2, trials: n2, z: z)
        else { return nil }
        let p1 = Double(x1) / Double(n1)
        let p2 = Double(x2) / Double(n2)
        let d = p1 - p2
        let low = d - ((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)).squareRoot()
        let high = d + ((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)).squareRoot()
        return (max(-1, low), min(1, high))
    }

    /// The two-sided p-value of the pooled two-proportion z-test of `x1/n1` against `x2/n2`; nil when either
    /// group is empty, 1 when the pooled proportion is 0 or 1 (no variance: nothing to tell apart).
    public static func twoProportionZTest(successes1 x1: Int, trials1 n1: Int, successes2 x2: Int, trials2 n2: Int)
        -> Double?
    {
        guard n1 > 0, n2 > 0 else { return nil }
        let p1 = Double(x1) / Double(n1)
        let p2 = Double(x2) / Double(n2)
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))
        guard variance > 0 else { return 1 }
        let z = abs(p1 - p2) / variance.squareRoot()
        return min(1, erfc(z / 2.0.squareRoot()))
    }

    /// The two-sided p-value of Fisher's exact test for the 2x2 table [[a, b], [c, d]]: the total probability of
    /// every table with the same margins that is no more likely than the observed one. Nil for negative cells.
    public static func fisherExact(a: Int, b: Int, c: Int, d: Int) -> Double? {
        guard a >= 0, b >= 0, c >= 0, d >= 0 else { return nil }
        let row1 = a + b
        let row2 = c + d
        let col1 = a + c
        let n = row1 + row2
        guard n > 0 else { return 1 }
        let lowA = max(0, col1 - row2)
        let highA = min(row1, col1)
        let fixed =
            logFactorial(row1) + logFactorial(row2) + logFactorial(col1) + logFactorial(n - col1)
            - logFactorial(n)
        func logP(_ x: Int) -> Double {
            fixed - logFactorial(x) - logFactorial(row1 - x) - logFactorial(col1 - x) - logFactorial(row2 - col1 + x)
        }
        let observed = logP(a)
        // Relative tolerance as in R's fisher.test, so that ties in probability are counted despite rounding.
        let threshold = observed + log1p(1e-7)
        var total = 0.0
        var x = lowA
        while x <= highA {
            let lp = logP(x)
            if lp <= threshold { total += exp(lp) }
            x += 1
        }
        return min(1, total)
    }

    /// True when some expected cell count of the 2x2 table [[a, b], [c, d]] (row total x column total / n) is
    /// below 5, the usual rule for preferring Fisher's exact test over the z-test.
    public static func hasSmallExpectedCell(a: Int, b: Int, c: Int, d: Int) -> Bool {
        let n = Double(a + b + c + d)
        guard n > 0 else { return true }
        let rows = [Double(a + b), Double(c + d)]
        let cols = [Double(a + c), Double(b + d)]
        for r in rows { for col in cols where r * col / n < 5 { return true } }
        return false
    }

    /// ln(n!) via the log-gamma function.
    static func logFactorial(_ n: Int) -> Double {
        lgamma(Double(n) + 1)
    }
}

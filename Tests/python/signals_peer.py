"""Independent computations for the Swift signals tests (numpy/scipy from the pinned venv).

`signals_peer.py` (no argument): reads JSON {"series": [{"returns": [...], "benchmark": [...], "alpha": a,
"annualization": A}]} on stdin and writes JSON {"results": [{...metrics...}]}: empyrical conventions
(methodology.md section 3), Cornish-Fisher VaR per Dowd, and Cornish-Fisher expected shortfall by numerical
integration of the Cornish-Fisher quantile over the tail (scipy.integrate.quad), independent of the closed
form in Swift.

`signals_peer.py indicators`: reads {"series": [{"close": [...], "period": n}]} and writes TA-Lib-convention
EMA, RSI, MACD(12,26,9), Bollinger(n, 2), ATR (close-only) and ROC arrays (null before the lookback),
written from the TA-Lib definitions in methodology.md section 3 with numpy/pandas-free loops.
"""
import json
import sys

import numpy as np
from scipy import integrate, stats


def cornish_fisher_h(z, s, k):
    return z + (z * z - 1) * s / 6 + (z ** 3 - 3 * z) * k / 24 - (2 * z ** 3 - 5 * z) * s * s / 36


def metrics(item):
    r = np.asarray(item["returns"], dtype=float)
    b = np.asarray(item["benchmark"], dtype=float)
    alpha = item["alpha"]
    ann = item["annualization"]
    mu, sd = r.mean(), r.std(ddof=1)
    s, k = stats.skew(r, bias=True), stats.kurtosis(r, fisher=True, bias=True)
    z = stats.norm.ppf(alpha)
    srt = np.sort(r)
    kcut = int(np.floor((len(r) - 1) * alpha))
    cf_es = integrate.quad(lambda p: cornish_fisher_h(stats.norm.ppf(p), s, k), 0, alpha, limit=200, epsabs=1e-13, epsrel=1e-12)[0] / alpha
    downside = np.sqrt(np.mean(np.minimum(r, 0) ** 2)) * np.sqrt(ann)
    value = np.cumprod(1 + r)
    value = np.concatenate([[1.0], value])
    dd = value / np.maximum.accumulate(value) - 1
    return {
        "historical_var": float(np.percentile(r, 100 * alpha)),
        "historical_cvar": float(srt[: kcut + 1].mean()),
        "gaussian_var": float(mu + sd * z),
        "gaussian_cvar": float(mu - sd * stats.norm.pdf(z) / alpha),
        "cf_var": float(mu + sd * cornish_fisher_h(z, s, k)),
        "cf_cvar": float(mu + sd * cf_es),
        "skewness": float(s),
        "excess_kurtosis": float(k),
        "volatility": float(sd * np.sqrt(ann)),
        "sharpe": float(mu / sd * np.sqrt(ann)),
        "sortino": float(mu * ann / downside),
        "beta": float(np.cov(r, b, ddof=1)[0, 1] / np.var(b, ddof=1)),
        "max_drawdown": float(dd.min()),
        "current_drawdown": float(dd[-1]),
        "normal_quantile": float(z),
    }


def ema(x, n, start=0):
    out = [None] * len(x)
    first = start + n - 1
    if first >= len(x):
        return out
    k = 2.0 / (n + 1)
    e = float(np.mean(x[start:first + 1]))
    out[first] = e
    for i in range(first + 1, len(x)):
        e = e + k * (x[i] - e)
        out[i] = e
    return out


def rsi(x, n):
    out = [None] * len(x)
    if len(x) <= n:
        return out
    d = np.diff(x)
    g = float(np.sum(np.clip(d[:n], 0, None))) / n
    l = float(np.sum(np.clip(-d[:n], 0, None))) / n
    out[n] = 0.0 if g + l == 0 else 100 * g / (g + l)
    for i in range(n + 1, len(x)):
        g = (g * (n - 1) + max(d[i - 1], 0.0)) / n
        l = (l * (n - 1) + max(-d[i - 1], 0.0)) / n
        out[i] = 0.0 if g + l == 0 else 100 * g / (g + l)
    return out


def macd(x, fast=12, slow=26, signal=9):
    f = ema(x, fast, slow - fast)
    s = ema(x, slow)
    line = [None if f[i] is None or s[i] is None else f[i] - s[i] for i in range(len(x))]
    sig = [None] * len(x)
    if len(x) >= slow:
        tail = ema([v for v in line[slow - 1:]], signal)
        sig[slow - 1:] = tail
    return line, sig


def bollinger(x, n, k=2.0):
    up, mid, lo = [None] * len(x), [None] * len(x), [None] * len(x)
    for i in range(n - 1, len(x)):
        w = np.asarray(x[i - n + 1:i + 1])
        m, sd = float(w.mean()), float(w.std(ddof=0))
        up[i], mid[i], lo[i] = m + k * sd, m, m - k * sd
    return up, mid, lo


def atr(x, n):
    out = [None] * len(x)
    if len(x) <= n:
        return out
    tr = np.abs(np.diff(x))
    a = float(np.mean(tr[:n]))
    out[n] = a
    for i in range(n + 1, len(x)):
        a = (a * (n - 1) + tr[i - 1]) / n
        out[i] = a
    return out


def roc(x, n):
    return [None] * n + [100 * (x[i] / x[i - n] - 1) for i in range(n, len(x))]


def indicators(item):
    x = [float(v) for v in item["close"]]
    n = item["period"]
    line, sig = macd(x)
    up, mid, lo = bollinger(x, n)
    return {"ema": ema(x, n), "rsi": rsi(x, n), "macd": line, "signal": sig, "upper": up, "middle": mid,
            "lower": lo, "atr": atr(x, n), "roc": roc(x, n)}


def main():
    doc = json.load(sys.stdin)
    if sys.argv[1:] == ["indicators"]:
        json.dump({"results": [indicators(item) for item in doc["series"]]}, sys.stdout)
    else:
        json.dump({"results": [metrics(item) for item in doc["series"]]}, sys.stdout)


if __name__ == "__main__":
    main()

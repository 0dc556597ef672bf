"""Independent risk-metric computations for the Swift signals tests (numpy/scipy from the pinned venv).

Reads JSON {"series": [{"returns": [...], "benchmark": [...], "alpha": a, "annualization": A}]} on stdin
and writes JSON {"results": [{...metrics...}]}: empyrical conventions (methodology.md section 3),
Cornish-Fisher VaR per Dowd, and Cornish-Fisher expected shortfall by numerical integration of the
Cornish-Fisher quantile over the tail (scipy.integrate.quad), independent of the closed form in Swift.
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


def main():
    doc = json.load(sys.stdin)
    json.dump({"results": [metrics(item) for item in doc["series"]]}, sys.stdout)


if __name__ == "__main__":
    main()

"""Independent scipy/numpy peer of the methodology optimizers (Tests/AuctionPlannerTests and the bench).

Reads one JSON document on stdin and writes one on stdout.

  solve         {"problems": [P, ...]} -> {"results": [{"weights": [...], "objective": x}, ...]}
                P = {"kind": "min_volatility" | "max_sharpe" | "target_volatility",
                     "mu": [...], "cov": [[...]], "lower": [...], "upper": [...], "rf": r, "target": s}
                objective: variance (min_volatility), Sharpe ratio (max_sharpe), expected return (target_volatility)
  ledoit_wolf   {"returns": [[...]]} -> {"covariance": [[...]], "shrinkage": s}
                scikit-learn's ledoit_wolf (constant-variance target), written out with numpy.
  time          {"problems": [P, ...], "repeat": k} -> {"seconds": [median seconds per problem]}
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize


def solve(p):
    mu = np.array(p.get("mu", []), dtype=float)
    cov = np.array(p["cov"], dtype=float)
    n = cov.shape[0]
    lower = np.array(p["lower"], dtype=float)
    upper = np.array(p["upper"], dtype=float)
    bounds = list(zip(lower, upper))
    budget = {"type": "eq", "fun": lambda w: np.sum(w) - 1.0, "jac": lambda w: np.ones(n)}
    x0 = np.clip(np.full(n, 1.0 / n), lower, upper)
    options = {"ftol": 1e-15, "maxiter": 2000}
    kind = p["kind"]
    if kind == "min_volatility":
        res = minimize(lambda w: w @ cov @ w, x0, jac=lambda w: 2 * cov @ w, method="SLSQP",
                       bounds=bounds, constraints=[budget], options=options)
        w = res.x
        return {"weights": w.tolist(), "objective": float(w @ cov @ w)}
    if kind == "max_sharpe":
        rf = float(p.get("rf", 0.0))
        excess = mu - rf

        def neg_sharpe(w):
            return -(excess @ w) / np.sqrt(w @ cov @ w)

        def grad(w):
            v = w @ cov @ w
            s = np.sqrt(v)
            return -(excess * s - (excess @ w) * (cov @ w) / s) / v

        best = None
        starts = [x0]
        rng = np.random.default_rng(0)
        for _ in range(4):
            z = rng.random(n)
            starts.append(np.clip(z / z.sum(), lower, upper))
        for start in starts:
            res = minimize(neg_sharpe, start, jac=grad, method="SLSQP", bounds=bounds, constraints=[budget], options=options)
            if best is None or res.fun < best.fun:
                best = res
        w = best.x
        return {"weights": w.tolist(), "objective": float((excess @ w) / np.sqrt(w @ cov @ w))}
    if kind == "target_volatility":
        target = float(p["target"])
        risk = {"type": "ineq", "fun": lambda w: target * target - w @ cov @ w, "jac": lambda w: -2 * cov @ w}
        res = minimize(lambda w: -(mu @ w), x0, jac=lambda w: -mu, method="SLSQP", bounds=bounds,
                       constraints=[budget, risk], options=options)
        w = res.x
        return {"weights": w.tolist(), "objective": float(mu @ w)}
    raise SystemExit(f"unknown kind {kind}")


def ledoit_wolf(returns):
    x = np.array(returns, dtype=float)
    n_samples, n_features = x.shape
    x = x - x.mean(axis=0)
    emp_cov = x.T @ x / n_samples
    mu = np.trace(emp_cov) / n_features
    x2 = x ** 2
    beta_ = float(np.sum(x2.T @ x2))
    delta_ = float(np.sum((x.T @ x) ** 2)) / n_samples ** 2
    beta = (beta_ / n_samples - delta_) / (n_features * n_samples)
    delta = (delta_ - 2.0 * mu * np.trace(emp_cov) + n_features * mu ** 2) / n_features
    beta = min(beta, delta)
    shrinkage = 0.0 if beta == 0 else beta / delta
    shrunk = (1.0 - shrinkage) * emp_cov
    shrunk.flat[:: n_features + 1] += shrinkage * mu
    return {"covariance": shrunk.tolist(), "shrinkage": shrinkage}


def main():
    command = sys.argv[1]
    doc = json.load(sys.stdin)
    if command == "solve":
        out = {"results": [solve(p) for p in doc["problems"]]}
    elif command == "ledoit_wolf":
        out = ledoit_wolf(doc["returns"])
    elif command == "time":
        repeat = int(doc.get("repeat", 5))
        seconds = []
        for p in doc["problems"]:
            runs = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                solve(p)
                runs.append(time.perf_counter() - t0)
            seconds.append(float(np.median(runs)))
        out = {"seconds": seconds}
    else:
        raise SystemExit(f"unknown command {command}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

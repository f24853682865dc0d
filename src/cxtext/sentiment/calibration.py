"""Probability calibration helpers: temperature scaling and expected calibration error."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["MIN_CALIBRATION_ROWS", "calibrate_temperature", "calibration_rows", "expected_calibration_error",
           "fit_temperature", "softmax"]

#: Fewest held-out rows a temperature is fitted on. On fewer, one or two rows decide it: six held-out
#: rows of a 60-row training set gave a temperature of 0.10 (every probability pushed towards 0 or 1):
#: ECE 0.35 on airline tweets against 0.03 without it. Below this, nothing is held out and the
#: temperature stays 1.
MIN_CALIBRATION_ROWS = 30


def calibration_rows(n_rows: int, calibration_size: float) -> int:
    """How many of ``n_rows`` training rows to hold out for the temperature (0: none).

    Examples
    --------
    >>> calibration_rows(7000, 0.1), calibration_rows(300, 0.1), calibration_rows(290, 0.1), calibration_rows(5000, 0)
    (700, 30, 0, 0)
    """
    n = math.ceil(n_rows * float(calibration_size)) if calibration_size else 0
    return n if n >= MIN_CALIBRATION_ROWS else 0


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of ``logits / temperature``."""
    z = np.asarray(logits, dtype=np.float64) / float(temperature)
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """Return the temperature minimising the negative log-likelihood of ``y``.

    Parameters
    ----------
    logits : ndarray of shape (n, k)
        Decision values of a held-out set.
    y : ndarray of shape (n,)
        Integer class indices.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 3, 500)
    >>> logits = np.eye(3)[y] * 8 + rng.normal(0, 4, (500, 3))  # over-confident
    >>> fit_temperature(logits, y) > 1
    True
    """
    from scipy.optimize import minimize_scalar

    y = np.asarray(y)

    def nll(log_t: float) -> float:
        p = softmax(logits, float(np.exp(log_t)))
        return float(-np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)))

    res = minimize_scalar(nll, bounds=(np.log(0.05), np.log(20.0)), method="bounded")
    return float(np.exp(res.x))


def expected_calibration_error(proba: np.ndarray, y: np.ndarray, n_bins: int = 15) -> float:
    """Expected calibration error of the top-class confidence (equal-width bins).

    Examples
    --------
    >>> import numpy as np
    >>> expected_calibration_error(np.array([[0.9, 0.1], [0.9, 0.1]]), np.array([0, 1]))
    0.4
    """
    proba = np.asarray(proba)
    conf = proba.max(axis=1)
    correct = proba.argmax(axis=1) == np.asarray(y)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return round(float(ece), 10)


def calibrate_temperature(logits: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, float]]:
    """Fit a temperature on held-out logits; return it with ECE before and after.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 3, 400)
    >>> t, report = calibrate_temperature(np.eye(3)[y] * 8 + rng.normal(0, 4, (400, 3)), y)
    >>> report["ece_after"] < report["ece_before"]
    True
    """
    temperature = fit_temperature(logits, y)
    report = {
        "ece_before": round(expected_calibration_error(softmax(logits), y), 4),
        "ece_after": round(expected_calibration_error(softmax(logits, temperature), y), 4),
        "temperature": round(temperature, 4),
        "rows": len(y),
    }
    return temperature, report

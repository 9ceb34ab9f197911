"""The few distribution functions the effect measures need, in plain Python.

Written here rather than taken from scipy.stats because the web workers compute effects and
must not load scipy (tests/test_startup.py): its import alone costs more than every effect a
page shows. Each is checked against scipy in tests/analysis/test_distributions.py.
"""

import math

_TINY = 1e-300
_EPSILON = 3e-16
_MAX_TERMS = 500


def normal_sf(z):
    """P(Z > z) for a standard normal Z."""
    return 0.5 * math.erfc(z / math.sqrt(2))


def _continued_fraction(a, b, x):
    """The continued fraction of the regularised incomplete beta (modified Lentz method)."""
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > _TINY else _TINY)
    result = d
    for m in range(1, _MAX_TERMS):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > _TINY else _TINY)
            c = 1 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            result *= c * d
        if abs(c * d - 1) < _EPSILON:
            break
    return result


def incomplete_beta(a, b, x):
    """The regularised incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    # The fraction converges fast only on one side of the mean; the other side by symmetry.
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _continued_fraction(a, b, x) / a
    return 1 - math.exp(log_front) * _continued_fraction(b, a, 1 - x) / b


def t_two_sided(t, df):
    """P(|T| > |t|) for Student's t with df degrees of freedom (df may be fractional)."""
    return incomplete_beta(df / 2, 0.5, df / (df + t * t))


def t_quantile(probability, df):
    """The t with P(T <= t) = probability, for 0.5 < probability < 1, found by bisection."""
    if not 0.5 < probability < 1:
        raise ValueError("give a probability between 0.5 and 1")
    tail = 2 * (1 - probability)
    low, high = 0.0, 1.0
    while t_two_sided(high, df) > tail:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if t_two_sided(middle, df) > tail:
            low = middle
        else:
            high = middle
        if high - low < 1e-12 * max(1.0, high):
            break
    return (low + high) / 2


def fisher_two_sided(a, b, c, d):
    """Two-sided p of Fisher's exact test on the table [[a, b], [c, d]]: the chance, with the
    margins fixed, of a table no more likely than the one seen."""
    row, column, n = a + b, a + c, a + b + c + d

    def log_p(x):
        return _log_comb(column, x) + _log_comb(n - column, row - x) - _log_comb(n, row)

    seen = log_p(a)
    # A relative tolerance, so tables exactly as likely as the one seen are not lost to rounding.
    limit = seen + math.log1p(1e-7)
    lowest, highest = max(0, row + column - n), min(row, column)
    total = sum(math.exp(log_p(x)) for x in range(lowest, highest + 1) if log_p(x) <= limit)
    return min(1.0, total)


def fisher_less(a, n1, b, n2):
    """One-sided Fisher's exact p-value that a/n1 is lower than b/n2 (exact, from the
    hypergeometric distribution of the first row's successes given both margins)."""
    successes = a + b
    total = n1 + n2
    low, high = max(0, successes - n2), min(n1, successes)
    denominator = math.comb(total, successes)
    tail = sum(math.comb(n1, k) * math.comb(n2, successes - k) for k in range(low, a + 1))
    return min(1.0, tail / denominator) if high >= low else 1.0


def _log_comb(n, k):
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)

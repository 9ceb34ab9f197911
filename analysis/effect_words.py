"""The before-and-after comparison of a shipped change in plain words, one sentence a measure."""

ALPHA_SHOWN = 0.05
SPLIT_ALPHA = 0.025  # ALPHA_SHOWN split over the two measures that decide the state

SUBJECTS = {
    # kind: (sentence subject, what the proportion is of, the good direction)
    "themes": ("The linked themes", "of comments", -1),
    "satisfied": ("% satisfied", "", 1),
}
NAMES = {"themes": "the linked themes' share of comments", "satisfied": "% satisfied"}


def number(value, digits=0):
    """A figure rounded for reading: one more decimal when it would otherwise show as 0."""
    if value != 0 and abs(round(value, digits)) == 0:
        digits += 1
    return f"{value:.{digits}f}"


def p_text(p):
    """'p = 0.04', 'p = 0.003' or 'p < 0.001'."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def change_text(difference, low, high, unit="", digits=0):
    """'a fall of 12 points (95% interval 6 to 18)', or an interval from a fall to a rise."""

    def amount(value):
        text = number(abs(value), digits)
        if unit == "points":
            return f"{text} {'point' if text == '1' else 'points'}"
        return text

    if difference < 0:
        size = f"a fall of {amount(difference)}"
    elif difference > 0:
        size = f"a rise of {amount(difference)}"
    else:
        size = "no change"
    if low == high:
        return f"{size} (exactly: every rating was the same within each window)"
    if difference > 0 and low >= 0:
        interval = f"{number(low, digits)} to {amount(high)}"
    elif difference < 0 and high <= 0:
        interval = f"{number(-high, digits)} to {amount(low)}"
    else:
        interval = f"from a fall of {amount(low)} to a rise of {amount(high)}"
    return f"{size} (95% interval {interval})"


def _n(value):
    return f"{value:,}"


def proportion_sentence(kind, comparison, clear):
    """One sentence for the themes' share or % satisfied, with both n, the interval and p."""
    subject, of, _ = SUBJECTS[kind]
    before, after = 100 * comparison.before, 100 * comparison.after
    of = f" {of}" if of else ""
    if comparison.difference < 0:
        verb = "fell from"
    elif comparison.difference > 0:
        verb = "rose from"
    else:
        verb = "stayed the same, from"
    # Whole points read best, unless rounding makes the two figures disagree with the change.
    digits = 0
    shown = float(number(after)) - float(number(before))
    if abs(shown - float(number(100 * comparison.difference))) > 1e-9:
        digits = 1
    change = change_text(
        100 * comparison.difference,
        100 * comparison.low,
        100 * comparison.high,
        unit="points",
        digits=digits,
    )
    test = " (Fisher's exact test, as the counts are small)" if comparison.test == "fisher" else ""
    sentence = (
        f"{subject} {verb} {number(before, digits)}%{of} (n={_n(comparison.before_n)}) to "
        f"{number(after, digits)}% (n={_n(comparison.after_n)}): {change}, "
        f"{p_text(comparison.p)}{test}."
    )
    if not clear and comparison.p < ALPHA_SHOWN:
        sentence += (
            f" With two measures judged together, a change counts as clear only under "
            f"p = {SPLIT_ALPHA}, so this one does not."
        )
    return sentence


def mean_sentence(means):
    """One sentence for the mean rating: both means and n, the interval and p."""
    if means.difference < 0:
        verb = "fell from"
    elif means.difference > 0:
        verb = "rose from"
    else:
        verb = "stayed the same, from"
    change = change_text(means.difference, means.low, means.high, digits=2)
    return (
        f"The mean rating {verb} {means.before_mean:.2f} (n={_n(means.before_n)}) to "
        f"{means.after_mean:.2f} out of 5 (n={_n(means.after_n)}): {change}, {p_text(means.p)} "
        f"(Welch's t-test; shown for reading, not used to judge)."
    )


def waiting_headline(complete, after, needed):
    """Why there is no verdict yet, with the responses so far."""
    so_far = f"{_n(after)} {'response' if after == 1 else 'responses'} so far"
    if not complete:
        return f"Waiting for data: the weeks after shipping have not all ended yet ({so_far})."
    return (
        f"Waiting for data: {so_far} in the weeks after shipping, and at least {needed} "
        f"are needed to compare."
    )


def judged_headline(state, themes, satisfied, clear):
    """The verdict in one sentence, naming the measures that moved clearly.

    :param clear: the function that says whether a comparison's change is clear.
    """
    moved = {
        kind: comparison.difference * SUBJECTS[kind][2]
        for kind, comparison in (("themes", themes), ("satisfied", satisfied))
        if comparison is not None and clear(comparison)
    }
    good = [_moved_words(kind, better=True) for kind, way in moved.items() if way > 0]
    bad = [_moved_words(kind, better=False) for kind, way in moved.items() if way < 0]
    if themes is None and satisfied is None:
        return "No clear change: there were no responses in the weeks before shipping to compare."
    if state == "improved":
        return f"Improved: {' and '.join(good)} by more than chance would explain."
    if state == "worse":
        words = f"Got worse: {' and '.join(bad)} by more than chance would explain"
        return words + (f", although {' and '.join(good)}." if good else ".")
    compared = [NAMES[k] for k, c in (("themes", themes), ("satisfied", satisfied)) if c]
    if len(compared) == 2:
        return (
            "No clear change: neither the linked themes' share of comments nor % satisfied "
            "moved by more than chance would explain."
        )
    return f"No clear change: {compared[0]} did not move by more than chance would explain."


def _moved_words(kind, better):
    if kind == "themes":
        return f"{NAMES[kind]} {'fell' if better else 'rose'}"
    return f"{NAMES[kind]} {'rose' if better else 'fell'}"

"""Did a shipped change work? The stored weeks around the day it shipped, judged and put in words.

Backlog items call `measure_effect` with their service, linked themes and ship date; the
result renders with the `effect_summary` macro of components/effect.html on a page, and with
`effect_text` in a plain-text email. It sits beside the blueprints, not in one, because the
dashboard, the digest and its email all use it, and the dashboard already imports the digest.
"""

from dataclasses import dataclass
from datetime import date

from flask import url_for

from analysis.effect import STATE_LABELS, Effect, judge
from analysis.effect_words import number, p_text
from app.store import effect_windows, list_items
from app.weeks import week_of

WINDOW_WEEKS = 4
# GOV.UK tag colours: grey while waiting, blue for no clear change, green and red for the rest.
STATE_TAGS = {
    "waiting": "govuk-tag--grey",
    "no_clear_change": "govuk-tag--blue",
    "improved": "govuk-tag--green",
    "worse": "govuk-tag--red",
}


@dataclass(frozen=True)
class MeasuredEffect:
    """A shipped change's effect: its windows of weeks, the judged result and its words."""

    shipped_on: date
    shipped_week: object
    before_weeks: tuple
    after_weeks: tuple
    before_analysed: tuple
    after_analysed: tuple
    unanalysed: tuple
    ends_on: date
    effect: Effect
    headline: str
    linked: bool

    @property
    def rows(self):
        """The table of measures, as measure_rows gives it."""
        return measure_rows(self)

    @property
    def weeks_text(self):
        """Which weeks were compared, as window_words gives it."""
        return window_words(self)

    @property
    def state(self):
        """waiting, no_clear_change, improved or worse."""
        return self.effect.state

    @property
    def label(self):
        """The state as a reader sees it, e.g. 'Got worse'."""
        return STATE_LABELS[self.effect.state]

    @property
    def tag_class(self):
        """The GOV.UK tag modifier for the state."""
        return STATE_TAGS[self.effect.state]

    @property
    def sentences(self):
        """One sentence a measure compared (none while waiting)."""
        return self.effect.sentences


def long_date(day):
    """A date as people read it: 'Wednesday 13 May 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def measure_effect(db, service_id, theme_ids, shipped_on, today, size=WINDOW_WEEKS):
    """Compare the `size` weeks before the week `shipped_on` falls in with the `size` weeks
    after it, for the service and its linked themes, as of `today` (a date, London time)."""
    theme_ids = list(theme_ids)
    windows = effect_windows(
        db, service_id, theme_ids, week_of(shipped_on), size, current_week=week_of(today)
    )
    # Weeks that have ended with responses but no results yet: their analysis will change
    # the counts, so nothing is judged until it has run.
    unanalysed = windows.before.unanalysed + windows.after.unanalysed
    complete = windows.complete and not unanalysed
    effect = judge(windows.before, windows.after, complete=complete, linked=bool(theme_ids))
    ends_on = windows.shipped_week.shift(size).sunday
    headline = effect.headline
    if not windows.complete:
        so_far = windows.after.responses
        headline = (
            f"Waiting for data: the {size} weeks after shipping end on {long_date(ends_on)} "
            f"({so_far:,} {'response' if so_far == 1 else 'responses'} so far)."
        )
    elif unanalysed:
        noun = "week" if len(unanalysed) == 1 else "weeks"
        verb = "has" if len(unanalysed) == 1 else "have"
        headline = (
            f"Waiting for data: {noun} {', '.join(unanalysed)} {verb} "
            "responses that have not been analysed yet; the effect is measured once "
            f"{'it has' if len(unanalysed) == 1 else 'they have'} been."
        )
    return MeasuredEffect(
        shipped_on=shipped_on,
        shipped_week=windows.shipped_week,
        before_weeks=windows.before.weeks,
        after_weeks=windows.after.weeks,
        before_analysed=windows.before.analysed,
        after_analysed=windows.after.analysed,
        unanalysed=unanalysed,
        ends_on=ends_on,
        effect=effect,
        headline=headline,
        linked=bool(theme_ids),
    )


@dataclass(frozen=True)
class ShippedEffect:
    """A shipped backlog item as the priorities page lists it: title, link, measured effect."""

    title: str
    link: str
    measured: MeasuredEffect


def shipped_items(db, service_id):
    """The service's shipped backlog items that have a ship date, most recently shipped first."""
    shipped = [item for item in list_items(db, [service_id], "shipped") if item.shipped_at]
    return sorted(shipped, key=lambda item: (item.shipped_at, item.id), reverse=True)


def item_effect(db, item, today):
    """measure_effect for a shipped item: its linked themes around its ship date."""
    shipped_on = date.fromisoformat(item.shipped_at)
    return measure_effect(db, item.service_id, item.theme_ids, shipped_on, today)


def shipped_effects(db, service, today):
    """The service's shipped backlog items, most recently shipped first, each with its effect
    on its linked themes as of `today`, for the priorities page."""
    return [
        ShippedEffect(
            item.title,
            url_for("backlog.item", slug=service.slug, item_id=item.id),
            item_effect(db, item, today),
        )
        for item in shipped_items(db, service.id)
    ]


def window_words(measured):
    """Which weeks were compared and how many of each were analysed, in one sentence."""
    before, after = measured.before_weeks, measured.after_weeks
    return (
        f"Shipped {long_date(measured.shipped_on)}, in week {measured.shipped_week}, which is "
        f"left out as it is part before and part after. Before: weeks {before[0]} to "
        f"{before[-1]} ({len(measured.before_analysed)} of {len(before)} analysed). After: "
        f"weeks {after[0]} to {after[-1]} ({len(measured.after_analysed)} of {len(after)} "
        "analysed)."
    )


def _share(count, n, noun):
    if not n:
        return f"no {noun}"
    return f"{number(100 * count / n)}% ({count:,} of {n:,} {noun})"


def _mean(window):
    if not window.responses:
        return "no responses"
    mean = sum(level * n for level, n in enumerate(window.ratings, 1)) / window.responses
    return f"{mean:.2f} (n={window.responses:,})"


def _change(comparison, scale, unit, digits):
    if comparison is None:
        return "Not compared", ""
    low, high = scale * comparison.low, scale * comparison.high
    change = (
        f"{scale * comparison.difference:+.{digits}f}{unit} "
        f"(95% interval {low:+.{digits}f} to {high:+.{digits}f})"
    )
    test = {"z": "z-test", "fisher": "Fisher's exact test"}.get(
        getattr(comparison, "test", None), "Welch's t-test"
    )
    return change, f"{p_text(comparison.p)}, {test}"


def measure_rows(measured):
    """The table of measures: before, after, the change with its interval, and the test."""
    effect = measured.effect
    before, after = effect.before, effect.after
    rows = [
        (
            "Linked themes' share of comments",
            _share(before.theme_comments, before.comments, "comments"),
            _share(after.theme_comments, after.comments, "comments"),
            effect.themes,
            100,
            " points",
            1,
        ),
        (
            "% satisfied",
            _share(before.satisfied, before.responses, "responses"),
            _share(after.satisfied, after.responses, "responses"),
            effect.satisfied,
            100,
            " points",
            1,
        ),
        ("Mean rating (1 to 5)", _mean(before), _mean(after), effect.mean, 1, "", 2),
    ]
    if not measured.linked:
        rows = rows[1:]
    table = []
    for measure, shown_before, shown_after, comparison, scale, unit, digits in rows:
        change, test = _change(comparison, scale, unit, digits)
        if not effect.judged:
            change = "Not compared yet"
        table.append(
            {
                "measure": measure,
                "before": shown_before,
                "after": shown_after,
                "change": change,
                "test": test,
            }
        )
    return table


def effect_text(measured, title=None):
    """The effect as plain text lines for an email: title, state, headline, measures, weeks."""
    lines = [f"{title}: {measured.label}" if title else measured.label, measured.headline]
    lines.extend(f"- {sentence}" for sentence in measured.sentences)
    lines.append(window_words(measured))
    return "\n".join(lines)

"""A published change's measured effect in plain words, in the citizen's language.

The staff pages' words (app/effect.py) are English and full of test names; a citizen reads
one or two sentences with the figures and their n, and no claim the measure does not make.
"""

from flask_babel import gettext as _

from analysis.effect import clear
from app.effect import WINDOW_WEEKS, item_effect
from app.store import get_item
from app.weeks import london_today


def _pct(count, n):
    return f"{100 * count / n:.0f}"


def _themes_sentence(themes):
    """Only a clear change in the share of comments about the problem is worth saying."""
    if themes is None or not clear(themes):
        return None
    figures = {
        "before": _pct(themes.before_count, themes.before_n),
        "after": _pct(themes.after_count, themes.after_n),
    }
    if themes.difference < 0:
        return _(
            "Fewer comments were about this problem: %(before)s%% of comments before the "
            "change, %(after)s%% after.",
            **figures,
        )
    return _(
        "More comments were about this problem: %(before)s%% of comments before the change, "
        "%(after)s%% after.",
        **figures,
    )


def _satisfied_sentence(satisfied):
    figures = {
        "before": _pct(satisfied.before_count, satisfied.before_n),
        "before_n": f"{satisfied.before_n:,}",
        "after": _pct(satisfied.after_count, satisfied.after_n),
        "after_n": f"{satisfied.after_n:,}",
        "weeks": WINDOW_WEEKS,
    }
    if clear(satisfied) and satisfied.difference > 0:
        verdict = _("More people were satisfied after the change.")
    elif clear(satisfied):
        verdict = _("Fewer people were satisfied after the change.")
    else:
        verdict = _("There was no clear change in how satisfied people were.")
    figures_text = _(
        "In the %(weeks)s weeks before it, %(before)s%% of %(before_n)s people who gave "
        "feedback were satisfied; in the %(weeks)s weeks after, %(after)s%% of %(after_n)s.",
        **figures,
    )
    return f"{verdict} {figures_text}"


def effect_sentence(db, item, today=None):
    """The before-and-after measure of a published item in words; None when there were no
    responses before the change to compare with."""
    measured = item_effect(db, get_item(db, item.service_id, item.id), today or london_today())
    effect = measured.effect
    if effect.state == "waiting" and not (effect.complete and not measured.unanalysed):
        return _("We are still measuring the effect of this change.")
    if effect.state == "waiting":
        return _("There was not enough feedback after this change to measure its effect.")
    if effect.satisfied is None:
        return None
    parts = [_themes_sentence(effect.themes), _satisfied_sentence(effect.satisfied)]
    return " ".join(part for part in parts if part)

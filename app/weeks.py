"""ISO weeks, Monday to Sunday, in Europe/London time, as Pulse reports them."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, order=True)
class Week:
    """One ISO week; str() gives its name, e.g. 2026-W47."""

    year: int
    number: int

    def __str__(self):
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self):
        """The week's first day."""
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self):
        """The week's last day."""
        return self.monday + timedelta(days=6)

    def bounds_utc(self):
        """(start, end) of the week as UTC datetimes: London midnight Monday to the next."""
        start = datetime.combine(self.monday, time(0), tzinfo=LONDON)
        end = datetime.combine(self.monday + timedelta(days=7), time(0), tzinfo=LONDON)
        return start.astimezone(UTC), end.astimezone(UTC)

    def bounds_iso(self):
        """(start, end) of the week as the ISO texts in which response times are stored."""
        return tuple(moment.isoformat(timespec="seconds") for moment in self.bounds_utc())

    def shift(self, weeks):
        """The week this many weeks later (or earlier, if negative)."""
        return week_of(self.monday + timedelta(weeks=weeks))


def week_of(day):
    """The ISO week a date falls in."""
    year, number, _ = day.isocalendar()
    return Week(year, number)


def parse_week(text):
    """A Week from '2026-W47'; raises ValueError with a plain message otherwise."""
    match = WEEK_PATTERN.match((text or "").strip())
    if match:
        try:
            return week_of(date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            pass
    raise ValueError(f"'{text}' is not a week: use the ISO form YYYY-Www, for example 2026-W47")


def london_today(now=None):
    """Today's date in London, where Pulse's weeks begin and end."""
    return (now or datetime.now(UTC)).astimezone(LONDON).date()


def last_complete_week(now=None):
    """The most recent Monday-to-Sunday week that has ended, in London time."""
    return week_of(london_today(now)).shift(-1)


def retention_cutoff(months, today):
    """The Monday that starts the ISO week holding the day `months` before today.

    Whole weeks only, so a week keeps all its comments or none and its quotes and figures
    never describe half a week.
    """
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    # 31 March less one month is the last day of February.
    day = min(today.day, _days_in(year, month))
    return week_of(date(year, month, day)).monday


def _days_in(year, month):
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days

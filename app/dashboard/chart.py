"""A server-drawn SVG line chart of % satisfied, readable without JavaScript."""

from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass(frozen=True)
class Chart:
    """Geometry for the template: the line, its points and the axis labels."""

    width: int
    height: int
    path: str
    points: list
    x_labels: list
    y_labels: list
    # Shipped changes: {number, x, week, label}, numbered in week order as drawn.
    markers: list = field(default_factory=list)

    @property
    def markers_by_week(self):
        """{week name: [(number, label)]}, for the table beside the chart."""
        found = {}
        for marker in self.markers:
            found.setdefault(marker["week"], []).append((marker["number"], marker["label"]))
        return found


def satisfaction_chart(trend, markers=()):
    """Lay out one point per week (gaps where a week has no figure) on a 0-100% scale, and a
    numbered vertical line at each (week, short label) in markers that falls in the trend."""
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(trend) - 1, 1)

    def y(value):
        return round(TOP + inner_h * (1 - value / 100), 1)

    points, path, pen_down = [], [], False
    x_labels = []
    for i, week in enumerate(trend):
        x = round(LEFT + i * step, 1)
        if (len(trend) - 1 - i) % 2 == 0:  # every other week, always including the latest
            x_labels.append((x, week["week"].split("-")[1]))
        value = week["pct_satisfied"]
        if value is None:
            pen_down = False
            continue
        points.append((x, y(value), value, week["week"]))
        path.append(f"{'L' if pen_down else 'M'}{x},{y(value)}")
        pen_down = True
    y_labels = [(y(v), f"{v}%") for v in (0, 25, 50, 75, 100)]
    where = {week["week"]: round(LEFT + i * step, 1) for i, week in enumerate(trend)}
    shown = sorted(
        ((str(week), label) for week, label in markers if str(week) in where),
        key=lambda marker: marker[0],
    )
    placed = []
    for number, (week, label) in enumerate(shown, 1):
        # Two changes shipped in one week share a line; their numbers stack down it.
        stack = sum(1 for m in placed if m["week"] == week)
        placed.append(
            {"number": number, "x": where[week], "week": week, "label": label, "stack": stack}
        )
    return Chart(WIDTH, HEIGHT, " ".join(path), points, x_labels, y_labels, placed)


def _nice_ceiling(value):
    """The next round number at or above value, for an axis end."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return step
    return value


def impact_chart(rows):
    """Lay out each theme as a point at (responses, impact on mean rating) with its interval."""
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM
    top = max([0.5, *(r["impact"].mean.high for r in rows)])
    bottom = min([-0.5, *(r["impact"].mean.low for r in rows)])
    span = top - bottom
    most = _nice_ceiling(max([10, *(r["impact"].n_theme for r in rows)]))

    def x(n):
        return round(LEFT + inner_w * n / most, 1)

    def y(value):
        return round(TOP + inner_h * (top - value) / span, 1)

    points = [
        {
            "number": i,
            "x": x(r["impact"].n_theme),
            "y": y(r["impact"].mean.estimate),
            "low": y(r["impact"].mean.low),
            "high": y(r["impact"].mean.high),
            "row": r,
        }
        for i, r in enumerate(rows, 1)
    ]
    x_labels = [(x(most * f / 4), round(most * f / 4)) for f in range(5)]
    ticks = sorted({round(bottom, 1), round(bottom / 2, 1), 0.0, round(top / 2, 1), round(top, 1)})
    y_labels = [(y(v), f"{v:+.1f}" if v else "0") for v in ticks]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "zero": y(0),
        "points": points,
        "x_labels": x_labels,
        "y_labels": y_labels,
    }

"""A server-drawn SVG line chart of % satisfied, readable without JavaScript."""

from dataclasses import dataclass

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


def satisfaction_chart(trend):
    """Lay out one point per week (gaps where a week has no figure) on a 0-100% scale."""
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
    return Chart(WIDTH, HEIGHT, " ".join(path), points, x_labels, y_labels)

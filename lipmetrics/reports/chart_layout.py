"""Where the words of a chart over time go, so that none slants or lies on another at 1024×768
(README "What is on screen": the committee's projector).

A chart over periods names its periods in words (``measures.period_label``: ``4e trimestre 2020``)
below the axis, horizontal and on two lines (``4e trimestre<br>2020``), as many as fit side by side
in the plot area of a chart as wide as the page at 1024 px — the narrowest screen lipmetrics is made
for; a wider screen shows the same ones, further apart. The periods named are one every ``step``
counted back from the latest, which is always named, and the step keeps the same quarter or month
every year where it can. A point's value is written above it only where it cannot run into the
next value written; the latest value always is, and every value is in the chart's hover text and
in its data table ("Show the data"). Widths are estimated from the number of characters, on the
generous side, since the server does not know the browser's fonts.
"""

from __future__ import annotations

import math

from lipmetrics.measures import parse_period, period_label

# The plot area of a chart as wide as the page at 1024×768: the page's 956 px less the y axis and
# its title (measured in a browser).
PROJECTOR_PLOT_WIDTH = 840
# A character's width in font sizes (Arial and Source Sans digits are 0.5 to 0.56 of the size).
CHARACTER_WIDTH = 0.55
GAP = 12  # px between two words side by side
# The steps between named periods, by kind: the divisors of a year first (the same quarter or
# month every year), then whole years.
STEPS = {
    "quarter": (1, 2, 4, 8, 12, 20, 40),
    "month": (1, 2, 3, 6, 12, 24, 60, 120),
}
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)


def text_width(text: str, font_size: float) -> float:
    """The estimated width in px of ``text`` at ``font_size``: its longest line (``<br>``)."""
    return max(len(line) for line in str(text).split("<br>")) * CHARACTER_WIDTH * font_size


def two_lines(label: str) -> str:
    """A period's words on two lines, the year under the rest: ``4e trimestre<br>2020``; a label of
    one word (``2020-Q4``) stays as it is."""
    head, _, year = str(label).rpartition(" ")
    return f"{head}<br>{year}" if head else str(label)


def tick_step(
    periods: list[str], font_size: float, plot_width: float = PROJECTOR_PLOT_WIDTH
) -> int:
    """How many periods apart the named ones are: the smallest step of the periods' kind at which
    the widest two-line label, plus a gap, fits between two named periods."""
    if not periods:
        return 1
    widest = max(text_width(two_lines(period_label(p)), font_size) for p in periods)
    spacing = plot_width / len(periods)  # a category axis gives each period the same room
    kind = parse_period(str(periods[-1]))
    steps = STEPS.get(kind.kind if kind else "", YEAR_STEPS)
    needed = math.ceil((widest + GAP) / spacing)
    return next((step for step in steps if step >= needed), max(needed, 1))


def period_axis(
    periods: list[str], font_size: float, plot_width: float = PROJECTOR_PLOT_WIDTH
) -> dict:
    """The x axis of a chart over ``periods`` (codes, in order, one point each) whose x values are
    ``period_label`` of each: the named ones as words on two lines, horizontal."""
    labels = [period_label(p) for p in periods]
    step = tick_step(periods, font_size, plot_width)
    named = labels[::-1][::step][::-1]  # counted back from the latest
    return {
        "type": "category",
        "tickmode": "array",
        "tickvals": named,
        "ticktext": [two_lines(label) for label in named],
        "tickangle": 0,
        "tickfont": {"size": font_size},
    }


def written_points(
    texts: list[str], font_size: float, plot_width: float = PROJECTOR_PLOT_WIDTH
) -> list[bool]:
    """Which points of a line over ``len(texts)`` periods have their value written above them:
    from the latest back, a value is written when it is at least its half width, the half width of
    the last value written and a gap away from that one (so no two can touch whatever the values);
    the latest is always written. A blank text is never written."""
    spacing = plot_width / max(len(texts), 1)
    shown = [False] * len(texts)
    kept: int | None = None
    for index in range(len(texts) - 1, -1, -1):
        if not texts[index]:
            continue
        width = text_width(texts[index], font_size)
        if kept is not None:
            room = (kept - index) * spacing
            if room < (width + text_width(texts[kept], font_size)) / 2 + GAP:
                continue
        shown[index], kept = True, index
    return shown

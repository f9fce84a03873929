"""Generate synthetic workplans (tidy template) of any size, from a fixed seed."""

from __future__ import annotations

import csv
import io
import random

from lipmetrics.plan import TIDY_COLUMNS

STATUS_TEXTS = [
    "", "", "Ongoing", "Complete", "Began Sept {year}", "Complete July {year}",
    "First Meeting October {year}", "To be formed Sept {year}", "On hold", "See 2.1 above",
]  # fmt: skip
YEARS = ["1", "1-5", "2-4", "2-5", "3 & 4", "Year 2-5", "2", "", "1 1"]


def synthetic_workplan(
    projects: int, pillars: int = 5, start_year: int = 2016, seed: int = 42
) -> bytes:
    """Return a tidy-template CSV with ``projects`` projects spread over ``pillars`` pillars."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(TIDY_COLUMNS)
    for number in range(projects):
        pillar = f"Pillar {number % pillars + 1}"
        goal = f"Goal {number % (pillars * 3) + 1}"
        objective = f"{number % (pillars * 3) + 1}.{number % 4 + 1} Objective"
        status = rng.choice(STATUS_TEXTS).format(year=start_year + rng.randrange(5))
        writer.writerow(
            [
                pillar, goal, objective, f"Project {number + 1}", rng.choice(["NCC", "WDB, City", "Trent"]),
                rng.choice(YEARS), status, "", "yes" if rng.random() < 0.05 else "",
            ]
        )  # fmt: skip
    return buffer.getvalue().encode()

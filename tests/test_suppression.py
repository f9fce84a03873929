"""Small-cell protection, with complementary suppression, on hand-made tables."""

from __future__ import annotations

import pandas as pd

from lipmetrics.measures import suppress_small_cells


def table(*rows, partner="NCC") -> pd.DataFrame:
    return pd.DataFrame(
        [(partner, "2019-Q1", b, float(v)) for b, v in rows],
        columns=["partner", "period", "breakdown", "value"],
    )


def shown(frame: pd.DataFrame) -> dict:
    out = suppress_small_cells(frame)
    return dict(zip(out["breakdown"], out["shown"], strict=True))


def test_nothing_small_nothing_hidden() -> None:
    assert shown(table(("", 30), ("gender=woman", 12), ("gender=man", 18))) == {
        "": "30", "gender=woman": "12", "gender=man": "18",
    }  # fmt: skip


def test_one_small_cell_takes_the_smallest_other_with_it() -> None:
    """woman 3, man 18, gender diverse 9, total 30: 30 − 18 − 9 would give woman's 3 away,
    so the smallest other cell (9) is hidden too."""
    frame = table(("", 30), ("gender=woman", 3), ("gender=man", 18), ("gender=gender diverse", 9))
    assert shown(frame) == {
        "": "30", "gender=woman": "<5", "gender=man": "18", "gender=gender diverse": "hidden",
    }  # fmt: skip


def test_two_small_cells_protect_each_other() -> None:
    frame = table(("", 30), ("gender=woman", 3), ("gender=man", 25), ("gender=gender diverse", 2))
    assert shown(frame) == {
        "": "30", "gender=woman": "<5", "gender=man": "25", "gender=gender diverse": "<5",
    }  # fmt: skip


def test_zero_is_not_small_and_a_small_total_is_hidden() -> None:
    frame = table(("", 4), ("gender=woman", 4), ("gender=man", 0))
    # the total is small itself; woman is small; man (0) identifies nobody
    assert shown(frame) == {"": "<5", "gender=woman": "<5", "gender=man": "0"}


def test_a_lone_category_hides_the_total() -> None:
    frame = table(("", 12), ("gender=woman", 3))
    assert shown(frame) == {"": "hidden", "gender=woman": "<5"}


def test_each_breakdown_and_partner_apart() -> None:
    frame = pd.concat(
        [
            table(
                ("", 40),
                ("gender=woman", 2),
                ("gender=man", 38),
                ("age_group=15-24", 15),
                ("age_group=25-44", 25),
            ),
            table(("", 40), ("gender=woman", 20), ("gender=man", 20), partner="WDB"),
        ]  # fmt: skip
    )
    out = suppress_small_cells(frame)
    hidden = out[out["suppressed"]][["partner", "breakdown"]].values.tolist()
    # NCC's gender: woman small, man complementary; its age groups and WDB untouched
    assert hidden == [["NCC", "gender=woman"], ["NCC", "gender=man"]]


def test_threshold_is_configurable() -> None:
    out = suppress_small_cells(table(("", 30), ("gender=woman", 8), ("gender=man", 22)), 10)
    assert out["shown"].tolist() == ["30", "<10", "hidden"]

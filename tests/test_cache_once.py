"""ui.data.once: sessions asking for the same cold cache entry at once compute it once; other
entries are not held up; a key's lock is forgotten once unused (docs/architecture.md "Caching")."""

from __future__ import annotations

import threading
import time

import pytest

from lipmetrics.reports import charts
from ui import data

WAIT = 10.0  # seconds a step may take before the test fails


def _until(condition) -> None:
    """Wait until ``condition()`` holds (polled), failing after WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def _waiting(key: tuple) -> int:
    """How many threads hold or wait for ``key``'s lock."""
    entry = data._KEY_LOCKS._locks.get(key)
    return entry[1] if entry else 0


class SlowCache:
    """A stand-in for an ``st.cache_data`` function: a miss is computed (and counted) and blocks
    until ``release`` is set; a hit returns the stored entry."""

    def __init__(self) -> None:
        self.entries: dict[tuple, str] = {}
        self.computed: list[tuple] = []
        self.started = threading.Event()
        self.release = threading.Event()
        self.__name__ = "slow"

    def __call__(self, at: int, name: str) -> str:
        if (at, name) in self.entries:
            return self.entries[(at, name)]
        self.computed.append((at, name))
        self.started.set()
        assert self.release.wait(WAIT)
        self.entries[(at, name)] = f"{name} at {at}"
        return self.entries[(at, name)]


def _ask(cache: SlowCache, results: list, at: int, name: str) -> threading.Thread:
    thread = threading.Thread(target=lambda: results.append(data.once(cache, at, name)))
    thread.start()
    return thread


@pytest.mark.parametrize("sessions", [2, 5])
def test_sessions_asking_the_same_cold_key_compute_it_once(sessions):
    cache, results = SlowCache(), []
    first = _ask(cache, results, 7, "Demo")
    assert cache.started.wait(WAIT)
    others = [_ask(cache, results, 7, "Demo") for _ in range(sessions - 1)]
    _until(lambda: _waiting(("slow", 7, "Demo")) == sessions)
    cache.release.set()
    for thread in [first, *others]:
        thread.join(WAIT)
    assert cache.computed == [(7, "Demo")]
    assert results == ["Demo at 7"] * sessions
    assert ("slow", 7, "Demo") not in data._KEY_LOCKS._locks  # forgotten once unused


def test_another_key_is_not_held_up_by_a_cold_entry_being_computed():
    cache, results = SlowCache(), []
    first = _ask(cache, results, 7, "Demo")
    assert cache.started.wait(WAIT)
    cache.entries[(8, "Demo")] = "Demo at 8"  # a warm entry of a newer version
    assert data.once(cache, 8, "Demo") == "Demo at 8"  # while the cold one is still computed
    cache.release.set()
    first.join(WAIT)
    assert results == ["Demo at 7"]
    assert data._KEY_LOCKS._locks == {}


def test_an_error_releases_the_key():
    def failing(at: int) -> None:
        raise ValueError("no such plan")

    with pytest.raises(ValueError, match="no such plan"):
        data.once(failing, 1)
    assert data._KEY_LOCKS._locks == {}


@pytest.mark.parametrize(("values", "periods", "same"), [
    ([1.0, 2.0], ["2020-Q1", "2020-Q2"], True),  # the same card: the figure already drawn
    ([1.0, 3.0], ["2020-Q1", "2020-Q2"], False),  # other values
    ([1.0, 2.0], ["2021-Q1", "2021-Q2"], False),  # other periods
])  # fmt: skip
def test_a_sparkline_is_drawn_once_for_the_same_values_and_periods(values, periods, same):
    first = data.sparkline([1.0, 2.0], ["2020-Q1", "2020-Q2"])
    again = data.sparkline(values, periods)
    assert (again is first) == same
    assert again.to_dict() == charts.sparkline(values, periods).to_dict()

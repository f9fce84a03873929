"""The daily screens in French through AppTest (README "Languages"): each page opened with
``?lang=fr`` shows its French headings and the same hand-computed figures the English page tests
pin (tests/test_app.py, tests/test_app_measures.py), written the fr-CA way. The English tests are
unchanged: the same pages without ``?lang=`` still speak English."""

from __future__ import annotations

import pytest

from lipmetrics.demo.plans import DEMO_PLANS

from .test_app import (  # noqa: F401  (fixtures)
    ADMIN,
    COORDINATOR,
    accounts_path,
    app,
    button,
    fresh_caches,
    navigation_owns_pages,
    small_path,
)
from .test_app_measures import VIEWER, figures, measures_path, numbers  # noqa: F401

NBSP = "\u00a0"


def french(path, monkeypatch, page: str, user: dict | None = None, **state):
    """``page`` opened in French (``?lang=fr``), with ``state`` in the session first. The user is
    a copy: the app remembers the language chosen in the session's user (ui/session.py
    ``remember_language``), which must not reach the other tests' shared dicts."""
    at = app(path, monkeypatch, user=dict(user or COORDINATOR))
    at.query_params["lang"] = "fr"
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def markdown(at) -> str:
    return "\n".join(m.value.replace("\\", "") for m in at.markdown)  # markdown escapes removed


def test_overview_in_french(small_path, monkeypatch) -> None:  # noqa: F811
    """The small plan's headline figures (33 %, then 67 % in year 1), French labels, and both
    charts' titles, axis labels and legend in French."""
    at = french(small_path, monkeypatch, "pages/overview.py")
    assert at.title[0].value == f"Où en est chaque pilier{NBSP}?"  # the top level named in French
    assert {m.label: m.value for m in at.metric} == {
        "Projets du plan": "7",
        "Prévus en année 2": "3",
        "Terminés en année 2": "1",
        "Taux d’achèvement": f"33{NBSP}%",
    }
    at.get("button_group")[0].set_value(1).run()
    assert {m.label: m.value for m in at.metric}["Taux d’achèvement"] == f"67{NBSP}%"
    heatmap, bars = figures(at)
    assert heatmap.layout.title.text.startswith(
        "Part des projets prévus qui sont terminés, par pilier et année du plan"
    )
    assert list(heatmap.data[0].x) == ["Année 1<br>2020", "Année 2<br>2021", "Année 3<br>2022"]
    assert heatmap.data[0].y[-1] == "<b>Tous</b>"
    assert f"<b>67{NBSP}%</b><br>2 sur 3" in [cell for row in heatmap.data[0].text for cell in row]
    assert bars.layout.title.text == "Statut des projets prévus en année 1 du plan (2020)"
    assert [trace.name for trace in bars.data][:4] == [
        "Non commencé", "Groupe de travail formé", "En cours", "Terminé",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        (DEMO_PLANS[1].note, "Les priorités, les buts et les objectifs viennent du Plan stratégique"),
        ("Notre propre note, écrite à la main.", "Notre propre note, écrite à la main."),
    ],
)  # fmt: skip
def test_overview_plan_note_in_french(small_path, monkeypatch, note, shown) -> None:  # noqa: F811
    """The demo's plan notes are shown in French; a note a LIP wrote is shown as written."""
    from lipmetrics.store import Database

    database = Database(small_path)
    with database.transaction() as cur:
        cur.execute("UPDATE plans SET note = ? WHERE name = 'Small'", [note])
    database.close()
    at = french(small_path, monkeypatch, "pages/overview.py")
    assert at.info[0].value.startswith(shown)


def test_explorer_in_french(small_path, monkeypatch) -> None:  # noqa: F811
    """The explorer's count and filters in French; a status filter still picks by category."""
    at = french(small_path, monkeypatch, "pages/explorer.py")
    assert at.title[0].value == f"Où en sont les projets{NBSP}?"
    assert "7 projets sur 7" in captions(at)
    statuses = at.multiselect[2]
    assert statuses.label == "Statut en année 2"
    assert "Terminé" in statuses.options and "Complete" not in statuses.options
    statuses.set_value(["complete"]).run()
    assert "2 projets sur 7" in captions(at)  # A1 and A4, as in English
    labels = {s for e in at.dataframe for s in e.value.get("status_label", [])}
    assert labels and labels <= {"Terminé", "En cours", "Non commencé", "Reporté"}


def test_status_review_in_french(accounts_path, monkeypatch) -> None:  # noqa: F811
    """The review page and its refusal in French; the table's status words in French."""
    at = french(accounts_path, monkeypatch, "pages/status_review.py")
    assert at.title[0].value == f"Où en est chaque projet cette année{NBSP}?"
    assert at.selectbox(key="review_plan_year").label == "Année du plan examinée"
    button(at, "Consigner ces statuts").click().run()
    assert at.warning[0].value == (
        "Choisissez un nouveau statut dans au moins une rangée, avec sa raison, puis appuyez sur "
        "le bouton."
    )


def test_scorecard_in_french(measures_path, monkeypatch) -> None:  # noqa: F811
    """25 (15 + 10), target 100, 25 % of it; Q3 and Q4 never sent: « Aucune donnée pour le
    4e trimestre 2020 »."""
    at = french(measures_path, monkeypatch, "pages/scorecard.py")
    assert at.title[0].value == f"Nos indicateurs communs sont-ils en bonne voie{NBSP}?"
    jobs = next(
        m
        for m in at.metric
        if m.label == "Nouveaux arrivants inscrits à l’inventaire des compétences professionnelles"
    )
    assert jobs.value == "25"
    shown = markdown(at)
    assert f"Cible{NBSP}: 100 · 25{NBSP}% de la cible" in shown
    assert "Dernière période" in shown and "2e trimestre 2020" in shown
    assert "Aucune donnée pour 4e trimestre 2020" in shown
    assert "No data" not in shown and "Target" not in shown


def test_metric_page_in_french(measures_path, monkeypatch) -> None:  # noqa: F811
    """The chart's periods as French quarters (then fiscal years), its title and the small-cell
    caption in French; the values stay 20 and 25."""
    at = french(
        measures_path, monkeypatch, "pages/metric.py", VIEWER, selected_metric="ES-JOBSKILLS"
    )
    assert at.title[0].value == f"Comment cet indicateur a-t-il évolué{NBSP}?"
    trend = figures(at)[0]
    actual = trend.data[0]
    assert (list(actual.x), numbers(actual.y)) == (
        ["1er trimestre 2020", "2e trimestre 2020"], [20, 25],
    )  # fmt: skip
    assert trend.layout.title.text.endswith(f"{NBSP}: valeur réelle et cible")
    bars = figures(at)[-1]
    assert bars.layout.title.text == "Par ventilation, 2e trimestre 2020"
    assert sorted(bars.data[0].text) == ["<5", "masqué"]  # man 4 is small, woman 21 hidden too
    assert any(c.startswith("Les nombres inférieurs à 5 s’affichent") for c in captions(at))
    at.session_state["metric_view"] = "fiscal"
    at.run()
    assert list(figures(at)[0].data[0].x) == ["exercice 2019-20", "exercice 2020-21"]


def test_reporting_in_french(measures_path, monkeypatch) -> None:  # noqa: F811
    """Nobody sent 2020-Q4: « 0 sur 5 » for the 4e trimestre 2020; the grid's words in French."""
    at = french(measures_path, monkeypatch, "pages/reporting.py")
    assert at.title[0].value == f"Qui a fait rapport, et qui est en retard{NBSP}?"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rapports reçus (4e trimestre 2020)"] == "0 sur 5"
    grid = at.dataframe[1].value
    assert "4e trimestre 2020" in grid.columns
    assert set(grid["4e trimestre 2020"]) == {"manquant"}  # all five owe it


@pytest.mark.parametrize(
    ("page", "user", "title"),
    [
        ("pages/indicators.py", None, "Importer des données communautaires de Statistique Canada"),
        ("pages/breakdowns.py", ADMIN,
         f"Selon quelles ventilations les chiffres peuvent-ils être envoyés{NBSP}?"),
    ],
)  # fmt: skip
def test_coordinators_pages_in_french(measures_path, monkeypatch, page, user, title) -> None:  # noqa: F811
    at = french(measures_path, monkeypatch, page, user)
    assert at.title[0].value == title


def test_a_projects_status_history_in_french(small_path, monkeypatch) -> None:  # noqa: F811
    """A project's status history shows what a reader reads, headed in French, its month in
    French: none of the columns its date is written from."""
    import ui

    at = french(small_path, monkeypatch, "pages/explorer.py")
    box = at.selectbox(key=ui.EXPLORER_PROJECT_KEY)
    box.select_index(box.options.index("A1 Project (en anglais)")).run()
    assert not at.exception
    history = at.table[0].value
    assert history.index.tolist() == ["juill. 2020"]  # A1's one record: "Complete", July 2020
    assert history.iloc[0].tolist()[1] == "Terminé"
    headings = [history.index.name, *history.columns]
    assert not {"status_date", "date_precision", "effective_date", "status_id"} & set(headings)

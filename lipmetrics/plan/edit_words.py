"""The sentences of plan edits (:mod:`lipmetrics.plan.edits`, :mod:`lipmetrics.plan.project_edits`),
one whole sentence for each kind of item (README "Languages"): French chooses its words by the
item's kind (« ce but », « cet objectif », « ce projet »), so a sentence is never built from a kind
word put into a shared frame.

Each table is keyed by the kind stored in English ("goal", "objective", "project"); :func:`said`
looks a sentence up and translates it. The plan's word for its top level ("Pillar", "Strategic
priority", "Topic group") comes in as :func:`a_level`, with its article.
"""

from __future__ import annotations

from lipmetrics.i18n import N_, _, ngettext, pgettext

RETIRED = {
    "goal": N_("this goal is retired, so it can no longer be changed"),
    "objective": N_("this objective is retired, so it can no longer be changed"),
    "project": N_("this project is retired, so it can no longer be changed"),
}
NO_NAME = {
    "goal": N_("write a name for the goal"),
    "objective": N_("write a name for the objective"),
    "project": N_("write a name for the project"),
}
NAME_TAKEN = {
    "goal": N_("this is already the name of a goal under “{where}”: choose another name"),
    "objective": N_(
        "this is already the name of an objective under “{where}”: choose another name"
    ),
    "project": N_("this is already the name of a project under “{where}”: choose another name"),
}
NO_PLACE = {
    "goal": N_("choose where to put the goal"),
    "objective": N_("choose where to put the objective"),
    "project": N_("choose where to put the project"),
}
# {level}: the plan's top level with its article (a_level); {parent}: the place chosen, the same way.
GOES_UNDER = {
    "goal": N_("a goal goes under {level}, not under {parent}"),
    "objective": N_("an objective goes under {level} or a goal, not under {parent}"),
    "project": N_("a project goes under {level}, a goal or an objective, not under {parent}"),
}
NO_ITEM = {
    "goal": N_("There is no goal {id} in the plan “{plan}”. Choose one from the list."),
    "objective": N_("There is no objective {id} in the plan “{plan}”. Choose one from the list."),
    "project": N_("There is no project {id} in the plan “{plan}”. Choose one from the list."),
    "pillar": N_("There is no {level} {id} in the plan “{plan}”. Choose one from the list."),
}
RENAMED = {
    "goal": N_("Renamed the goal “{old}” to “{new}”."),
    "objective": N_("Renamed the objective “{old}” to “{new}”."),
    "project": N_("Renamed the project “{old}” to “{new}”."),
}
MOVED = {
    "goal": N_("Moved the goal “{name}” under “{path}”."),
    "objective": N_("Moved the objective “{name}” under “{path}”."),
    "project": N_("Moved the project “{name}” under “{path}”."),
}
ADDED = {
    "goal": N_("Added the goal “{name}” under “{path}”."),
    "objective": N_("Added the objective “{name}” under “{path}”."),
    "project": N_("Added the project “{name}” under “{path}”."),
}
RETIRED_ALONE = {
    "goal": N_(
        "Retired the goal “{name}”: it keeps its history and status records, and leaves the "
        "figures."
    ),
    "objective": N_(
        "Retired the objective “{name}”: it keeps its history and status records, and leaves the "
        "figures."
    ),
    "project": N_(
        "Retired the project “{name}”: it keeps its history and status records, and leaves the "
        "figures."
    ),
}


def retired_done(kind: str, name: str, objectives: int, projects: int) -> str:
    """What retiring the item ``name`` did, in the current language, with the ``objectives`` and
    ``projects`` retired under it. A sentence chooses its plural by one count, so the projects
    choose it when a goal had both objectives and projects: "its objective" for one, "its
    {objectives} objectives" for two or more (the plural form in English and French)."""
    if not objectives and not projects:
        return said(RETIRED_ALONE, kind, name=name)
    if kind == "objective":
        sentence = ngettext(
            "Retired the objective “{name}” and the {projects} project under it: they keep "
            "their history and status records, and leave the figures.",
            "Retired the objective “{name}” and the {projects} projects under it: they keep "
            "their history and status records, and leave the figures.",
            projects,
        )
    elif not objectives:
        sentence = ngettext(
            "Retired the goal “{name}” and the {projects} project under it: they keep their "
            "history and status records, and leave the figures.",
            "Retired the goal “{name}” and the {projects} projects under it: they keep their "
            "history and status records, and leave the figures.",
            projects,
        )
    elif not projects:
        sentence = ngettext(
            "Retired the goal “{name}” and the {objectives} objective under it: they keep their "
            "history and status records, and leave the figures.",
            "Retired the goal “{name}” and the {objectives} objectives under it: they keep their "
            "history and status records, and leave the figures.",
            objectives,
        )
    elif objectives == 1:
        sentence = ngettext(
            "Retired the goal “{name}”, its objective and the {projects} project under it: they "
            "keep their history and status records, and leave the figures.",
            "Retired the goal “{name}”, its objective and the {projects} projects under it: they "
            "keep their history and status records, and leave the figures.",
            projects,
        )
    else:
        sentence = ngettext(
            "Retired the goal “{name}”, its {objectives} objectives and the {projects} project "
            "under it: they keep their history and status records, and leave the figures.",
            "Retired the goal “{name}”, its {objectives} objectives and the {projects} projects "
            "under it: they keep their history and status records, and leave the figures.",
            projects,
        )
    return sentence.format(name=name, objectives=objectives, projects=projects)


def said(table: dict[str, str], kind: str, **values) -> str:
    """The sentence of ``table`` for ``kind``, in the current language, with its ``values``."""
    return _(table[kind]).format(**values)


def a_level(kind: str, top_level_name: str) -> str:
    """An item kind with its article, in the current language: "a goal" / « un but »; for a
    pillar, the plan's own word: "a strategic priority" / « une priorité stratégique »."""
    words = {
        "goal": pgettext("plan item, with its article", "a goal"),
        "objective": pgettext("plan item, with its article", "an objective"),
        "project": pgettext("plan item, with its article", "a project"),
    }
    if kind in words:
        return words[kind]
    levels = {
        "pillar": pgettext("plan item, with its article", "a pillar"),
        "strategic priority": pgettext("plan item, with its article", "a strategic priority"),
        "topic group": pgettext("plan item, with its article", "a topic group"),
    }
    word = top_level_name.lower()
    return levels.get(word, f"{'an' if word[:1] in 'aeiou' else 'a'} {word}")

"""The coaching content library: the shipped YAML, its lookups, and the loader's validation."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from content.library import CONTENT_DIR, ContentError, Exercise, Library, load_library

REQUIRED_IDS = {
    "glute_bridge": "glute_lift",
    "hip_thrust": "glute_lift",
    "single_leg_glute_bridge": "glute_lift",
    "single_leg_hip_thrust": "glute_lift",
    "sumo_walk": "activation",
    "monster_walk": "activation",
    "back_squat": "compound",
    "front_squat": "compound",
    "deadlift": "compound",
    "romanian_deadlift": "compound",
    "forward_lunge": "compound",
    "lateral_lunge": "compound",
    "rotational_lunge": "compound",
    "kettlebell_swing": "compound",
    "side_lying_clam": "accessory",
    "prone_leg_raise": "accessory",
    "cable_hip_extension": "accessory",
    "kickback": "accessory",
}
# Added with issue 12 (the wider library).
NEW_IDS = {
    "b_stance_hip_thrust": "glute_lift",
    "reverse_lunge": "compound",
    "bulgarian_split_squat": "compound",
    "step_up": "compound",
    "back_extension": "accessory",
    "cable_pull_through": "accessory",
    "frog_pump": "accessory",
    "hip_abduction": "accessory",
}


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library()


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a dumped model, dict or sequence."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _prose(lib: Library) -> list[str]:
    """All user-facing text: everything except ids, categories and the study ids an exercise cites."""
    texts: list[str] = [lib.anatomy_overview, *lib.texts.values(), *lib.research_notes]
    for collection in (lib.exercises, lib.muscles, lib.studies):
        for item in collection.values():
            # Ids are not prose: an exercise's own, the studies it cites and the exercises its swaps name.
            exclude: Any = {"id", "category", "studies"}
            if isinstance(item, Exercise):
                exclude = {"id": True, "category": True, "studies": True, "swaps": {"__all__": {"exercise"}}}
            texts += _strings(item.model_dump(exclude=exclude))
    texts += _strings(lib.approach.model_dump())
    for source in lib.sources:
        texts += _strings(source.model_dump())
    return texts


# --------------------------------------------------------------------------- the shipped content


def test_real_library_loads_every_section(lib: Library) -> None:
    assert len(lib.exercises) >= 18
    assert set(lib.muscles) == {"maximus", "medius", "minimus"}
    assert {"contreras2015", "contreras2016", "campagnola2015", "hodgson2005"} <= set(lib.studies)
    assert {"lorenz2011", "komi2000", "wolf2011"} <= set(lib.studies)
    assert lib.anatomy_overview
    assert len(lib.sources) == 2
    assert {"start", "disclaimer", "activation_intro", "lift_intro"} <= set(lib.texts)


def test_the_18_required_exercises_have_their_categories(lib: Library) -> None:
    assert {exercise_id: lib.exercises[exercise_id].category for exercise_id in REQUIRED_IDS} == REQUIRED_IDS


@pytest.mark.parametrize("exercise_id", sorted(REQUIRED_IDS | NEW_IDS))
def test_exercise_is_complete_and_consistent(lib: Library, exercise_id: str) -> None:
    exercise = lib.exercises[exercise_id]
    assert exercise.category == (REQUIRED_IDS | NEW_IDS)[exercise_id]
    assert exercise.equipment and exercise.swaps and 15 <= exercise.rest_seconds <= 600
    for swap in exercise.swaps:
        assert swap.how and (swap.exercise is None or swap.exercise in lib.exercises)
    assert exercise.aliases and exercise.prime_movers
    assert len(exercise.steps) >= 3 and len(exercise.cues) >= 2 and len(exercise.mistakes) >= 2
    assert [level.level for level in exercise.levels] == ["beginner", "intermediate", "advanced"]
    low, high = exercise.rep_range
    assert 1 <= low <= high
    assert exercise.sets >= 1
    if exercise.loaded:
        assert exercise.load_step_kg > 0 and exercise.load_step_lb > 0
    else:
        assert exercise.load_step_kg == exercise.load_step_lb == 0
    bands = [level.band for level in exercise.levels]
    if exercise.category == "activation":
        assert bands == ["knees", "ankles", "feet"]
    else:
        assert bands == [None, None, None]
    assert all(study_id in lib.studies for study_id in exercise.studies)


def test_beginner_levels_start_easy(lib: Library) -> None:
    # Level-based progression: the first level never starts heavy.
    easy = re.compile(
        r"bodyweight|unloaded|no load|no bar|no band|without|small|short|shallow|lightest|knees", re.I
    )
    for exercise in lib.exercises.values():
        assert easy.search(exercise.level("beginner").focus), exercise.id


def test_activation_walks_carry_the_band_cues(lib: Library) -> None:
    for exercise_id in ("sumo_walk", "monster_walk"):
        walk = lib.exercises[exercise_id]
        cues = " ".join(walk.cues).lower()
        assert "tension" in cues and "knees" in cues and "out" in cues
        assert walk.rep_range == (10, 20)
        assert not walk.loaded
        assert walk.level("Beginner").band == "knees"
        assert walk.level("advanced").band == "feet"


def test_level_lookup_rejects_unknown_level(lib: Library) -> None:
    with pytest.raises(KeyError):
        lib.exercises["hip_thrust"].level("expert")


def test_models_are_frozen(lib: Library) -> None:
    with pytest.raises(ValidationError):
        lib.exercises["hip_thrust"].sets = 99  # type: ignore[misc]


# --------------------------------------------------------------------------- exercise lookup


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hipthrust", "hip_thrust"),
        ("Hip Thrusts", "hip_thrust"),
        ("barbell hip thrust", "hip_thrust"),
        ("hip_thrust", "hip_thrust"),
        ("  HIP   thrust ", "hip_thrust"),
        ("sumo walk", "sumo_walk"),
        ("banded sumo walk", "sumo_walk"),
        ("sumo walks", "sumo_walk"),
        ("monster walk", "monster_walk"),
        ("Banded Monster Walks", "monster_walk"),
        ("bridge", "glute_bridge"),
        ("glute bridges", "glute_bridge"),
        ("Single-leg glute bridge", "single_leg_glute_bridge"),
        ("single leg hip thrust", "single_leg_hip_thrust"),
        ("rdl", "romanian_deadlift"),
        ("RDLs", "romanian_deadlift"),
        ("kb swing", "kettlebell_swing"),
        ("clamshell", "side_lying_clam"),
        ("clams", "side_lying_clam"),
        ("walking lunge", "forward_lunge"),
        ("lunges", "forward_lunge"),
        ("side lunges", "lateral_lunge"),
        ("multidirectional lunge", "rotational_lunge"),
        ("dead-lift", "deadlift"),
        ("squats", "back_squat"),
        ("front squat", "front_squat"),
        ("donkey kicks", "kickback"),
        ("cable kickback", "cable_hip_extension"),
    ],
)
def test_find_exercise_resolves_names_and_aliases(lib: Library, typed: str, expected: str) -> None:
    found = lib.find_exercise(typed)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("typed", ["", "   ", "bench press", "hip", "xyz"])
def test_find_exercise_returns_none_for_unknown(lib: Library, typed: str) -> None:
    assert lib.find_exercise(typed) is None


def test_every_label_resolves_to_its_own_exercise(lib: Library) -> None:
    for exercise in lib.exercises.values():
        for label in (exercise.id, exercise.name, *exercise.aliases):
            assert lib.find_exercise(label) is exercise, label


def test_suggestions_for_a_typo_put_the_intended_exercise_first(lib: Library) -> None:
    suggestions = lib.suggest_exercises("hip thurst")
    assert suggestions[0].id == "hip_thrust"
    assert len(suggestions) <= 3
    assert len({exercise.id for exercise in suggestions}) == len(suggestions)
    assert lib.suggest_exercises("sumo wlak")[0].id == "sumo_walk"
    assert lib.suggest_exercises("romanain deadlfit")[0].id == "romanian_deadlift"


def test_suggestions_leave_out_noise(lib: Library) -> None:
    assert lib.suggest_exercises("qqqqzzzz") == []
    assert lib.suggest_exercises("") == []
    assert len(lib.suggest_exercises("lunge", limit=10)) <= 10


def test_autocomplete_ranks_hip_exercises_first(lib: Library) -> None:
    choices = [exercise.id for exercise in lib.complete_exercises("hip")]
    assert choices[0] == "hip_thrust"
    assert {"hip_abduction", "single_leg_hip_thrust", "b_stance_hip_thrust"} <= set(choices[:5])
    assert "cable_hip_extension" in choices[:8]
    assert "sumo_walk" not in choices and "deadlift" not in choices


def test_autocomplete_prefers_prefix_matches_and_handles_partial_words(lib: Library) -> None:
    lunges = [exercise.id for exercise in lib.complete_exercises("lun")]
    assert lunges[0] == "forward_lunge"
    assert set(lunges[:4]) == {"forward_lunge", "lateral_lunge", "rotational_lunge", "reverse_lunge"}
    assert lib.complete_exercises("Romanian")[0].id == "romanian_deadlift"
    assert lib.complete_exercises("single leg hip")[0].id == "single_leg_hip_thrust"
    assert lib.complete_exercises("hip thr")[:2] == [
        lib.exercises["hip_thrust"],
        lib.exercises["single_leg_hip_thrust"],
    ]


def test_autocomplete_with_empty_prefix_lists_everything_in_file_order(lib: Library) -> None:
    assert lib.complete_exercises("") == list(lib.exercises.values())[:25]
    assert lib.complete_exercises("", limit=5) == list(lib.exercises.values())[:5]
    assert lib.complete_exercises("hip", limit=0) == []


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40), limit=st.integers(min_value=0, max_value=40))
def test_lookups_never_fail_and_respect_limits(lib: Library, text: str, limit: int) -> None:
    assert len(lib.complete_exercises(text, limit=limit)) <= limit
    assert len(lib.complete_exercises(text)) <= 25
    assert len(lib.suggest_exercises(text, limit=limit)) <= limit
    found = lib.find_exercise(text)
    assert found is None or isinstance(found, Exercise)
    lib.find_muscle(text)
    lib.find_category(text)
    lib.find_studies(text)


# --------------------------------------------------------------------------- categories, muscles, studies


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("glute lift", "glute_lift"),
        ("glute_lift", "glute_lift"),
        ("Glute lifts", "glute_lift"),
        ("lifts", "glute_lift"),
        ("activation", "activation"),
        ("compound", "compound"),
        ("accessories", "accessory"),
        ("accessory", "accessory"),
        ("cardio", None),
    ],
)
def test_find_category(lib: Library, typed: str, expected: str | None) -> None:
    assert lib.find_category(typed) == expected


def test_exercises_in_category(lib: Library) -> None:
    assert Library.CATEGORIES == ("activation", "glute_lift", "compound", "accessory")
    assert [exercise.id for exercise in lib.exercises_in("activation")] == ["sumo_walk", "monster_walk"]
    assert {exercise.id for exercise in lib.exercises_in("glute lifts")} == {
        exercise_id for exercise_id, category in (REQUIRED_IDS | NEW_IDS).items() if category == "glute_lift"
    }
    covered = sum(len(lib.exercises_in(category)) for category in Library.CATEGORIES)
    assert covered == len(lib.exercises)
    with pytest.raises(ValueError):
        lib.exercises_in("cardio")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("medius", "medius"),
        ("gluteus medius", "medius"),
        ("glute med", "medius"),
        ("Gluteus Maximus", "maximus"),
        ("max", "maximus"),
        ("glute max", "maximus"),
        ("gmax", "maximus"),
        ("minimus", "minimus"),
        ("glute min", "minimus"),
        ("biceps", None),
        ("m", None),
        ("", None),
    ],
)
def test_find_muscle(lib: Library, typed: str, expected: str | None) -> None:
    muscle = lib.find_muscle(typed)
    assert (muscle.id if muscle else None) == expected


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("hip thrust", ["contreras2015", "plotkin2023"]),
        ("squat", ["contreras2015", "contreras2016", "kubo2019", "plotkin2023"]),
        ("squat depth", ["contreras2016", "kubo2019"]),
        ("depth", ["contreras2016", "kubo2019"]),
        ("sitting", ["campagnola2015"]),
        ("PAP", ["hodgson2005", "blazevich2019"]),
        ("PAPE", ["blazevich2019"]),
        ("post-activation potentiation", ["hodgson2005"]),
        ("eccentric", ["lorenz2011", "komi2000", "wolf2011"]),
        ("Contreras", ["contreras2015", "contreras2016"]),
        ("2015", ["contreras2015", "campagnola2015"]),
        ("contreras2016", ["contreras2016"]),
        ("bench press", []),
    ],
)
def test_find_studies(lib: Library, topic: str, expected: list[str]) -> None:
    assert [study.id for study in lib.find_studies(topic)] == expected


def test_find_studies_without_topic_lists_all(lib: Library) -> None:
    assert lib.find_studies("") == list(lib.studies.values())


def test_every_study_states_its_limits(lib: Library) -> None:
    campagnola = lib.studies["campagnola2015"].limits.lower()
    assert "small" in campagnola and "unpublished" in campagnola and "age range" in campagnola
    assert "near-maximal" in lib.studies["hodgson2005"].limits
    for study in lib.studies.values():
        assert study.limits and study.practical and study.keywords


def test_activation_is_not_strength_note(lib: Library) -> None:
    assert any("activation is not strength" in note.lower() for note in lib.research_notes)


# --------------------------------------------------------------------------- corrections and wording


def test_medius_is_named_for_its_middle_size(lib: Library) -> None:
    medius = lib.muscles["medius"]
    assert "middle" in medius.name_meaning and "size" in medius.name_meaning
    assert "middle" in medius.size.lower()
    assert not any("most medial" in text.lower() for text in _prose(lib))


def test_pap_is_potentiation_never_potential(lib: Library) -> None:
    hodgson = lib.studies["hodgson2005"]
    assert "potentiation" in (hodgson.topic + hodgson.finding).lower()
    assert not [text for text in _prose(lib) if re.search(r"\bpotential\b", text, re.I)]


def test_coach_not_clinician(lib: Library) -> None:
    disclaimer = lib.text("disclaimer").lower()
    assert "not a clinician" in disclaimer and "stop" in disclaimer
    assert any("professional" in rule.lower() for rule in lib.approach.rules)


def test_start_text_has_the_three_setup_steps(lib: Library) -> None:
    start = lib.text("start")
    positions = [
        start.index(step)
        for step in ("1. /units kg|lb", "2. /timezone Europe/Amsterdam", "3. /remind mon,wed,fri 18:00")
    ]
    assert positions == sorted(positions)


def test_unknown_text_key_is_a_clear_error(lib: Library) -> None:
    with pytest.raises(KeyError, match="nope"):
        lib.text("nope")


def test_approach_table_and_rules(lib: Library) -> None:
    aspects = [row.aspect.lower() for row in lib.approach.rows]
    assert aspects == [
        "focus",
        "activation",
        "force profile",
        "hip motion",
        "muscle actions",
        "position and direction",
    ]
    rows = {row.aspect.lower(): row for row in lib.approach.rows}
    assert "eccentric" in rows["activation"].progressive.lower()
    assert "pelvis moves on the thigh" in rows["hip motion"].progressive.lower()
    points = " ".join(lib.approach.points).lower()
    assert "load to unload" in points and "rotational" in points
    progression = " ".join(lib.approach.level_progression).lower()
    assert "no load" in progression and "small range" in progression and "rhythmic" in progression
    rules = " ".join(lib.approach.rules).lower()
    assert "activation" in rules and "one variable at a time" in rules and "form first" in rules


def test_sources_are_cited_by_title(lib: Library) -> None:
    titles = {source.title: source.authors for source in lib.sources}
    assert "van Griensven" in titles["Booty gains: how do I train my ass?"]
    assert "Price" in titles["Training the Glutes for Form & Function"]


def test_texts_fit_a_discord_field_and_keep_markup_clean(lib: Library) -> None:
    ids_in_prose = re.compile(r"\b(?:" + "|".join(i for i in lib.exercises if "_" in i) + r")\b")
    for text in _prose(lib):
        assert len(text) < 900, text[:60]
        assert not ids_in_prose.search(text), text[:60]
        bare = re.sub(r"\\.", "", text)
        assert bare.count("*") % 2 == 0 and bare.count("_") % 2 == 0, text[:60]


def test_content_does_not_depend_on_the_shared_folder() -> None:
    for path in CONTENT_DIR.glob("*"):
        if path.suffix in {".py", ".yaml"}:
            assert "/work/shared" not in path.read_text(encoding="utf-8"), path.name


# --------------------------------------------------------------------------- loading and validation


def test_loading_is_not_cached() -> None:
    # How fast loading is belongs to `make bench` (cold start), not to a test on a shared machine.
    assert load_library() is not load_library()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    for path in CONTENT_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _edit(directory: Path, filename: str, change: Callable[[Any], None]) -> None:
    path = directory / filename
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _exercise(data: dict[str, Any], exercise_id: str) -> tuple[int, dict[str, Any]]:
    for index, item in enumerate(data["exercises"]):
        if item["id"] == exercise_id:
            return index, item
    raise AssertionError(exercise_id)


def _load_error(directory: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_library(directory)
    return str(caught.value)


def test_a_faithful_copy_loads(content_copy: Path) -> None:
    copy = load_library(content_copy)
    assert copy.exercises.keys() == load_library().exercises.keys()


def test_error_names_the_file_and_the_field(content_copy: Path) -> None:
    index = _exercise(yaml.safe_load((content_copy / "exercises.yaml").read_text()), "hip_thrust")[0]
    _edit(
        content_copy, "exercises.yaml", lambda d: _exercise(d, "hip_thrust")[1].update(steps=["one", "two"])
    )
    message = _load_error(content_copy)
    assert "exercises.yaml" in message
    assert f"exercises[{index}] (hip_thrust).steps" in message
    assert "at least 3 items" in message


def test_shipped_folder_is_named_content_in_errors(
    monkeypatch: pytest.MonkeyPatch, content_copy: Path
) -> None:
    import content.library as library_module

    _edit(content_copy, "texts.yaml", lambda d: d["texts"].pop("disclaimer"))
    monkeypatch.setattr(library_module, "CONTENT_DIR", content_copy.resolve())
    assert "content/texts.yaml: texts: missing required key(s): disclaimer" in _load_error(content_copy)


def test_cited_unknown_study_is_rejected(content_copy: Path) -> None:
    _edit(
        content_copy, "exercises.yaml", lambda d: _exercise(d, "hip_thrust")[1].update(studies=["nobody1999"])
    )
    message = _load_error(content_copy)
    assert "(hip_thrust).studies[0]" in message and "unknown study 'nobody1999'" in message


def _set_band(data: dict[str, Any]) -> None:
    _exercise(data, "hip_thrust")[1]["levels"][0]["band"] = "knees"


def _drop_band(data: dict[str, Any]) -> None:
    del _exercise(data, "sumo_walk")[1]["levels"][1]["band"]


def _swap_levels(data: dict[str, Any]) -> None:
    levels = _exercise(data, "deadlift")[1]["levels"]
    levels[0], levels[1] = levels[1], levels[0]


@pytest.mark.parametrize(
    ("filename", "change", "expected"),
    [
        (
            "exercises.yaml",
            lambda d: _exercise(d, "kickback")[1].update(cuess=["typo"]),
            r"\(kickback\)\.cuess: extra inputs are not permitted",
        ),
        (
            "exercises.yaml",
            lambda d: _exercise(d, "deadlift")[1].update(aliases=[]),
            r"\(deadlift\)\.aliases",
        ),
        (
            "exercises.yaml",
            lambda d: _exercise(d, "deadlift")[1].update(category="cardio"),
            r"\(deadlift\)\.category",
        ),
        (
            "exercises.yaml",
            lambda d: _exercise(d, "deadlift")[1].update(rep_range=[12, 8]),
            r"\(deadlift\)\.rep_range",
        ),
        (
            "exercises.yaml",
            lambda d: _exercise(d, "deadlift")[1].update(rep_range=[0, 8]),
            r"\(deadlift\)\.rep_range\[0\]",
        ),
        (
            "exercises.yaml",
            lambda d: _exercise(d, "deadlift")[1].update(mistakes=[]),
            r"\(deadlift\)\.mistakes",
        ),
        (
            "exercises.yaml",
            lambda d: _exercise(d, "deadlift")[1].update(load_step_kg=0),
            r"\(deadlift\)\.load_step_kg",
        ),
        (
            "exercises.yaml",
            _swap_levels,
            r"\(deadlift\)\.levels: levels must be beginner, intermediate, advanced",
        ),
        ("exercises.yaml", _drop_band, r"\(sumo_walk\)\.levels: activation exercises need a band"),
        ("exercises.yaml", _set_band, r"\(hip_thrust\)\.levels: only activation exercises"),
        (
            "exercises.yaml",
            lambda d: _exercise(d, "kickback")[1]["aliases"].append("Hip-Thrust"),
            r"\(kickback\)\.aliases\[\d+\]: 'Hip-Thrust' already names hip_thrust",
        ),
        (
            "exercises.yaml",
            lambda d: d["exercises"].remove(_exercise(d, "kickback")[1]),
            r"exercises: missing required id\(s\): kickback",
        ),
        (
            "exercises.yaml",
            lambda d: _exercise(d, "deadlift")[1].update(summary="Lift 10RM* today."),
            r"\(deadlift\)\.summary: unbalanced '\*'",
        ),
        (
            "exercises.yaml",
            lambda d: _exercise(d, "deadlift")[1].update(summary="x" * 901),
            r"\(deadlift\)\.summary: string should have at most 900 characters",
        ),
        (
            "research.yaml",
            lambda d: d["studies"][0].update(year=2099),
            r"studies\[0\] \(contreras2015\)\.year",
        ),
        ("anatomy.yaml", lambda d: d["muscles"].pop(), r"muscles: missing required id\(s\): minimus"),
        ("approach.yaml", lambda d: d["approach"].update(rules=[]), r"approach\.rules"),
        ("sources.yaml", lambda d: d["sources"][0].pop("title"), r"sources\[0\]\.title: field required"),
        ("texts.yaml", lambda d: d["texts"].update(start=""), r"texts\.start"),
    ],
)
def test_broken_content_is_rejected_with_its_location(
    content_copy: Path, filename: str, change: Callable[[Any], None], expected: str
) -> None:
    _edit(content_copy, filename, change)
    message = _load_error(content_copy)
    assert filename in message
    assert re.search(expected, message), message


@pytest.mark.parametrize("field", ["swaps", "rep_range", "rest_seconds"])
def test_an_exercise_without_swaps_rep_range_or_rest_is_refused(content_copy: Path, field: str) -> None:
    index = _exercise(yaml.safe_load((content_copy / "exercises.yaml").read_text()), "frog_pump")[0]
    _edit(content_copy, "exercises.yaml", lambda d: _exercise(d, "frog_pump")[1].pop(field))
    message = _load_error(content_copy)
    assert f"exercises.yaml: exercises[{index}] (frog_pump).{field}: field required" in message


@pytest.mark.parametrize(
    ("swaps", "expected"),
    [
        ([], r"\(hip_thrust\)\.swaps: tuple should have at least 1 item"),
        ([{"missing": "bench"}], r"\(hip_thrust\)\.swaps\[0\]\.how: field required"),
        ([{"missing": "spaceship", "how": "x"}], r"\(hip_thrust\)\.swaps\[0\]\.missing: input should be"),
        (
            [{"missing": "bench", "how": "x", "exercise": "nordic_curl"}],
            r"\(hip_thrust\)\.swaps\[0\]\.exercise: unknown exercise 'nordic_curl'",
        ),
        (
            [{"missing": "bench", "how": "x", "exercise": "hip_thrust"}],
            r"\(hip_thrust\)\.swaps\[0\]\.exercise: a swap cannot name the exercise itself",
        ),
    ],
)
def test_broken_swaps_are_refused_with_their_location(
    content_copy: Path, swaps: list[dict[str, str]], expected: str
) -> None:
    _edit(content_copy, "exercises.yaml", lambda d: _exercise(d, "hip_thrust")[1].update(swaps=swaps))
    message = _load_error(content_copy)
    assert "exercises.yaml" in message and re.search(expected, message), message


def test_rest_must_be_a_sensible_number_of_seconds(content_copy: Path) -> None:
    _edit(content_copy, "exercises.yaml", lambda d: _exercise(d, "deadlift")[1].update(rest_seconds=5))
    assert re.search(
        r"\(deadlift\)\.rest_seconds: input should be greater than or equal to 15", _load_error(content_copy)
    )


def test_every_source_says_what_kind_it_is(content_copy: Path) -> None:
    kinds = {study.id: study.kind for study in load_library().studies.values()}
    assert kinds["wolf2011"] == kinds["iom2012"] == "practitioner"
    assert kinds["hodgson2005"] == kinds["blazevich2019"] == "review"
    assert kinds["kubo2019"] == kinds["plotkin2023"] == kinds["campagnola2015"] == "study"
    _edit(content_copy, "research.yaml", lambda d: d["studies"][0].update(kind="blog"))
    assert re.search(r"studies\[0\] \(contreras2015\)\.kind", _load_error(content_copy))


def test_escaped_markup_characters_are_allowed(content_copy: Path) -> None:
    _edit(
        content_copy, "exercises.yaml", lambda d: _exercise(d, "deadlift")[1].update(summary=r"Lift 5 \* 5.")
    )
    assert load_library(content_copy).exercises["deadlift"].summary == r"Lift 5 \* 5."


def test_duplicate_yaml_keys_are_rejected(content_copy: Path) -> None:
    path = content_copy / "texts.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "texts:\n  start: again\n", encoding="utf-8")
    assert re.search(
        r"texts\.yaml: invalid YAML at line \d+.*duplicate key 'texts'", _load_error(content_copy)
    )


def test_invalid_yaml_and_missing_files_are_reported(content_copy: Path) -> None:
    (content_copy / "sources.yaml").write_text("sources: [unclosed\n", encoding="utf-8")
    (content_copy / "approach.yaml").unlink()
    message = _load_error(content_copy)
    assert "sources.yaml: invalid YAML" in message
    assert "approach.yaml: cannot read the file" in message

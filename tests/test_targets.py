"""Prescription lives in coaching/ and runs on domain values: plain exercise data, domain log lines."""

from __future__ import annotations

from dataclasses import dataclass

from coaching.charts import sessions
from coaching.export import entries_csv
from coaching.progression import pr_flags, records
from coaching.targets import compound_of, format_target, main_lift_of, prescribe
from domain.levels import LEVELS
from domain.log import LogEntry


@dataclass(frozen=True)
class Level:
    band: str | None = None


@dataclass(frozen=True)
class Spec:
    """Exercise data as plain values: no content layer."""

    id: str
    category: str = "glute_lift"
    rep_range: tuple[int, int] = (8, 12)
    sets: int = 3
    loaded: bool = True
    load_step_kg: float = 2.5
    load_step_lb: float = 5.0
    bands: tuple[str | None, str | None, str | None] = (None, None, None)

    def level(self, name: str) -> Level:
        return Level(self.bands[LEVELS.index(name)])


HIP_THRUST = Spec("hip_thrust")
BRIDGE = Spec("glute_bridge")
SQUAT = Spec("back_squat", category="compound")
WALK = Spec("sumo_walk", "activation", (10, 20), 2, False, 0, 0, ("knees", "ankles", "feet"))
EXERCISES = {s.id: s for s in (HIP_THRUST, BRIDGE, SQUAT, WALK)}
AT = "2026-11-30T17:00:00+00:00"


def test_top_of_the_range_adds_a_step() -> None:
    last = LogEntry("hip_thrust", (12, 12, 12), AT, 80.0, "kg")
    p = prescribe(HIP_THRUST, [last], units="kg", level="intermediate", beginner_start="unused")
    assert p.exercise is HIP_THRUST
    assert format_target(p.target) == "3 × 8 @ 82.5 kg"
    assert p.target.change == "All sets hit 12: add 2.5 kg, back to 8 reps."


def test_a_beginner_starts_a_loaded_lift_unloaded_with_the_given_note() -> None:
    p = prescribe(HIP_THRUST, [], units="lb", level="beginner", beginner_start="Start with no load.")
    assert (p.target.weight, p.target.unit, p.target.change) == (None, None, "Start with no load.")
    assert format_target(p.target) == "3 × 8 reps"
    other = prescribe(HIP_THRUST, [], units="lb", level="advanced", beginner_start="Start with no load.")
    assert other.target.unit == "lb" and other.target.change.startswith("Start light")


def test_activation_starts_at_the_level_band() -> None:
    p = prescribe(WALK, [], units="kg", level="intermediate", beginner_start="")
    assert format_target(p.target) == "2 × 10 steps each way, band at the ankles"


def test_the_main_lift_is_the_latest_glute_lift_else_the_level_default() -> None:
    assert main_lift_of(EXERCISES, [], "beginner") is BRIDGE
    assert main_lift_of(EXERCISES, [], "advanced") is HIP_THRUST
    log = [LogEntry("hip_thrust", (10,), AT, 60.0, "kg"), LogEntry("glute_bridge", (10,), AT)]
    assert main_lift_of(EXERCISES, log, "advanced") is BRIDGE
    assert compound_of(EXERCISES, log) is SQUAT


def test_records_charts_and_export_read_domain_log_lines() -> None:
    before = [LogEntry("hip_thrust", (10, 10), "2026-11-28T17:00:00+00:00", 80.0, "kg", id=1)]
    now = LogEntry("hip_thrust", (10, 10), AT, 85.0, "kg", id=2)
    assert pr_flags(before, now) == ["heaviest load", "best estimated 1RM"]
    assert records([*before, now]).heaviest_kg == 85.0
    assert [s.top_weight for s in sessions([*before, now], "kg")] == [80.0, 85.0]
    csv = entries_csv([now], {"hip_thrust": "Hip thrust"}).decode()
    assert "2026-11-30 17:00:00,2,hip_thrust,Hip thrust,1,10,85,kg,,,no" in csv

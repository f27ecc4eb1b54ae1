"""Settings and data: /timezone (cities, abbreviations and offsets), /units, /level, /deleteme."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from zoneinfo import ZoneInfo

from coaching.families import FAMILY_NAMES, parse_levels, raise_family
from coaching.timezones import format_offset, lookup_timezone
from core.context import Context
from core.markup import count, esc
from core.messages import Button, Reply, Request
from domain.equipment import counterpart, preset_label, to_spec
from handlers.equipment import other_unit, units_mark, user_equipment
from handlers.reminder_texts import passed_fix, when
from reminders.occurrences import one_off_passed
from services.accounts import Accounts
from storage.models import LEVELS, UNITS, Profile

CONFIRM_SECONDS = 120  # a deletion is confirmed right away or asked again


def _clock_in(zone: str, ctx: Context) -> str:
    return ctx.clock().astimezone(ZoneInfo(zone)).strftime("%H:%M")


def _zone_note(zone: str, ctx: Context) -> str:
    """The offset of a fixed zone, said the ISO way: ``Etc/GMT+5`` is UTC−5 (POSIX reverses the sign)."""
    if not zone.startswith("Etc/"):
        return ""
    delta = ctx.clock().astimezone(ZoneInfo(zone)).utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    return f" (fixed {format_offset(minutes)}, no daylight saving)"


def _zone_mark(profile: Profile) -> str:
    """A short mark of the timezone a /timezone question was asked under: its choice buttons carry
    it (as /delete's carries the entry's fingerprint), so a later /timezone supersedes the question."""
    return hashlib.sha256(f"{profile.timezone}|{profile.timezone_chosen}".encode()).hexdigest()[:12]


async def timezone_check(request: Request, ctx: Context) -> Reply | None:
    """Before the write limit (core.dispatch): the zone shown, asked about or refused costs nothing,
    and a zone no one has is said as such even in a busy minute."""
    found = _zone_wanted(request, ctx)
    return found if isinstance(found, Reply) else None


def _zone_wanted(request: Request, ctx: Context) -> Reply | tuple[str, str]:
    """The answer that changes nothing (the zone as it is, a question, a refusal), or the zone to set
    with what was typed for it (a city's name is said back)."""
    profile = ctx.store.profile(request.account)
    wanted = str(request.args.get("zone", "")).strip()
    zone_word, _, shown = wanted.rpartition(" @")
    if request.via_button and zone_word and shown:
        wanted = zone_word
        if shown != _zone_mark(profile):
            return Reply(
                "That question was replaced by your later /timezone change, so nothing changed: "
                f"your timezone is {esc(profile.timezone)}. Send /timezone with your city to change it again."
            )
    if not wanted:
        return Reply(
            f"Your timezone is {esc(profile.timezone)}{_zone_note(profile.timezone, ctx)}; "
            f"it is {_clock_in(profile.timezone, ctx)} there now. Change it with your city, "
            "e.g. /timezone Mumbai, /timezone São Paulo, or a zone name like /timezone Europe/Amsterdam"
        )
    found = lookup_timezone(wanted, ctx.clock())
    if found.kind == "pick":
        if not found.choices:
            return Reply(
                f"No place is at {esc(found.what)} right now. Try your city, e.g. /timezone Mumbai, "
                "or an offset like /timezone UTC+5:30"
            )
        buttons = tuple(
            (
                Button(
                    f"{c.label} {_clock_in(c.zone, ctx)}",
                    f"/timezone {c.zone} @{_zone_mark(profile)}",
                    single_use=True,
                ),
            )
            for c in found.choices
        )
        if len(found.choices) == 1:
            # One candidate: still asked (an offset is never taken silently), but as what it is.
            [only] = found.choices
            return Reply(
                f"Did you mean {esc(only.label)} ({esc(only.zone)}, {_clock_in(only.zone, ctx)} there now) "
                f"for {esc(found.what)}? Press the button to set it, or type your city, e.g. /timezone Mumbai",
                buttons=buttons,
            )
        return Reply(
            f"{esc(found.what)} can mean more than one place, and places change their clocks on different "
            "days. Which is yours? (Each button shows the time there now.) Or type your city, e.g. /timezone Mumbai",
            buttons=buttons,
        )
    if found.kind == "unknown":
        close = [c.label for c in found.choices]
        hint = f" Close matches: {esc(', '.join(close))}." if close else ""
        return Reply(
            f"“{esc(wanted[:60])}” is not a timezone I know.{hint} Try your city (/timezone Mumbai), "
            "an abbreviation (/timezone CET) or an offset (/timezone UTC+5:30)."
        )
    return found.zone, (found.what if found.kind == "city" else "")


async def timezone(request: Request, ctx: Context) -> Reply:
    wanted = _zone_wanted(request, ctx)
    if isinstance(wanted, Reply):
        return wanted
    zone, city = wanted
    now = ctx.clock()
    before = ctx.store.profile(request.account).timezone
    passed_before = {s.id for s in ctx.store.schedules(request.account) if one_off_passed(s, now)}
    moved = await Accounts.of(ctx).set_timezone(request.account, zone, now)
    extra = (
        f" Your {count(moved, 'reminder schedule', 'reminder schedules')} now "
        f"{'follows' if moved == 1 else 'follow'} {esc(zone)} local time."
        if moved
        else ""
    )
    # One-offs keep their local date and time too (set "tomorrow 18:00", then flown: 18:00 where you
    # are); one whose time is now behind us would never come, so the user is told here, not left to find out.
    passed = [
        s
        for s in ctx.store.schedules(request.account)
        if s.id not in passed_before and one_off_passed(s, now)
    ]
    for s in passed:
        day = when(s, ctx.clock()).removeprefix("one-off on ")
        extra += (
            f"\nOne-off #{s.id} ({day}) is already past in {esc(zone)}, so it will not come: {passed_fix(s)}."
        )
    if zone != before and ctx.store.last_entry(request.account) is not None:
        # A set keeps the moment it was done; a date typed under the old zone may now read a day off.
        extra += (
            f"\nSets you logged keep the moment they were done, so /history now shows them in {esc(zone)} "
            "time: one you typed a date or time for may read a day off (/delete it, then /log it with its date)."
        )
    place = f"{esc(city)}: " if city else ""
    return Reply(
        f"Timezone set to {place}{esc(zone)}{_zone_note(zone, ctx)}. "
        f"It is {_clock_in(zone, ctx)} there now.{extra}"
    )


def _kit_note(profile: Profile, offer: bool = True) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """What /units says of a kit left in the other unit (never changed by /units), with the same
    set-up in the lifter's unit as a button (``offer``) when there is one; ("", ()) when they agree."""
    preset, kit = user_equipment(profile)
    kit_unit = other_unit(profile, kit)
    if kit_unit is None:
        return "", ()
    mine = profile.units
    note = (
        f" Your set-up ({esc(preset_label(preset, mine))}) is still in {kit_unit}, so /plates and /warmup "
        f"answer in {kit_unit}."
    )
    if not offer:
        return note, ()
    same = counterpart(preset, mine)
    if same is None:
        return f"{note} Pick a set-up in {mine} with /equipment.", ()
    changed = " (it replaces your changes to the set-up)" if to_spec(kit, preset) != preset else ""
    label = preset_label(same, mine)
    note += f" Switch to {esc(label)} with the button{changed}, or pick another with /equipment."
    return note, ((Button(label.capitalize(), f"/equipment preset {same}", style="primary"),),)


def _set_units(ctx: Context, profile: Profile, unit: str, kept: bool = False) -> Reply:
    """``unit`` saved, and any open unit question closed: the lifter said which they log in
    (``kept``: by keeping theirs, pressed under the set-up they just picked)."""
    saved = replace(profile, units=unit, units_asked="")
    ctx.store.save_profile(saved)
    note, buttons = _kit_note(saved, offer=not kept)
    if kept:
        return Reply(
            f"You keep logging in {unit}: a load without a unit is {unit} (write 135lb or 60kg to say "
            f"the other).{note}"
        )
    if profile.units_asked and not note:
        return Reply(
            f"Units set to {unit}, as your set-up. Sets you already logged keep the unit they were logged in."
        )
    return Reply(
        f"Units set to {unit}. Sets you already logged keep the unit they were logged in.{note}",
        buttons=buttons,
    )


async def units(request: Request, ctx: Context) -> Reply:
    profile = ctx.store.profile(request.account)
    unit = str(request.args.get("unit", "")).strip().lower()
    if not unit:
        return Reply(f"You log in {profile.units}. Change with /units kg or /units lb.")
    if unit not in UNITS:
        return Reply("Units are kg or lb, e.g. /units kg")
    return _set_units(ctx, profile, unit)


async def units_choose(request: Request, ctx: Context) -> Reply:
    """The "Log in lb" / "Keep kg" buttons under a set-up picked in the other unit (a hidden command:
    dispatch refuses it typed). They act only on the question as asked: a later /units or set-up
    change replaced it."""
    profile = ctx.store.profile(request.account)
    unit, _, shown = request.text.strip().partition(" ")
    if unit not in UNITS or shown.strip() != units_mark(profile) or not profile.units_asked:
        preset, kit = user_equipment(profile)
        return Reply(
            "That question was replaced by a later change, so nothing changed: you log in "
            f"{profile.units} and your set-up ({esc(preset_label(preset, profile.units))}) is in "
            f"{kit.unit}. /units kg or /units lb changes the unit you log in."
        )
    return _set_units(ctx, profile, unit, kept=unit == profile.units)


async def level(request: Request, ctx: Context) -> Reply:
    profile = ctx.store.profile(request.account)
    wanted = str(request.args.get("level", "")).strip().lower()
    if not wanted:
        earned = "".join(
            f" {FAMILY_NAMES[f].capitalize()}: {v.level}."
            for f, v in sorted(parse_levels(profile.levels).items())
            if LEVELS.index(v.level) > LEVELS.index(profile.level)
        )
        return Reply(
            f"Your level is {profile.level}.{earned} Beginner: band at the knees, unloaded and small range first; "
            "intermediate: band at the ankles; advanced: band at the feet. Change with /level intermediate."
        )
    if wanted not in LEVELS:
        return Reply("Level is beginner, intermediate or advanced, e.g. /level beginner")
    ctx.store.save_profile(replace(profile, level=wanted))
    band = ctx.library.exercises["sumo_walk"].level(wanted).band
    return Reply(
        f"Level set to {wanted}: activation with the band at the {band}. /plan shows today's session."
    )


def _holdings(request: Request, ctx: Context) -> tuple[str, str]:
    """What /deleteme lists ("1 logged entry, 0 reminder schedules") and a short mark of it (with the
    newest entry and the reminders' numbers): its Yes carries the mark, as /delete's carries the
    entry's fingerprint, so a Yes pressed after more was logged deletes nothing unlisted."""
    entries = ctx.store.entry_count(request.account)
    schedules = ctx.store.schedules(request.account)
    last = ctx.store.last_entry(request.account)
    said = (
        f"{count(entries, 'logged entry', 'logged entries')}, "
        f"{count(len(schedules), 'reminder schedule', 'reminder schedules')}"
    )
    held = f"{entries}|{last.id if last else 0}|{' '.join(f'{s.id}:{s.created_at}' for s in schedules)}"
    return said, hashlib.sha256(held.encode()).hexdigest()[:12]


async def deleteme(request: Request, ctx: Context) -> Reply:
    said, mark = _holdings(request, ctx)
    return Reply(
        f"This deletes everything I keep about you: {said}, "
        "your settings and any linked accounts. It cannot be undone. "
        f"{backup_notice(ctx)} Are you sure? "
        f"(The buttons work for {CONFIRM_SECONDS // 60} minutes.)",
        buttons=(
            (
                Button(
                    "Yes, delete everything",
                    f"/deleteme_confirm {mark}",  # deletes only what this question listed
                    style="danger",
                    single_use=True,
                    ttl_seconds=CONFIRM_SECONDS,
                ),
                Button("No, keep it", "/deleteme_cancel", single_use=True, ttl_seconds=CONFIRM_SECONDS),
            ),
        ),
    )


async def deleteme_confirm(request: Request, ctx: Context) -> Reply:
    # Reached only from the button /deleteme issued (a hidden command): dispatch refuses it typed.
    shown = str(request.args.get("shown", ""))  # "" on buttons made before the mark
    if shown and shown != _holdings(request, ctx)[1]:
        # More (or other) data than the question listed: asked again with what there is now.
        asked = await deleteme(request, ctx)
        return replace(asked, text=f"That changed since I asked: nothing was deleted. {asked.text}")
    await Accounts.of(ctx).delete(request.account)
    return Reply(
        "Done: all your data is deleted (log, reminders, settings, links). "
        f"{backup_notice(ctx)} Send /start to begin again."
    )


def backup_notice(ctx: Context) -> str:
    """How long a deleted user can remain in backups: a snapshot, and the data a restore moved aside,
    is removed once BACKUP_KEEP days old (storage/backup.py `expire`, hourly and with each snapshot);
    a restore deletes the user again meanwhile."""
    days = ctx.settings.backup_keep
    return f"Backups keep a copy for up to {count(days, 'day', 'days')}, then it is gone from them too."


async def deleteme_cancel(request: Request, ctx: Context) -> Reply:
    return Reply("Nothing was deleted.")


async def level_up(request: Request, ctx: Context) -> Reply:
    """The "Level up?" button under /log: raises one movement family (Price), not the global level."""
    profile = ctx.store.profile(request.account)
    family = str(request.args.get("family", ""))
    wanted = str(request.args.get("level", ""))
    raised = raise_family(profile.levels, family, wanted, ctx.clock().isoformat())
    name = FAMILY_NAMES.get(family, family)
    if raised is None or LEVELS.index(wanted) <= LEVELS.index(profile.level):
        return Reply(
            f"Your {esc(name)} are already at the {esc(wanted)} level or above. /plan shows today's session."
        )
    ctx.store.save_profile(replace(profile, levels=raised))
    return Reply(
        f"Level up: {esc(name)} are now at the {esc(wanted)} level, back to the bottom of the rep range. "
        "Other movements keep their level. /plan shows today's session."
    )

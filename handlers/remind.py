"""Remind: /remind (weekly, one-off, ``edit``, ``list``, ``on``/``off``), /reminders, /unremind, the
Replace button (/remind_replace) and the "activation done" button (/lift_now).

Each writing command has a ``*_check``: what it answers without changing anything (bad input, a
listing). Dispatch runs it before spending the user's write budget, so a typo is always answered with
what would work, never with "too many changes"."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, datetime

from coaching.schedparse import (
    DAY_ABBR,
    GAP_EXAMPLES,
    ParsedSchedule,
    ScheduleChanges,
    ScheduleParseError,
    describe_days,
    describe_gap,
    next_weekday,
    parse_changes,
    parse_schedule,
)
from core.context import Context
from core.markup import count, esc
from core.messages import Button, Reply, Request
from core.registry import Checked
from domain.identity import Identity
from handlers.account import CONFIRM_SECONDS
from handlers.reminder_texts import day_text, lift_done_today, local_today, passed_fix, when
from reminders.occurrences import one_off_passed, zone
from reminders.service import private_target_key
from services.schedules import Schedules
from storage.models import Schedule

MAX_SCHEDULES = 20
EXAMPLES = (
    "/remind mon,wed,fri 18:00, /remind weekdays 07:30 gap 1h, /remind tomorrow 6:30pm, /remind fri 7am once"
)


def edit_example(number: int = 1) -> str:
    """How to change a reminder, shown with ``number`` (one the user has, where known)."""
    return f"/remind edit {number} gap 20m (or new days, a time: /remind edit {number} tue,thu 19:30)"


EDIT_EXAMPLE = edit_example()
REPLACE_SECONDS = 600  # the Replace offer is answered now or asked again


def local_now(ctx: Context, timezone: str) -> datetime:
    """The clock's now in the user's zone (UTC for a zone that no longer loads)."""
    try:
        return ctx.clock().astimezone(zone(timezone))
    except ValueError:
        return ctx.clock().astimezone(zone("UTC"))


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def _describe(schedule: Schedule, ctx: Context) -> str:
    line = (
        f"{when(schedule, ctx.clock())} ({esc(schedule.timezone)}), lift {describe_gap(schedule.gap)} later"
    )
    if one_off_passed(schedule, ctx.clock()):
        # Its time is behind us (a /timezone change can do that): say so, not a silent non-event.
        return line + f". Passed: it will not come. {passed_fix(schedule)}"
    if schedule.off:
        return line + f". Off: nothing is sent until /remind on {schedule.id}"
    if schedule.paused:
        return (
            line
            + ". Paused: I couldn't reach you privately; it resumes when you write to me in a private chat."
        )
    nxt = ctx.reminders.next_occurrence(schedule)
    if nxt is not None:
        today = local_today(schedule, ctx.clock())
        line += f". Next: {day_text(nxt.date(), today)} {nxt.strftime('%H:%M')}"
        if (
            today is not None
            and schedule.last_activation == today.isoformat()
            and today.weekday() in schedule.days
            and nxt.date() > today
            and not schedule.once
        ):
            # One a day: moved later (or west) after today's came, it is not sent twice today (said only
            # when today is one of its days: else today has none anyway).
            line += " (today's came already)"
        if nxt.strftime("%H:%M") != schedule.time:
            # Spring forward: the local time set does not exist that night; it fires after the jump.
            line += (
                f" (the clocks go forward that night and skip {schedule.time}, "
                f"so it comes at {nxt.strftime('%H:%M')})"
            )
        elif nxt.replace(fold=1 - nxt.fold).utcoffset() != nxt.utcoffset():
            # Fall back: the local time comes twice that night; it fires once, at the one it is set to.
            which = "first, before" if nxt.fold == 0 else "second, after"
            line += f" (the clocks go back that night and {schedule.time} comes twice: it comes at the {which} the change)"
    elif schedule.once and schedule.last_activation == schedule.once:
        line += ". Activation sent; the lift follows"
    return line


def _overlap_day(days: tuple[int, ...], time: str, once: str, other: Schedule) -> str:
    """The day a schedule (days/time/once) and ``other`` both fire at the same time ("" if none)."""
    if time != other.time:
        return ""
    if once and other.once:
        return date.fromisoformat(once).strftime("%a %d %b") if once == other.once else ""
    if once:
        weekday = date.fromisoformat(once).weekday()
        return DAY_ABBR[weekday] if weekday in other.days else ""
    if other.once:
        weekday = date.fromisoformat(other.once).weekday()
        return DAY_ABBR[weekday] if weekday in days else ""
    shared = sorted(set(days) & set(other.days))
    return describe_days(tuple(shared)) if shared else ""


def _coincides(one_off: Schedule, ctx: Context) -> str:
    """The note on a weekly reminder that fires with ``one_off`` on its date."""
    day = day_text(date.fromisoformat(one_off.once), local_today(one_off, ctx.clock()))
    return (
        f"\nOn {day} it coincides with one-off #{one_off.id}: that day both come "
        f"(/unremind {one_off.id} if one is enough)."
    )


def _spec(days: tuple[int, ...], time: str, gap: int, once: str) -> str:
    """Text `parse_schedule` reads back as exactly this schedule (for the Replace button)."""
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    what = once if once else ",".join(names[d] for d in days)
    return f"{what} {time} gap {gap}m"


def mark(schedule: Schedule) -> str:
    """A short mark of a reminder as a button showed it (its number, days, time, date and gap), as
    /delete's fingerprint marks an entry: numbers are reused after /unremind, so a button carrying
    ``<id>@<mark>`` acts only on the reminder it showed. Off/on and deliveries are no change."""
    shown = (
        f"{schedule.id}|{','.join(map(str, schedule.days))}|{schedule.time}|{schedule.once}|{schedule.gap}"
    )
    return hashlib.sha256(shown.encode()).hexdigest()[:12]


def marked(schedule: Schedule) -> str:
    """``<id>@<mark>``: how a button names the reminder it showed."""
    return f"{schedule.id}@{mark(schedule)}"


def _split_marked(word: str) -> tuple[int | None, str]:
    """The number and mark of ``<id>[@<mark>]`` (mark "": typed, or a button made before marks)."""
    number, _, shown = word.partition("@")
    return _number(number), shown.strip()


def changed_since(schedule: Schedule | None, shown: str) -> bool:
    """A button that showed a reminder (``shown``: its `mark`) finds another one under its number."""
    return bool(shown) and (schedule is None or mark(schedule) != shown)


def _marks(schedules: list[Schedule]) -> str:
    """One `mark` for a list of reminders as shown (a button's command has room for one)."""
    return hashlib.sha256(" ".join(mark(s) for s in schedules).encode()).hexdigest()[:12]


def _live(ctx: Context, account: str) -> list[Schedule]:
    """The account's schedules that can still send something (a finished one-off is on its way out)."""
    return [s for s in ctx.store.schedules(account) if not s.done]


HELP = (
    "/remind takes the days and a time, and optionally the gap before the lift reminder:\n"
    "• weekly: /remind mon,wed,fri 18:00, /remind weekdays 07:30 gap 1h\n"
    "• one day only: /remind tomorrow 6:30pm, /remind fri 7am once\n"
    "• change one: /remind edit 1 sat, /remind edit 1 gap 20m\n"
    "• pause one: /remind off 1, then /remind on 1\n"
    "/reminders lists yours."
)
SWITCH_EXAMPLE = "/remind off 1 (and /remind on 1 to switch it back on)"


# Numbers no reminder has: below zero, in exponent form (1e308, nan, inf), or five digits and more.
# The parser would take "-5" for half a day range and echo 99999999 back as a gap to write.
_ODD_NUMBERS = (
    re.compile(r"(?<![\w:])[-\u2212\u2013]\s*\d"),
    re.compile(r"(?<![\w.])(?:\d+(?:[.,]\d+)?e[+-]?\d+|(?:nan|inf(?:inity)?)(?![\w.]))", re.IGNORECASE),
    re.compile(r"(?<![\w:.])\d{5,}"),
)
GAP_RANGE = f"The gap before the lift goes from 1 minute to 3 hours, e.g. {GAP_EXAMPLES}."


def odd_number(text: str) -> str | None:
    """What to say about a number no day, time or gap can be (None: leave it to the parser)."""
    for pattern in _ODD_NUMBERS:
        m = pattern.search(text)
        if m is None:
            continue
        before = text[: m.start()].split()
        if before and before[-1].lower().strip("=:") == "gap":
            return GAP_RANGE
        word = text[m.start() :].split()[0]
        shown = f"“{word}” is" if len(word) <= 12 else "That number is"
        return (
            f"{shown} not a day, a time or a gap: a time looks like 18:00 or 6:30pm, "
            "a gap like gap 15m (1 minute to 3 hours)."
        )
    return None


def _parse_new(request: Request, ctx: Context) -> ParsedSchedule | Reply:
    """The new schedule /remind's text names, or the reply saying what would work."""
    odd = odd_number(request.text)
    if odd is not None:
        return Reply(f"{esc(odd)}\nExamples: {EXAMPLES}")
    profile = ctx.store.profile(request.account)
    try:
        return parse_schedule(request.text, now=_naive(local_now(ctx, profile.timezone)))
    except ScheduleParseError as exc:
        return Reply(f"{esc(str(exc))}\nExamples: {EXAMPLES}")


def _gap_typed(text: str, now: datetime) -> bool:
    """The /remind text names a gap (else `parse_schedule` fills in the default)."""
    try:
        return parse_changes(text, now=_naive(now)).gap is not None
    except ScheduleParseError:
        return True  # read as a whole before: keep what parse_schedule made of it


async def remind_check(request: Request, ctx: Context) -> Reply | Checked | None:
    """What /remind answers without changing anything (None: run it, a write)."""
    head, _, rest = request.text.strip().partition(" ")
    head = head.lower()
    if not head:
        return Reply(HELP)
    if head == "list" and not rest.strip():
        return await list_(request, ctx)
    if head == "edit":
        found = _edit_input(request, ctx, rest)
        return found if isinstance(found, Reply) else None
    if head in ("on", "off"):
        found = _switch_input(request, ctx, head, rest)
        return found if isinstance(found, Reply) else None
    parsed = _parse_new(request, ctx)
    return parsed if isinstance(parsed, Reply) else Checked(parsed)  # the handler reads it, not again


async def remind(request: Request, ctx: Context) -> Reply:
    head, _, rest = request.text.strip().partition(" ")
    if not head:
        return Reply(HELP)
    if head.lower() == "edit":
        return await _edit(request, ctx, rest)
    if head.lower() in ("on", "off"):
        return await _switch(request, ctx, head.lower(), rest)
    if head.lower() == "list" and not rest.strip():
        return await list_(request, ctx)
    profile = ctx.store.profile(request.account)
    checked = request.checked
    parsed = checked if isinstance(checked, ParsedSchedule) else _parse_new(request, ctx)
    if isinstance(parsed, Reply):
        return parsed
    existing = _live(ctx, request.account)
    if len(existing) >= MAX_SCHEDULES:
        return Reply(
            f"You have {len(existing)} schedules, the most I keep. Remove one with /unremind <number>."
        )
    schedule = Schedule(
        account=request.account,
        target=request.target.key(),
        days=parsed.days,
        time=parsed.time,
        timezone=profile.timezone,
        gap=parsed.gap,
        created_at=ctx.clock().isoformat(),
        mention=Identity.parse(request.user).user_id,
        once=parsed.once,
    )
    # Reminders are personal: they go to the user's private chat even when set in a group.
    schedule = replace(schedule, target=private_target_key(schedule))
    mine = [s for s in existing if private_target_key(s) == schedule.target]
    for s in mine:
        if (s.days, s.time, s.once) == (parsed.days, parsed.time, parsed.once):
            if s.gap == parsed.gap or not _gap_typed(request.text, local_now(ctx, profile.timezone)):
                # No gap typed is no change of gap: the default is not asked for.
                return Reply(
                    f"You already have that reminder (#{s.id}), lift {describe_gap(s.gap)} later. "
                    f"/reminders lists them; {edit_example(s.id)} changes it."
                )
            # The same reminder with another gap: the user means to change the gap.
            edited = await Schedules.of(ctx).edit(s, replace(s, gap=parsed.gap), ctx.clock().isoformat())
            return Reply(
                f"You already had that reminder as #{s.id}; its lift now comes "
                f"{describe_gap(edited.gap)} after the activation: {_describe(edited, ctx)}."
            )
    coincide = ""
    for s in mine:
        day = _overlap_day(parsed.days, parsed.time, parsed.once, s)
        if day and s.once and not parsed.once:
            # A weekly meeting a one-off on one date is no clash to replace (that would end the
            # one-off, or make it weekly): both stay, and the user hears about that one day.
            coincide += _coincides(s, ctx)
            continue
        if day:
            if parsed.once and not s.once:
                # Replacing would end a weekly reminder for the sake of one day: not offered.
                return Reply(
                    f"Reminder #{s.id} ({when(s, ctx.clock())}) already fires at {s.time} on {day}. "
                    f"Pick another time for the one-off, or change #{s.id} with /remind edit {s.id} gap 20m."
                )
            spec = _spec(parsed.days, parsed.time, parsed.gap, parsed.once)
            return Reply(
                f"That overlaps reminder #{s.id} ({when(s, ctx.clock())}): both would fire at {s.time} on {day}. "
                f"Replace: {_replacing(s, parsed)} "
                f"Or keep it: nothing changes unless you press the button. "
                f"/remind edit {s.id} … changes it instead.",
                buttons=(
                    (
                        Button(
                            f"Replace #{s.id}",
                            f"/remind_replace {marked(s)} {spec}",  # replaces #{s.id} only as shown
                            style="primary",
                            single_use=True,
                            ttl_seconds=REPLACE_SECONDS,
                        ),
                    ),
                ),
            )
    schedule = await Schedules.of(ctx).create(schedule)
    tz_hint = (
        " Your timezone is still UTC: set yours with /timezone and your city, e.g. /timezone Amsterdam, "
        "so I don't remind you at the wrong hour."
        if profile.timezone == "UTC" and not profile.timezone_chosen
        else ""
    )
    fire = ctx.reminders.next_occurrence(schedule) if schedule.once else None
    # The hour it really comes (a spring-forward night skips the time set), as Next: says above.
    at = fire.strftime("%H:%M") if fire is not None else schedule.time
    what = (
        f"On {when(schedule, ctx.clock()).removeprefix('one-off on ').removesuffix(schedule.time)}{at} "
        "you get the activation routine, "
        f"{describe_gap(schedule.gap)} later your main lift with a target; then this one-off is done."
        if schedule.once
        else f"At {schedule.time} you get the activation routine, "
        f"{describe_gap(schedule.gap)} later your main lift with a target."
    )
    what = _done_today_note(schedule, ctx) or what
    return Reply(f"Reminder #{schedule.id} set: {_describe(schedule, ctx)}.\n{what}{tz_hint}{coincide}")


def _done_today_note(schedule: Schedule, ctx: Context) -> str:
    """What a new reminder's first occurrence brings when it is today and today's main lift is logged
    already (the reminders' own rule: `lift_done_today`), or "": "Hip thrust is logged today already,
    so today's reminder asks for nothing more; from Thu 10 Dec it brings the activation, then the lift."
    """
    now = ctx.clock()
    first = ctx.reminders.next_occurrence(schedule)
    today = local_today(schedule, now)
    if first is None or first.date() != today:
        return ""
    lift = lift_done_today(ctx.store, ctx.library, schedule.account, now)
    if lift is None:
        return ""
    done = f"{esc(lift.name)} is logged today already, so "
    if schedule.once:
        return done + "this one-off asks for nothing more; then it is done."
    following = ctx.reminders.next_occurrence(schedule, first)
    later = f"from {day_text(following.date(), today)}" if following is not None else "after today"
    return done + f"today's reminder asks for nothing more; {later} it brings the activation, then the lift."


def _number(text: str) -> int | None:
    wanted = text.strip().lstrip("#")
    return int(wanted) if (wanted.isascii() and wanted.isdigit()) and len(wanted) <= 6 else None


def _edit_input(request: Request, ctx: Context, text: str) -> tuple[Schedule, ScheduleChanges] | Reply:
    """The reminder ``/remind edit <id> <changes>`` names and the changes, or the reply saying what
    would work."""
    wanted, _, changes = text.strip().partition(" ")
    number = _number(wanted)
    if number is None:
        live = _live(ctx, request.account)
        example = edit_example(live[0].id) if live else EDIT_EXAMPLE
        return Reply(f"Give the reminder's number from /reminders and what to change, e.g. {example}")
    before = ctx.store.get_schedule(request.account, number)
    if before is None or before.done:
        return Reply(f"You have no reminder #{number}. /reminders lists yours.")
    try:
        odd = odd_number(changes)
        if odd is not None:
            raise ScheduleParseError(odd)
        parsed = parse_changes(changes, now=_naive(local_now(ctx, before.timezone)))
    except ScheduleParseError as exc:
        # The parser's message carries its own example; this one shows the whole command.
        return Reply(
            f"{esc(str(exc))}\nThe whole command: /remind edit {number} gap 20m, "
            f"or new days and a time: /remind edit {number} tue,thu 19:30"
        )
    if parsed.once and not before.once:
        # A date for a weekly reminder would end the weekly for one day's sake: refused, with the
        # two things the user may mean (one day extra, or other days every week).
        time = parsed.time or before.time
        return Reply(
            f"Reminder #{number} repeats every week ({when(before, ctx.clock())}); an edit keeps it weekly. "
            f"For one day only, add a one-off: /remind {_once_words(changes, parsed, time)}. "
            f"To change its days or time every week: /remind edit {number} tue,thu {time}"
        )
    return before, parsed


def _once_words(typed: str, parsed: ScheduleChanges, time: str) -> str:
    """The /remind text that adds the one-off an edit named: what was typed, with the time if missing."""
    words = " ".join(typed.split())
    return words if parsed.time else f"{words} {time}"


async def _edit(request: Request, ctx: Context, text: str) -> Reply:
    found = _edit_input(request, ctx, text)
    if isinstance(found, Reply):
        return found
    before, parsed = found
    number = before.id
    now = local_now(ctx, before.timezone)
    time = parsed.time or before.time
    days, once = before.days, before.once
    weekly_now = False
    if parsed.once:
        days, once = parsed.days or days, parsed.once
    elif parsed.days and before.once and not parsed.weekly and len(parsed.days) == 1:
        # A one-off moved to another day stays a one-off: the next such day.
        days, once = parsed.days, next_weekday(parsed.days[0], time, _naive(now))
    elif parsed.days or parsed.weekly:
        days, once = parsed.days or days, ""  # said weekly (or several days): it repeats
        weekly_now = bool(before.once)
    gap = before.gap if parsed.gap is None else parsed.gap
    if once and f"{once} {time}" <= now.strftime("%Y-%m-%d %H:%M"):
        return Reply(
            f"{once} at {time} has already passed. Pick a time ahead, e.g. /remind edit {number} tomorrow {time}"
        )
    after = replace(before, days=days, time=time, gap=gap, once=once)
    if (after.days, after.time, after.gap, after.once) == (before.days, before.time, before.gap, before.once):
        return Reply(
            f"Reminder #{number} already is {when(before, ctx.clock())}, lift {describe_gap(gap)} later. Nothing changed."
        )
    coincide = ""
    for other in _live(ctx, request.account):
        if other.id == number or private_target_key(other) != private_target_key(before):
            continue
        day = _overlap_day(days, time, once, other)
        if day and other.once and not once:
            coincide += _coincides(other, ctx)  # a weekly meeting a one-off once: no clash (see remind)
            continue
        if day:
            return Reply(
                f"That would overlap reminder #{other.id} ({when(other, ctx.clock())}) on {day} at {time}. "
                f"Remove it first with /unremind {other.id}, or pick another time."
            )
    edited = await Schedules.of(ctx).edit(before, after, ctx.clock().isoformat())
    now_weekly = " It repeats every week now (it was a one-off)." if weekly_now else ""
    return Reply(f"Reminder #{number} changed: {_describe(edited, ctx)}.{now_weekly}{coincide}")


async def remind_edit_check(request: Request, ctx: Context) -> Reply | None:
    found = _edit_input(request, ctx, request.text)
    return found if isinstance(found, Reply) else None


def _switch_input(request: Request, ctx: Context, word: str, text: str) -> Schedule | Reply:
    number, shown = _split_marked(text.strip())  # /settings' buttons name the reminder they showed
    if number is None:
        return Reply(f"Give the reminder's number from /reminders, e.g. {SWITCH_EXAMPLE}")
    schedule = ctx.store.get_schedule(request.account, number)
    if schedule is not None and not schedule.done and changed_since(schedule, shown):
        return Reply(
            f"That changed since I asked: reminder #{number} is now {when(schedule, ctx.clock())}, "
            "so nothing was switched. Send /settings again to see yours as they are now."
        )
    if schedule is None or schedule.done:
        return Reply(f"You have no reminder #{number}. /reminders lists yours.")
    if schedule.off == (word == "off"):
        return Reply(
            f"Reminder #{number} ({when(schedule, ctx.clock())}) is {word} already. /settings shows them all."
        )
    return schedule


async def _switch(request: Request, ctx: Context, word: str, text: str) -> Reply:
    """/remind off <id> keeps the reminder but sends nothing; /remind on <id> brings it back."""
    found = _switch_input(request, ctx, word, text)
    if isinstance(found, Reply):
        return found
    switched = await Schedules.of(ctx).switch(found, word == "off", ctx.clock().isoformat())
    if switched.off:
        return Reply(
            f"Reminder #{switched.id} is off ({when(switched, ctx.clock())}): I keep it but send nothing. "
            f"/remind on {switched.id} switches it back on; /unremind {switched.id} removes it."
        )
    return Reply(f"Reminder #{switched.id} is on again: {_describe(switched, ctx)}.")


async def remind_edit(request: Request, ctx: Context) -> Reply:
    """/remind_edit <id> <changes>: the same as /remind edit (a slash command of its own on Discord,
    where /remind's options are days and time)."""
    return await _edit(request, ctx, request.text)


def _replacing(before: Schedule, new: ParsedSchedule) -> str:
    """What the Replace button does, said exactly: a weekly reminder gives up only the days the new
    one takes (a coach with Mon, Wed, Fri who sets Wed keeps Mon and Fri)."""
    kept = _kept_days(before, new)
    if kept:
        return (
            f"#{before.id} keeps {describe_days(kept)} at {before.time}, and {describe_days(new.days)} at "
            f"{new.time} becomes a new reminder, lift {describe_gap(new.gap)} later."
        )
    what = f"one-off on {_day_of(new.once)}" if new.once else describe_days(new.days)
    return f"#{before.id} becomes {what} at {new.time}, lift {describe_gap(new.gap)} later."


def _day_of(once: str) -> str:
    return date.fromisoformat(once).strftime("%a %d %b")


def _kept_days(before: Schedule, new: ParsedSchedule) -> tuple[int, ...]:
    """The weekly days of ``before`` the new weekly schedule does not take (none for one-offs)."""
    if before.once or new.once:
        return ()
    return tuple(d for d in before.days if d not in new.days)


async def remind_replace(request: Request, ctx: Context) -> Reply:
    """The Replace button under an overlap: the old schedule gives up the overlapping days to the new
    one (all of them: it takes the new days, time and gap in place)."""
    wanted, _, spec = request.text.strip().partition(" ")
    number, shown = _split_marked(wanted)
    before = ctx.store.get_schedule(request.account, number) if number is not None else None
    if before is not None and not before.done and changed_since(before, shown):
        return Reply(
            f"That changed since I asked: reminder #{before.id} is now {when(before, ctx.clock())}, so nothing "
            "was replaced. Send the /remind you meant again."
        )
    if before is None or before.done:
        return Reply(f"That reminder is gone already. Set the new one again, e.g. {EXAMPLES}")
    now = local_now(ctx, before.timezone)
    try:
        parsed = parse_schedule(spec, now=_naive(now))
    except ScheduleParseError as exc:
        return Reply(f"{esc(str(exc))}\nExamples: {EXAMPLES}")
    kept_days = _kept_days(before, parsed)
    if not kept_days:
        after = replace(before, days=parsed.days, time=parsed.time, gap=parsed.gap, once=parsed.once)
        edited = await Schedules.of(ctx).edit(before, after, ctx.clock().isoformat())
        return Reply(f"Reminder #{edited.id} replaced: {_describe(edited, ctx)}.")
    if len(_live(ctx, request.account)) >= MAX_SCHEDULES:
        return Reply(
            f"You have {MAX_SCHEDULES} schedules, the most I keep. Remove one with /unremind <number>."
        )
    new = Schedule(
        account=before.account,
        target=before.target,
        days=parsed.days,
        time=parsed.time,
        timezone=before.timezone,
        gap=parsed.gap,
        created_at=ctx.clock().isoformat(),
        mention=before.mention,
    )
    kept, added = await Schedules.of(ctx).carve(before, replace(before, days=kept_days), new)
    return Reply(
        f"Reminder #{kept.id} now: {_describe(kept, ctx)}.\nNew reminder #{added.id}: {_describe(added, ctx)}."
    )


async def list_(request: Request, ctx: Context) -> Reply:
    schedules = _live(ctx, request.account)
    if not schedules:
        return Reply(f"No reminders yet. Set one, e.g. {EXAMPLES}")
    lines = [f"• #{s.id}: {_describe(s, ctx)}" for s in schedules]
    return Reply(
        "\n".join(lines)
        # The example names a reminder that exists (after /unremind 1, "edit 1" would be refused).
        + f"\n\nChange one with {edit_example(schedules[0].id)}. Remove one with /unremind <number>, "
        "or /unremind all.",
        title="Your reminders",
    )


def _unremind_wanted(request: Request) -> str:
    return str(request.args.get("id", "")).strip().lstrip("#").lower()


async def unremind_check(request: Request, ctx: Context) -> Reply | None:
    """/unremind with something other than a number or "all", or a number the user has no reminder
    under: answered without spending the write budget."""
    wanted = _unremind_wanted(request)
    if wanted == "all":
        return _unremind_all_ask(request, ctx)
    if not (wanted.isascii() and wanted.isdigit()):
        return Reply("Give the number from /reminders, or all. Example: /unremind 1")
    if ctx.store.get_schedule(request.account, int(wanted)) is None:
        return Reply(f"You have no reminder #{esc(wanted[:12])}. /reminders lists yours.")
    return None


async def unremind(request: Request, ctx: Context) -> Reply:
    wanted = _unremind_wanted(request)
    if wanted == "all":
        return _unremind_all_ask(request, ctx)
    refused = await unremind_check(request, ctx)
    if refused is not None:
        return refused
    removed_one = await Schedules.of(ctx).remove(request.account, int(wanted))
    if removed_one is None:
        return Reply(f"You have no reminder #{esc(wanted[:12])}. /reminders lists yours.")
    return Reply(f"Removed reminder #{removed_one.id} ({when(removed_one, ctx.clock())}).")


def _unremind_all_ask(request: Request, ctx: Context) -> Reply:
    """``/unremind all`` asks first, the way /deleteme does: the schedules it would remove, and a
    short-lived Yes / No pair whose commands do nothing typed by hand (Yes names the ones shown)."""
    schedules = _live(ctx, request.account)
    if not schedules:
        return Reply(f"You have no reminders to remove. Set one, e.g. {EXAMPLES}")
    lines = [f"• #{s.id}: {_describe(s, ctx)}" for s in schedules]
    question = (
        "Remove your only reminder schedule?"
        if len(schedules) == 1
        else f"Remove all {len(schedules)} reminder schedules?"
    )
    return Reply(
        "\n".join([question, *lines])
        + f"\nNothing is removed until you confirm. (The buttons work for {CONFIRM_SECONDS // 60} minutes.)",
        buttons=(
            (
                Button(
                    "Yes, remove them" if len(schedules) > 1 else "Yes, remove it",
                    # names the reminders listed, and their mark as shown (numbers are reused)
                    "/unremind_all_confirm "
                    + " ".join(str(s.id) for s in schedules)
                    + f" @{_marks(schedules)}",
                    style="danger",
                    single_use=True,
                    ttl_seconds=CONFIRM_SECONDS,
                ),
                Button(
                    "No, keep them" if len(schedules) > 1 else "No, keep it",
                    "/unremind_all_cancel",
                    single_use=True,
                    ttl_seconds=CONFIRM_SECONDS,
                ),
            ),
        ),
    )


async def unremind_all_confirm(request: Request, ctx: Context) -> Reply:
    # Reached only from the button /unremind all issued (a hidden command): dispatch refuses it typed.
    # It removes the schedules the question listed, not one set up since (numbers are reused: each
    # carries its mark), and nothing when one of them changed since.
    words = request.text.split()
    shown = [int(word) for word in words if word.isascii() and word.isdigit()]
    marks = [word[1:] for word in words if word.startswith("@")]  # none on buttons made before marks
    current = {s.id: s for s in _live(ctx, request.account)}
    if marks and marks[0] != _marks([current[i] for i in shown if i in current]):
        return Reply(
            "That changed since I asked: your reminders are not the ones I listed, so nothing was removed. "
            "Send /unremind all again to see them as they are now."
        )
    schedules = Schedules.of(ctx)
    removed = [s for i in shown if (s := await schedules.remove(request.account, i)) is not None]
    if not removed:
        return Reply("You had no reminders left to remove. /reminders lists yours.")
    return Reply(
        f"Removed {count(len(removed), 'reminder schedule', 'reminder schedules')}. "
        f"Set a new one any time, e.g. /remind mon,wed,fri 18:00"
    )


async def unremind_all_cancel(request: Request, ctx: Context) -> Reply:
    return Reply("Nothing was removed: your reminders stay. /reminders lists them.")


async def lift_now(request: Request, ctx: Context) -> Reply:
    schedule_id = request.args.get("schedule")
    occurrence = str(request.args.get("occurrence", ""))
    reply = await ctx.reminders.lift_now(request.account, int(schedule_id), occurrence)
    if reply is None:
        # (or today's main lift is logged already: `ReminderTexts.lift` has nothing to send)
        return Reply(
            "That lift reminder was already sent, or today's lift is logged already. /plan shows today's "
            "session any time."
        )
    return reply

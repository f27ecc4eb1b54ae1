"""Remind: /remind (weekly, one-off, ``edit``, ``list``), /reminders, /unremind, the Replace button
(/remind_replace) and the "activation done" button (/lift_now)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from coaching.schedparse import (
    DAY_ABBR,
    ScheduleParseError,
    describe_days,
    describe_gap,
    parse_changes,
    parse_schedule,
)
from core.context import Context
from core.markup import count, esc
from core.messages import Button, Identity, Reply, Request
from reminders.occurrences import zone
from reminders.service import private_target_key
from services.schedules import Schedules
from storage.models import Schedule

MAX_SCHEDULES = 20
EXAMPLES = (
    "/remind mon,wed,fri 18:00, /remind weekdays 07:30 gap 1h, /remind tomorrow 6:30pm, /remind fri 7am once"
)
EDIT_EXAMPLE = "/remind edit 1 gap 20m (or new days, a time: /remind edit 1 tue,thu 19:30)"
REPLACE_SECONDS = 600  # the Replace offer is answered now or asked again


def local_now(ctx: Context, timezone: str) -> datetime:
    """The clock's now in the user's zone (UTC for a zone that no longer loads)."""
    try:
        return ctx.clock().astimezone(zone(timezone))
    except ValueError:
        return ctx.clock().astimezone(zone("UTC"))


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def when(schedule: Schedule) -> str:
    """ "Mon, Wed, Fri at 18:00" or "one-off on Thu 26 Nov at 18:30"."""
    if schedule.once:
        try:
            day = date.fromisoformat(schedule.once).strftime("%a %d %b")
        except ValueError:
            day = schedule.once
        return f"one-off on {day} at {schedule.time}"
    return f"{describe_days(schedule.days)} at {schedule.time}"


def _describe(schedule: Schedule, ctx: Context) -> str:
    line = f"{when(schedule)} ({esc(schedule.timezone)}), lift {describe_gap(schedule.gap)} later"
    if schedule.paused:
        return (
            line
            + ". Paused: I couldn't reach you privately; it resumes when you write to me in a private chat."
        )
    nxt = ctx.reminders.next_occurrence(schedule)
    if nxt is not None:
        line += f". Next: {nxt.strftime('%a %d %b %H:%M')}"
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


def _spec(days: tuple[int, ...], time: str, gap: int, once: str) -> str:
    """Text `parse_schedule` reads back as exactly this schedule (for the Replace button)."""
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    what = once if once else ",".join(names[d] for d in days)
    return f"{what} {time} gap {gap}m"


def _live(ctx: Context, account: str) -> list[Schedule]:
    """The account's schedules that can still send something (a finished one-off is on its way out)."""
    return [s for s in ctx.store.schedules(account) if not s.done]


async def remind(request: Request, ctx: Context) -> Reply:
    head, _, rest = request.text.strip().partition(" ")
    if head.lower() == "edit":
        return await _edit(request, ctx, rest)
    if head.lower() == "list" and not rest.strip():
        return await list_(request, ctx)
    profile = ctx.store.profile(request.account)
    now = local_now(ctx, profile.timezone)
    try:
        parsed = parse_schedule(request.text, now=_naive(now))
    except ScheduleParseError as exc:
        return Reply(f"{esc(str(exc))}\nExamples: {EXAMPLES}")
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
            if s.gap == parsed.gap:
                return Reply(f"You already have that reminder (#{s.id}). /reminders lists them.")
            # The same reminder with another gap: the user means to change the gap.
            edited = await Schedules.of(ctx).edit(s, replace(s, gap=parsed.gap), ctx.clock().isoformat())
            return Reply(
                f"You already had that reminder as #{s.id}; its lift now comes "
                f"{describe_gap(edited.gap)} after the activation: {_describe(edited, ctx)}."
            )
    for s in mine:
        day = _overlap_day(parsed.days, parsed.time, parsed.once, s)
        if day:
            spec = _spec(parsed.days, parsed.time, parsed.gap, parsed.once)
            return Reply(
                f"That overlaps reminder #{s.id} ({when(s)}): both would fire at {s.time} on {day}. "
                f"Replace #{s.id} with the new one? Or keep it: nothing changes unless you press the button. "
                f"/remind edit {s.id} … changes it instead.",
                buttons=(
                    (
                        Button(
                            f"Replace #{s.id}",
                            f"/remind_replace {s.id} {spec}",
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
        if profile.timezone == "UTC"
        else ""
    )
    what = (
        f"On {when(schedule).removeprefix('one-off on ')} you get the activation routine, "
        f"{describe_gap(schedule.gap)} later your main lift with a target; then this one-off is done."
        if schedule.once
        else f"At {schedule.time} you get the activation routine, "
        f"{describe_gap(schedule.gap)} later your main lift with a target."
    )
    return Reply(f"Reminder #{schedule.id} set: {_describe(schedule, ctx)}.\n{what}{tz_hint}")


def _number(text: str) -> int | None:
    wanted = text.strip().lstrip("#")
    return int(wanted) if wanted.isdigit() and len(wanted) <= 6 else None


async def _edit(request: Request, ctx: Context, text: str) -> Reply:
    wanted, _, changes = text.strip().partition(" ")
    number = _number(wanted)
    if number is None:
        return Reply(f"Give the reminder's number from /reminders and what to change, e.g. {EDIT_EXAMPLE}")
    before = ctx.store.get_schedule(request.account, number)
    if before is None or before.done:
        return Reply(f"You have no reminder #{number}. /reminders lists yours.")
    now = local_now(ctx, before.timezone)
    try:
        parsed = parse_changes(changes, now=_naive(now))
    except ScheduleParseError as exc:
        return Reply(f"{esc(str(exc))}\nFor example: {EDIT_EXAMPLE}")
    days, once = before.days, before.once
    if parsed.once:
        days, once = parsed.days or days, parsed.once
    elif parsed.days:
        days, once = parsed.days, ""  # new weekdays: it becomes weekly
    time = parsed.time or before.time
    gap = before.gap if parsed.gap is None else parsed.gap
    if once and f"{once} {time}" <= now.strftime("%Y-%m-%d %H:%M"):
        return Reply(
            f"{once} at {time} has already passed. Pick a time ahead, e.g. /remind edit {number} tomorrow {time}"
        )
    after = replace(before, days=days, time=time, gap=gap, once=once)
    if (after.days, after.time, after.gap, after.once) == (before.days, before.time, before.gap, before.once):
        return Reply(
            f"Reminder #{number} already is {when(before)}, lift {describe_gap(gap)} later. Nothing changed."
        )
    for other in _live(ctx, request.account):
        if other.id == number or private_target_key(other) != private_target_key(before):
            continue
        day = _overlap_day(days, time, once, other)
        if day:
            return Reply(
                f"That would overlap reminder #{other.id} ({when(other)}) on {day} at {time}. "
                f"Remove it first with /unremind {other.id}, or pick another time."
            )
    edited = await Schedules.of(ctx).edit(before, after, ctx.clock().isoformat())
    return Reply(f"Reminder #{number} changed: {_describe(edited, ctx)}.")


async def remind_edit(request: Request, ctx: Context) -> Reply:
    """/remind_edit <id> <changes>: the same as /remind edit (a slash command of its own on Discord,
    where /remind's options are days and time)."""
    return await _edit(request, ctx, request.text)


async def remind_replace(request: Request, ctx: Context) -> Reply:
    """The Replace button under an overlap: the old schedule takes the new days, time and gap."""
    wanted, _, spec = request.text.strip().partition(" ")
    number = _number(wanted)
    before = ctx.store.get_schedule(request.account, number) if number is not None else None
    if before is None or before.done:
        return Reply(f"That reminder is gone already. Set the new one again, e.g. {EXAMPLES}")
    now = local_now(ctx, before.timezone)
    try:
        parsed = parse_schedule(spec, now=_naive(now))
    except ScheduleParseError as exc:
        return Reply(f"{esc(str(exc))}\nExamples: {EXAMPLES}")
    after = replace(before, days=parsed.days, time=parsed.time, gap=parsed.gap, once=parsed.once)
    edited = await Schedules.of(ctx).edit(before, after, ctx.clock().isoformat())
    return Reply(f"Reminder #{edited.id} replaced: {_describe(edited, ctx)}.")


async def list_(request: Request, ctx: Context) -> Reply:
    schedules = _live(ctx, request.account)
    if not schedules:
        return Reply(f"No reminders yet. Set one, e.g. {EXAMPLES}")
    lines = [f"• #{s.id}: {_describe(s, ctx)}" for s in schedules]
    return Reply(
        "\n".join(lines)
        + f"\n\nChange one with {EDIT_EXAMPLE}. Remove one with /unremind <number>, or /unremind all.",
        title="Your reminders",
    )


async def unremind(request: Request, ctx: Context) -> Reply:
    wanted = str(request.args.get("id", "")).strip().lstrip("#").lower()
    if wanted == "all":
        removed = await Schedules.of(ctx).remove_all(request.account)
        return Reply(
            f"Removed {count(len(removed), 'reminder schedule', 'reminder schedules')}."
            if removed
            else "You had no reminders."
        )
    if not wanted.isdigit():
        return Reply("Give the number from /reminders, or all. Example: /unremind 1")
    removed_one = await Schedules.of(ctx).remove(request.account, int(wanted))
    if removed_one is None:
        return Reply(f"You have no reminder #{esc(wanted[:12])}. /reminders lists yours.")
    return Reply(f"Removed reminder #{removed_one.id} ({when(removed_one)}).")


async def lift_now(request: Request, ctx: Context) -> Reply:
    schedule_id = request.args.get("schedule")
    occurrence = str(request.args.get("occurrence", ""))
    reply = await ctx.reminders.lift_now(request.account, int(schedule_id), occurrence)
    if reply is None:
        return Reply("That lift reminder was already sent. /plan shows today's session any time.")
    return reply

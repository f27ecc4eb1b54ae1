"""Remind: /remind, /reminders, /unremind, and the "activation done" button (/lift_now)."""

from __future__ import annotations

from dataclasses import replace

from coaching.schedparse import ScheduleParseError, describe_days, parse_schedule
from core.context import Context
from core.markup import count, esc
from core.messages import Identity, Reply, Request
from reminders.service import private_target_key
from services.schedules import Schedules
from storage.models import Schedule

MAX_SCHEDULES = 20
EXAMPLES = "/remind mon,wed,fri 18:00, /remind weekdays 07:30 gap 15m, /remind daily 6pm"


def _describe(schedule: Schedule, ctx: Context) -> str:
    line = f"{describe_days(schedule.days)} at {schedule.time} ({esc(schedule.timezone)}), lift {schedule.gap} min later"
    if schedule.paused:
        return (
            line
            + ". Paused: I couldn't reach you privately; it resumes when you write to me in a private chat."
        )
    nxt = ctx.reminders.next_occurrence(schedule)
    if nxt is not None:
        line += f". Next: {nxt.strftime('%a %d %b %H:%M')}"
    return line


async def remind(request: Request, ctx: Context) -> Reply:
    try:
        parsed = parse_schedule(request.text)
    except ScheduleParseError as exc:
        return Reply(f"{esc(str(exc))}\nExamples: {EXAMPLES}")
    existing = ctx.store.schedules(request.account)
    if len(existing) >= MAX_SCHEDULES:
        return Reply(
            f"You have {len(existing)} schedules, the most I keep. Remove one with /unremind <number>."
        )
    profile = ctx.store.profile(request.account)
    schedule = Schedule(
        account=request.account,
        target=request.target.key(),
        days=parsed.days,
        time=parsed.time,
        timezone=profile.timezone,
        gap=parsed.gap,
        created_at=ctx.clock().isoformat(),
        mention=Identity.parse(request.user).user_id,
    )
    # Reminders are personal: they go to the user's private chat even when set in a group.
    schedule = replace(schedule, target=private_target_key(schedule))
    for s in existing:
        if (s.days, s.time, private_target_key(s)) == (parsed.days, parsed.time, schedule.target):
            return Reply(f"You already have that reminder (#{s.id}). /reminders lists them.")
    schedule = await Schedules.of(ctx).create(schedule)
    tz_hint = (
        " Your timezone is still UTC: set yours with /timezone Europe/Amsterdam so I don't remind you at the wrong hour."
        if profile.timezone == "UTC"
        else ""
    )
    return Reply(
        f"Reminder #{schedule.id} set: {_describe(schedule, ctx)}.\n"
        f"At {schedule.time} you get the activation routine, {schedule.gap} min later your main lift with a target."
        + tz_hint
    )


async def list_(request: Request, ctx: Context) -> Reply:
    schedules = ctx.store.schedules(request.account)
    if not schedules:
        return Reply(f"No reminders yet. Set one, e.g. {EXAMPLES}")
    lines = [f"• #{s.id}: {_describe(s, ctx)}" for s in schedules]
    return Reply(
        "\n".join(lines) + "\n\nRemove one with /unremind <number>, or /unremind all.", title="Your reminders"
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
    return Reply(
        f"Removed reminder #{removed_one.id} ({describe_days(removed_one.days)} at {removed_one.time})."
    )


async def lift_now(request: Request, ctx: Context) -> Reply:
    schedule_id = request.args.get("schedule")
    occurrence = str(request.args.get("occurrence", ""))
    reply = await ctx.reminders.lift_now(request.account, int(schedule_id), occurrence)
    if reply is None:
        return Reply("That lift reminder was already sent. /plan shows today's session any time.")
    return reply

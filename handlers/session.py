"""In the gym with the coach: rest timers, the session summary, the weekly recap and goal, nudges.

Each of these is a one-off push (`storage.pushes`), stored and sent by the one scheduling path (the
reminder service, kind PUSH), to the user's private chat: Telegram's private chat with the bot, a
Discord DM (not an interaction followup: a DM works for as long as a timer may run), the console.
`PushTexts` renders them when they are due; the commands here put and cancel them.

- **Rest timer**: `/rest 90s|2m|2:30|stop`, or a rest button under a /log of working sets
  (`on_logged`, which also cancels a running timer). When it ends: "Rest over: set 3 of hip thrust,
  10 @ 80 kg" (today's target for the exercise; the set after the ones logged this session). More
  than 60 s late (the bot was down) it is dropped without a word.
- **Session summary**: due `SESSION_GAP` after the session's latest set (each /log moves it on), or at
  once with `/done`, which also closes the session (the next set starts a new one).
- **Recap**: `/recap on [day time]` (Sunday 18:00 local by default), weekly; `/recap` shows it now.
- **Nudge**: with a `/goal`, daily at the user's reminder time (or 17:00 local; never 22:00–07:00) a
  check; a nudge only when the week's goal cannot be met without training today, once a week at most.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from coaching.hardsets import hard_sets
from coaching.logparse import example
from coaching.prescribe import ExerciseRules
from coaching.recap import CHART_WEEKS, Recap, behind, recap, sessions_in, volume_chart, weekly_hard_sets
from coaching.schedparse import DAY_ABBR, DAY_NAMES, ScheduleParseError, parse_schedule
from coaching.summary import SessionSummary, duration_text, summarize
from content.library import Library
from core.buttons import bind_buttons, pending_actions
from core.context import Context
from core.markup import esc
from core.messages import Button, Image, Reply, Request, Target
from domain.identity import Identity
from domain.training import LONGEST_SESSION, SESSION_GAP, Entry, Session, Side, group_sessions
from handlers.custom_exercises import customs, display_name
from handlers.equipment import user_equipment
from handlers.plan import current_week, format_target, main_of, program_week, target_for, today
from reminders.occurrences import zone
from storage.models import Profile
from storage.pushes import NUDGE, RECAP, REST, SUMMARY, Push, pending_pushes, to_iso
from storage.store import Store

_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")  # an hh:mm a user typed, to name one that is no time
REST_MIN, REST_MAX = 10, 15 * 60
MAIN_REST, ACCESSORY_REST = 120, 60  # seconds, for the user's own exercises: main lifts, the rest
REST_STEP, REST_LONGER_BY = 15, 30  # the longer rest button: rounded to 15 s, at least 30 s longer
NUDGE_AT = time(17, 0)
QUIET_FROM, QUIET_TO = time(22, 0), time(7, 0)  # no nudge in these hours (local)
RECAP_DEFAULT = (6, "18:00")  # Sunday 18:00 local
LATENESS = {
    REST: timedelta(seconds=60),
    SUMMARY: timedelta(hours=12),
    RECAP: timedelta(hours=6),
    NUDGE: timedelta(hours=2),
}
REST_EXAMPLE = "/rest 90s, /rest 2m or /rest 2:30"
# Longer numbers than a rest takes ("99999s", "120:00") read too, so the reply says the range (REST_MIN
# to REST_MAX), not that the form is unknown.
_DURATION = re.compile(
    r"^(?:(?P<m>\d{1,6}):(?P<s>\d{2})"
    r"|(?P<mm>\d{1,6})\s*(?:m|min|mins|minutes?)\s*(?P<ss>\d{1,2})\s*(?:s|sec|secs|seconds?)?"
    r"|(?P<n>\d{1,8}(?:\.\d)?)\s*(?P<u>s|sec|secs|seconds?|m|min|mins|minutes?)?)$",
    re.ASCII,  # 0-9 only, as /log and /goal read numbers (not "٣" or "３")
)


# --------------------------------------------------------------------------- small helpers


def private_target(request: Request) -> Target:
    """Where a push for this request's user goes: their private chat (never a group). Discord: a
    server channel's target names the user, and the adapter pushes to their DMs."""
    if not request.in_group:
        return request.target
    user = Identity.parse(request.user)
    if request.target.platform == "telegram":
        return Target("telegram", user.user_id)  # a user's private chat has their id
    if request.target.platform == "discord" and request.target.channel == request.target.chat_id:
        # Keyed by the channel alone: the user's own view of it, which the adapter sends to their DMs.
        return Target.in_channel("discord", request.target.chat_id, user.user_id)
    return request.target


def parse_duration(text: str) -> int | None:
    """Seconds from ``90s``, ``90``, ``2m``, ``2:30``, ``1.5m``; a bare number up to 10 is minutes."""
    m = _DURATION.match(text.strip().lower())
    if m is None:
        return None
    if m["m"] is not None or m["mm"] is not None:  # 2:30, 2m30s, 2 min 30
        minutes, secs = (int(m["m"]), int(m["s"])) if m["m"] is not None else (int(m["mm"]), int(m["ss"]))
        return None if secs >= 60 else minutes * 60 + secs
    n = float(m["n"])
    unit = (m["u"] or "")[:1]
    if unit == "m" or (not unit and n <= 10):
        return round(n * 60)
    return round(n)


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def training_entries(store: Store, account: str) -> list[Entry]:
    """The account's log, oldest first (by time, then id)."""
    return sorted(store.entries(account), key=lambda e: (e.at, e.id))


def _rules(lib: Library, level: str):
    def rules(exercise_id: str) -> ExerciseRules | None:
        exercise = lib.exercises.get(exercise_id)
        return None if exercise is None else ExerciseRules.from_library(exercise, level=level)

    return rules


def _namer(lib: Library, profile: Profile) -> Callable[[str], str]:
    """An exercise id as the user sees it: the library's name, or their own exercise's as they wrote it
    (never its id: "custom_35e53098" is their "Ягодичный мост")."""
    return lambda exercise_id: display_name(lib, profile, exercise_id)


def _pr_namer(lib: Library, profile: Profile) -> Callable[[str], str]:
    """`_namer` for a list of PRs: the library's names in lower case, the user's own as they wrote them."""
    named = _namer(lib, profile)
    return lambda exercise_id: (
        named(exercise_id).lower() if exercise_id in lib.exercises else named(exercise_id)
    )


def _own_glute_lifts(profile: Profile) -> frozenset[str]:
    """The user's own exercises of the kind glute lift: their hard sets are glute sets, in /recap as
    in /plan."""
    return frozenset(c.id for c in customs(profile) if c.category == "glute_lift")


def _tz(store: Store, account: str) -> tzinfo:
    try:
        return zone(store.profile(account).timezone)
    except ValueError:
        return UTC


def _at(day: date, hhmm: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, hhmm, tz).astimezone(UTC)


def _closed_at(store: Store, account: str) -> datetime | None:
    done = store.profile(account).done_at
    if not done:
        return None
    at = datetime.fromisoformat(done)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _current_session(entries: Sequence[Entry], now: datetime, closed: datetime | None) -> Session | None:
    """The session still open at ``now``: its latest set less than SESSION_GAP ago, not closed by /done."""
    sessions = group_sessions(list(entries))
    if not sessions:
        return None
    last = sessions[-1]
    if now - last.end >= SESSION_GAP or (closed is not None and closed >= last.end):
        return None
    if closed is not None and closed >= last.start:
        # /done closed it and sets came after: they are a session of their own (as the stored
        # entries' ``starts_session`` says, where the log sets it).
        last = Session(tuple(e for e in last.entries if e.at > closed))
    return last


def _session_at(entries: Sequence[Entry], start: datetime) -> Session | None:
    """The session that began at ``start`` (None if its entries were undone since)."""
    later = [e for e in entries if e.at >= start]
    first = group_sessions(later)[0] if later else None
    return first if first is not None and first.start == start else None


async def _save(ctx: Context) -> None:
    await pending_pushes(ctx.store).flush()


def _put(ctx: Context, push: Push) -> None:
    pending_pushes(ctx.store).put(push)
    ctx.reminders.add_push(push)


def _cancel(ctx: Context, account: str, kind: str) -> Push | None:
    gone = pending_pushes(ctx.store).cancel(account, kind)
    ctx.reminders.remove_push(account, kind)
    return gone


# --------------------------------------------------------------------------- rest timer


def rest_seconds(lib: Library, exercise_id: str, category: str | None = None) -> tuple[int, int]:
    """(the usual rest, a longer one) for an exercise. A library exercise's own ``rest_seconds`` (what
    /explain calls "about N rest between sets") and half as long again, rounded to 15 s and at least
    30 s more: 0:45/1:15, 2:00/3:00, 2:30/3:45. One of the user's own (not in the library) goes by its
    ``category``: 2:00/3:00 for main lifts (glute lifts, compounds), 1:00/2:00 otherwise."""
    exercise = lib.exercises.get(exercise_id)
    if exercise is not None:
        usual = exercise.rest_seconds
        longer = int(usual * 1.5 / REST_STEP + 0.5) * REST_STEP  # half up: 1:15 → 2:00, not 1:45
        return usual, max(longer, usual + REST_LONGER_BY)
    base = MAIN_REST if category in ("glute_lift", "compound") else ACCESSORY_REST
    return base, base + 60


def on_logged(request: Request, ctx: Context, exercise_id: str, working: bool) -> tuple[Button, ...]:
    """Called by /log after an entry is stored (at the clock's now): the next set cancels a running
    rest timer, a new session gets its summary push, and the rest buttons for the reply (none when no
    working set was logged). Both changes are written behind (`PendingPushes.write_soon`): the answer
    waits for the set's journal line only, and a crash within a second may lose the summary (never
    the set). A later set of the same session writes nothing: the summary, once due, looks again and moves itself to SESSION_GAP after the
    session's last set (`PushTexts.following`), so most /logs pay for no push write at all."""
    account = request.account
    changed = _cancel(ctx, account, REST) is not None
    now = ctx.clock()
    recent = ctx.store.entries_since(account, now - LONGEST_SESSION)
    session = _current_session(recent, now, _closed_at(ctx.store, account))
    pending = pending_pushes(ctx.store).get(account, SUMMARY)
    if session is not None and (pending is None or pending.key != to_iso(session.start)):
        _put(
            ctx,
            Push(
                account,
                SUMMARY,
                key=to_iso(session.start),
                due=to_iso(session.end + SESSION_GAP),
                target=private_target(request).key(),
                payload={"start": to_iso(session.start)},
                created=to_iso(now),
            ),
        )
        changed = True
    if changed:
        pending_pushes(ctx.store).write_soon()
    if not working:
        return ()
    own = next((c for c in customs(ctx.store.profile(account)) if c.id == exercise_id), None)
    usual, longer = rest_seconds(ctx.library, exercise_id, own.category if own is not None else None)
    return (
        Button(f"Rest {clock_text(usual)}", f"/rest {clock_text(usual)}"),
        Button(f"Rest {clock_text(longer)}", f"/rest {clock_text(longer)}"),
    )


def rest_over_text(ctx: Context, account: str, now: datetime) -> str:
    """ "Rest over: set 3 of hip thrust, 10 @ 80 kg": the next set of today's target for the exercise
    logged last in the open session; without one, just "Rest over"."""
    entries = training_entries(ctx.store, account)
    session = _current_session(entries, now, _closed_at(ctx.store, account))
    if session is None:
        return "Rest over: time for your next set."
    last = session.entries[-1]
    exercise = ctx.library.exercises.get(last.exercise)
    if exercise is None:
        return "Rest over: time for your next set."
    # The hard sets done, as the summary counts them: a light set logged beside the work is no set of
    # the target, and a set done on each side is one ("3 × 10 each side"): count the left ones.
    done = sum(
        1
        for e, hard in hard_sets(session)
        if e.exercise == last.exercise
        for s in hard
        if s.side is not Side.RIGHT
    )
    # Today's target: what the log said before this session began.
    earlier = [e for e in entries if (e.at, e.id) < (session.start, session.entries[0].id)]
    profile = ctx.store.profile(account)
    # In the lighter week, the lighter target /plan shows (the week as the log stood before the session).
    week = program_week(profile, earlier, ctx.library, now)
    planned_target = target_for(exercise, earlier, profile, ctx.library, now, week=week)
    planned = planned_target.sets
    name = exercise.name.lower()
    if done < len(planned):
        p = planned[done]
        side = " each side" if planned_target.each_side else ""
        what = f"{p.reps}{side} @ {p.load_text}" if p.load is not None else f"{p.reps} reps{side}"
        return f"Rest over: set {done + 1} of {esc(name)}, {esc(what)}."
    return f"Rest over: {esc(name)} is done for today, on to your next exercise."


async def rest(request: Request, ctx: Context) -> Reply:
    account = request.account
    text = request.text.strip().lower()
    pushes = pending_pushes(ctx.store)
    now = ctx.clock()
    if text in ("stop", "cancel", "off", "done"):
        gone = _cancel(ctx, account, REST)
        await _save(ctx)
        return Reply("Rest timer stopped." if gone else "No rest timer is running.")
    if not text:
        running = pushes.get(account, REST)
        if running is None or running.due_at <= now:
            return Reply(f"No rest timer is running. Start one with {REST_EXAMPLE}.")
        left = int((running.due_at - now).total_seconds())
        return Reply(f"Rest: {clock_text(left)} left. /rest stop cancels it.")
    seconds = parse_duration(text)
    if seconds is None:
        return Reply(
            f"I read rests like 90s, 2m, 2m30s or 2:30, not “{esc(text[:20])}”: e.g. {REST_EXAMPLE} "
            "(or /rest stop)."
        )
    if not REST_MIN <= seconds <= REST_MAX:
        return Reply(
            f"I can time a rest from {REST_MIN} s to {REST_MAX // 60} min, e.g. {REST_EXAMPLE} (or /rest stop)."
        )
    push = Push(
        account,
        REST,
        key=to_iso(now),
        due=to_iso(now + timedelta(seconds=seconds)),
        target=private_target(request).key(),
        payload={"text": rest_over_text(ctx, account, now)},
        created=to_iso(now),
    )
    _put(ctx, push)  # replaces a running timer
    await _save(ctx)
    where = " in a DM" if request.target.platform == "discord" and request.in_group else ""
    return Reply(
        f"Rest timer: {clock_text(seconds)}. I'll message you{where} when it's over.",
        buttons=((Button("Stop", "/rest stop"),),),
    )


# --------------------------------------------------------------------------- session summary


def prs_text(name: Callable[[str], str], prs: Sequence[tuple[str, str]]) -> str:
    """ "hip thrust (heaviest load, best estimated 1RM), rdl (most reps)": each exercise once (named by
    ``name``, see `_pr_namer`), with everything it beat (it was named once per record, twice in one
    line for a load and a rep PR)."""
    beaten: dict[str, list[str]] = {}
    for ex, flag in prs:
        flags = beaten.setdefault(name(ex), [])
        if flag not in flags:
            flags.append(flag)
    return ", ".join(f"{name} ({', '.join(flags)})" for name, flags in beaten.items())


def summary_reply(
    ctx: Context, account: str, session: Session, now: datetime, ended: datetime | None = None
) -> Reply | None:
    """The summary of ``session``, or None when it had only warm-ups. ``ended``: when /done closed it
    (else the time spent runs from its first to its last log)."""
    lib = ctx.library
    profile = ctx.store.profile(account)
    entries = training_entries(ctx.store, account)
    summary: SessionSummary = summarize(session, entries, _rules(lib, profile.level), profile.units)
    if ended is not None:
        summary = replace(summary, minutes=int((ended - session.start).total_seconds() // 60))
    if not summary.worth_sending:
        return None
    lines = [f"Time: {duration_text(summary.minutes)}."]
    for w in summary.work:
        if not w.sets:
            continue
        volume = f", {w.volume:,.0f} {summary.unit} moved" if w.volume else f", {w.reps} reps"
        record = f" 🏆 {', '.join(w.prs)}" if w.prs else ""
        sets = f"{w.sets} working set{'s' if w.sets != 1 else ''}"
        lines.append(f"• *{esc(_namer(lib, profile)(w.exercise))}*: {sets}{volume}{record}")
    if summary.prs:
        lines.append(f"PRs: {esc(prs_text(_pr_namer(lib, profile), summary.prs))}!")
    rows = ctx.store.entries(account)
    _, kit = user_equipment(profile)
    worked = [w.exercise for w in summary.work if w.sets and w.exercise in lib.exercises]
    targets = []
    week = current_week(ctx, profile, now)  # in the lighter week, /plan's lighter targets
    for ex_id in worked:
        exercise = lib.exercises[ex_id]
        barbell = ExerciseRules.from_library(exercise).implement == "barbell"
        nxt = target_for(exercise, rows, profile, lib, now, week=week)
        targets.append(f"• {esc(exercise.name)}: {format_target(nxt, kit, lib, barbell)}")
    if targets:
        lines.append("Next time:\n" + "\n".join(targets))
    buttons = ((Button("Progress chart", f"/progress {worked[0]}"),),) if worked else ()
    return Reply("\n".join(lines), title="Session done", buttons=buttons)


async def done(request: Request, ctx: Context) -> Reply:
    """/done: close the open session now, with its summary."""
    account = request.account
    now = ctx.clock()
    entries = training_entries(ctx.store, account)
    if not entries:
        unit = "lb" if ctx.store.profile(account).units == "lb" else "kg"  # the example in the lifter's unit
        return Reply(
            f"Nothing logged yet, so there is no session to close. Log a set first, e.g. /log {example(unit)}"
        )
    session = _current_session(entries, now, _closed_at(ctx.store, account))
    if session is None:
        return Reply("No session is open: your last one is already closed. Your next /log starts a new one.")
    _cancel(ctx, account, SUMMARY)
    _cancel(ctx, account, REST)
    profile = ctx.store.profile(account)
    # The next set starts a new session. To the microsecond, as entry times are: a /done in the same
    # second as the last set must still be after it.
    ctx.store.save_profile(replace(profile, done_at=now.astimezone(UTC).isoformat()))
    await _save(ctx)
    reply = summary_reply(ctx, account, session, now, ended=now)
    if reply is None:
        return Reply("Session closed. Only warm-ups were logged, so there is nothing to sum up.")
    return reply


# --------------------------------------------------------------------------- goal, recap, nudges


def _week_windows(now: datetime, tz: tzinfo, last_day: date, count: int) -> list[tuple[datetime, datetime]]:
    """``count`` 7-day windows of local days, the newest ending with ``last_day``, newest first."""
    out = []
    for k in range(count):
        end_day = last_day - timedelta(days=7 * k)
        out.append(
            (_at(end_day - timedelta(days=6), time.min, tz), _at(end_day + timedelta(days=1), time.min, tz))
        )
    return out


def recap_reply(ctx: Context, account: str, now: datetime) -> Reply:
    """The recap of the 7 local days ending today."""
    lib = ctx.library
    tz = _tz(ctx.store, account)
    prefs = pending_pushes(ctx.store).prefs(account)
    profile = ctx.store.profile(account)
    entries = training_entries(ctx.store, account)
    weeks = _week_windows(now, tz, now.astimezone(tz).date(), 104)
    r: Recap = recap(entries, prefs.goal, weeks, _rules(lib, profile.level), _own_glute_lifts(profile))
    # Every count here is of the 7 local days ending today, and says so: the recap comes on the day
    # the user picked (a Friday recap of Mon–Sun would be short by two days), while /plan and the
    # nudges count the calendar week as "this week".
    if r.goal:
        verdict = "goal met" if r.sessions >= r.goal else "short of your goal"
        lines = [f"Sessions in the last 7 days: {r.sessions} of {r.goal} ({verdict})."]
    else:
        lines = [f"Sessions in the last 7 days: {r.sessions}. Set a weekly goal with /goal 3."]
    verdict = r.volume.verdict("in the last 7 days")
    lines.append(f"{verdict[0].upper()}{verdict[1:]}.{r.volume.breakdown()}")
    if r.prs:
        lines.append(f"PRs: {esc(prs_text(_pr_namer(lib, profile), r.prs))}!")
    else:
        lines.append("No PRs in the last 7 days.")
    if r.streak:
        lines.append(f"Streak: {r.streak} week{'s' if r.streak != 1 else ''} in a row at your goal. 🔥")
    lines.append(f"Focus for next week: {esc(r.focus)}.")
    return Reply(
        "\n".join(lines), title="Your last 7 days", buttons=((Button("Show chart", "/recap_chart"),),)
    )


def _next_weekly(after: datetime, weekday: int, hhmm: time, tz: tzinfo) -> datetime:
    """The first local ``weekday`` ``hhmm`` strictly after ``after``."""
    day = after.astimezone(tz).date()
    for k in range(8):
        d = day + timedelta(days=k)
        if d.weekday() == weekday and (at := _at(d, hhmm, tz)) > after:
            return at
    raise AssertionError("a week always has the day")


def _parse_recap_when(text: str) -> tuple[int, str]:
    """ "sun 18:00", "friday 7pm", "19:00" (Sunday), "mon" (18:00). ScheduleParseError otherwise."""
    if not text:
        return RECAP_DEFAULT
    tries = (text, f"{text} {RECAP_DEFAULT[1]}", f"{DAY_ABBR[RECAP_DEFAULT[0]]} {text}")
    error: ScheduleParseError | None = None
    for attempt in tries:
        try:
            parsed = parse_schedule(attempt)
        except ScheduleParseError as exc:
            error = error or exc
            continue
        if len(parsed.days) != 1:
            raise ScheduleParseError("The recap comes once a week: give one day, like /recap on sun 18:00.")
        return parsed.days[0], parsed.time
    raise error or ScheduleParseError("Try /recap on sun 18:00.")


def _recap_push(request: Request, ctx: Context, weekday: int, hhmm: str, now: datetime) -> Push:
    return _weekly_recap(ctx.store, request.account, private_target(request).key(), weekday, hhmm, now)


def _weekly_recap(store: Store, account: str, target: str, weekday: int, hhmm: str, now: datetime) -> Push:
    tz = _tz(store, account)
    due = _next_weekly(now, weekday, time.fromisoformat(hhmm), tz)
    return Push(
        account,
        RECAP,
        key=due.astimezone(tz).date().isoformat(),
        due=to_iso(due),
        target=target,
        payload={"day": weekday, "time": hhmm},
        created=to_iso(now),
    )


def owed_checks(store: Store, account: str, target: str, now: datetime) -> list[Push]:
    """The weekly recap and the nudge check that ``account``'s settings say are on but that are not
    pending (an /unlink took them with the other side, or never had them here), to ``target``."""
    pushes = pending_pushes(store)
    prefs = pushes.prefs(account)
    out = []
    if prefs.goal and prefs.nudges and pushes.get(account, NUDGE) is None:
        out.append(_nudge_push(store, account, target, now, False))
    day, _, hhmm = prefs.recap.partition(" ")
    if day.isdigit() and pushes.get(account, RECAP) is None:
        with contextlib.suppress(ValueError):  # (a stored time that is no time: /recap on sets it again)
            out.append(_weekly_recap(store, account, target, int(day), hhmm, now))
    return out


def identity_target(user: str, request: Request) -> str:
    """The private chat of ``user``, one identity of the requester's account: the request's own when it
    is the requester's, else the chat that identity's platform pushes to by user (a Telegram user's
    private chat has their id; a Discord push naming the user goes to their DMs)."""
    if user == request.user:
        return private_target(request).key()
    me = Identity.parse(user)
    if me.platform == "discord":
        return Target.in_channel("discord", me.user_id, me.user_id).key()
    return Target(me.platform, me.user_id).key()


async def recap_cmd(request: Request, ctx: Context) -> Reply:
    """/recap on [day time] | off; alone: the recap of the last 7 days now."""
    account = request.account
    text = " ".join(request.text.lower().split())
    pushes = pending_pushes(ctx.store)
    now = ctx.clock()
    if not text:
        return recap_reply(ctx, account, now)
    word, _, rest_ = text.partition(" ")
    if word == "off":
        _cancel(ctx, account, RECAP)
        pushes.update_prefs(account, recap="")
        await _save(ctx)
        return Reply("Weekly recap off. /recap on brings it back.")
    if word != "on":
        return Reply(
            "Try /recap on (Sundays 18:00), /recap on fri 19:00, /recap off, or /recap for the last 7 days now."
        )
    try:
        weekday, hhmm = _parse_recap_when(rest_)
    except ScheduleParseError:
        # (the reminder parser's own advice speaks of gaps and one-offs, which a recap has not)
        bad = next((t for t in _CLOCK.findall(rest_) if int(t[0]) > 23 or int(t[1]) > 59), None)
        said = f"{bad[0]}:{bad[1]} is not a time of day (00:00 to 23:59). " if bad else ""
        return Reply(
            f"{said}Give the recap one day and a time, e.g. /recap on sun 18:00, /recap on fri 7pm or "
            "/recap on 19:00."
        )
    push = _recap_push(request, ctx, weekday, hhmm, now)
    _put(ctx, push)
    pushes.update_prefs(account, recap=f"{weekday} {hhmm}")
    await _save(ctx)
    tz_name = ctx.store.profile(account).timezone
    return Reply(
        f"Weekly recap on: {DAY_NAMES[weekday]}s at {hhmm} ({esc(tz_name)}), first on "
        f"{push.due_at.astimezone(_tz(ctx.store, account)).strftime('%a %d %b')}. /recap off stops it."
    )


async def recap_chart(request: Request, ctx: Context) -> Reply:
    """The "Show chart" button: hard glute sets per week for the last 8 weeks, drawn in a worker."""
    account = request.account
    now = ctx.clock()
    tz = _tz(ctx.store, account)
    weeks = list(reversed(_week_windows(now, tz, now.astimezone(tz).date(), CHART_WEEKS)))
    entries = training_entries(ctx.store, account)
    own = _own_glute_lifts(ctx.store.profile(account))
    counts = weekly_hard_sets(entries, [s for s, _ in weeks], weeks[-1][1], own)
    labels = [s.astimezone(tz).strftime("%d %b") for s, _ in weeks]
    png = await ctx.jobs.run(account, "chart", volume_chart, labels, counts)
    return Reply(
        f"Hard glute sets per week, the last {CHART_WEEKS} weeks (the usual range is shaded).",
        image=Image(png, "weekly-volume.png", "Hard glute sets per week"),
    )


def nudge_time(store: Store, account: str) -> time:
    """The user's reminder time when it is inside the allowed hours, else 17:00."""
    for schedule in store.schedules(account):
        try:
            at = time.fromisoformat(schedule.time)
        except ValueError:
            continue
        if QUIET_TO <= at < QUIET_FROM:
            return at
    return NUDGE_AT


def _nudge_push(ctx_store: Store, account: str, target: str, after: datetime, next_week: bool) -> Push:
    tz = _tz(ctx_store, account)
    at = nudge_time(ctx_store, account)
    day = after.astimezone(tz).date()
    if next_week:
        day += timedelta(days=7 - day.weekday())  # next Monday
    due = _at(day, at, tz)
    while due <= after:
        day += timedelta(days=1)
        due = _at(day, at, tz)
    return Push(account, NUDGE, key=day.isoformat(), due=to_iso(due), target=target, created=to_iso(after))


def _misplaced(store: Store, push: Push) -> bool:
    """A nudge placed for another zone or nudge time than the user's now (/timezone or the reminder
    time changed since): not sent at that hour; `PushTexts.following` places it again."""
    try:
        day = date.fromisoformat(push.key)
    except ValueError:
        return False
    return push.due_at != _at(day, nudge_time(store, push.account), _tz(store, push.account))


def _ensure_nudge(request: Request, ctx: Context) -> None:
    """Start the daily nudge check unless one is pending: after a nudge it waits for next week, and
    setting the goal again must not bring that forward (one nudge a week at most)."""
    if pending_pushes(ctx.store).get(request.account, NUDGE) is None:
        _put(ctx, _nudge_push(ctx.store, request.account, private_target(request).key(), ctx.clock(), False))


_GOAL_REFUSED = "Give sessions per week from 1 to 7, e.g. /goal 3 (or /goal off)."


def _goal_refused(text: str) -> bool:
    return text not in ("", "off", "none") and (
        not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 7
    )


async def goal_check(request: Request, ctx: Context) -> Reply | None:
    """Before the write limit (core.dispatch): a goal no week has is refused as such, at no cost."""
    return Reply(_GOAL_REFUSED) if _goal_refused(request.text.strip().lower()) else None


async def goal(request: Request, ctx: Context) -> Reply:
    account = request.account
    text = request.text.strip().lower()
    pushes = pending_pushes(ctx.store)
    prefs = pushes.prefs(account)
    if not text:
        if prefs.goal:
            return Reply(f"Your goal: {prefs.goal} sessions a week. Change it with /goal 4, or /goal off.")
        return Reply("No weekly goal yet. Set one with /goal 3 (sessions per week).")
    if text in ("off", "none"):
        pushes.update_prefs(account, goal=0)
        _cancel(ctx, account, NUDGE)
        await _save(ctx)
        return Reply("Weekly goal cleared (no nudges either).")
    if _goal_refused(text):
        return Reply(_GOAL_REFUSED)
    count = int(text)
    pushes.update_prefs(account, goal=count)
    extra = ""
    if prefs.nudges:
        _ensure_nudge(request, ctx)
        extra = " If you fall behind I'll nudge you once that week at most (/nudges off to stop)."
    await _save(ctx)
    return Reply(f"Goal set: {count} session{'s' if count != 1 else ''} a week.{extra}")


async def nudges(request: Request, ctx: Context) -> Reply:
    account = request.account
    text = request.text.strip().lower()
    pushes = pending_pushes(ctx.store)
    if text == "off":
        pushes.update_prefs(account, nudges=False)
        _cancel(ctx, account, NUDGE)
        await _save(ctx)
        return Reply("Nudges off. /nudges on brings them back.")
    if text == "on":
        prefs = pushes.update_prefs(account, nudges=True)
        if prefs.goal:
            _ensure_nudge(request, ctx)
        await _save(ctx)
        more = "" if prefs.goal else " Set a weekly goal for them to follow, e.g. /goal 3."
        return Reply(f"Nudges on: one at most a week, only when you fall behind your goal.{more}")
    state = "on" if pushes.prefs(account).nudges else "off"
    return Reply(f"Nudges are {state}. Use /nudges on or /nudges off.")


def nudge_reply(ctx: Context, account: str, now: datetime) -> Reply | None:
    """A nudge if the week's goal cannot be met without training today (and it is not quiet hours)."""
    prefs = pending_pushes(ctx.store).prefs(account)
    if not prefs.goal or not prefs.nudges:
        return None
    tz = _tz(ctx.store, account)
    local = now.astimezone(tz)
    if not QUIET_TO <= local.time() < QUIET_FROM:
        return None
    today_ = local.date()
    monday = today_ - timedelta(days=today_.weekday())
    entries = training_entries(ctx.store, account)
    done_ = sessions_in(entries, _at(monday, time.min, tz), _at(monday + timedelta(days=7), time.min, tz))
    trained = (
        sessions_in(entries, _at(today_, time.min, tz), _at(today_ + timedelta(days=1), time.min, tz)) > 0
    )
    days_left = 7 - today_.weekday()
    if not behind(prefs.goal, done_, days_left, trained):
        return None
    profile = ctx.store.profile(account)
    t = today(profile, ctx.store.entries(account), ctx.library, now)
    exercise, target = main_of(t)
    load = f" at {target.load_text}" if target.load is not None else ""
    left = f"{days_left} day{'s' if days_left != 1 else ''}"
    text = (
        f"{done_} of {prefs.goal} sessions this week and {left} left: train today to stay on track.\n"
        f"Short on time? 20 minutes: band walks, then three sets of {esc(exercise.name.lower())}{load}."
    )
    buttons = ((Button("Today's plan", "/plan"), Button("Nudges off", "/nudges off")),)
    return Reply(text, title="Still on for this week?", buttons=buttons)


# --------------------------------------------------------------------------- the composer


class PushTexts:
    """The reminder service's composer for the one-off pushes (bot.py hands it over)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def lateness(self, kind: str) -> timedelta:
        return LATENESS.get(kind, timedelta(minutes=30))

    def compose(self, push: Push, now: datetime) -> Reply | None:
        ctx = self.ctx
        if push.kind == REST:
            reply: Reply | None = Reply(str(push.payload.get("text") or "Rest over: time for your next set."))
        elif push.kind == SUMMARY:
            reply = self._summary(push, now)
        elif push.kind == RECAP:
            reply = recap_reply(ctx, push.account, now)
        elif push.kind == NUDGE:
            reply = None if _misplaced(ctx.store, push) else nudge_reply(ctx, push.account, now)
        else:
            return None
        if reply is None:
            return None
        return bind_buttons(
            reply,
            actions=pending_actions(ctx.store),
            account=push.account,
            target=Target.parse(push.target),
            private=True,
            now=now,
        )

    def _session(self, push: Push) -> Session | None:
        start = datetime.fromisoformat(str(push.payload.get("start", push.key)))
        return _session_at(self.ctx.store.entries_since(push.account, start), start)

    def _summary(self, push: Push, now: datetime) -> Reply | None:
        session = self._session(push)
        if session is None or session.end + SESSION_GAP > now:
            return None  # undone since, or sets came after it was set: `following` moves it on
        return summary_reply(self.ctx, push.account, session, now)

    def following(self, push: Push, now: datetime, sent: bool) -> Push | None:
        store = self.ctx.store
        if push.kind == SUMMARY and not sent:
            session = self._session(push)
            if session is not None and session.end + SESSION_GAP > now:
                # The session went on after this push was set: due SESSION_GAP after its last set.
                return replace(push, due=to_iso(session.end + SESSION_GAP), created=to_iso(now))
            return None
        if push.kind == RECAP:
            payload: dict[str, Any] = push.payload
            tz = _tz(store, push.account)
            hhmm = str(payload.get("time", RECAP_DEFAULT[1]))
            due = _next_weekly(
                max(now, push.due_at), int(payload.get("day", RECAP_DEFAULT[0])), time.fromisoformat(hhmm), tz
            )
            return replace(
                push, key=due.astimezone(tz).date().isoformat(), due=to_iso(due), created=to_iso(now)
            )
        if push.kind == NUDGE:
            prefs = pending_pushes(store).prefs(push.account)
            if not prefs.goal or not prefs.nudges:
                return None
            return _nudge_push(store, push.account, push.target, max(now, push.due_at), next_week=sent)
        return None


def settings_pushes(request: Request, ctx: Context) -> list[tuple[str, str, str, str]]:
    """For /settings: the user's pushes of this module that are on, as (label, state, the command
    that switches it off, the button's label)."""
    account = request.account
    pushes = pending_pushes(ctx.store)
    prefs = pushes.prefs(account)
    tz = _tz(ctx.store, account)
    now = ctx.clock()
    out = []
    running = pushes.get(account, REST)
    if running is not None and running.due_at > now:
        left = clock_text(int((running.due_at - now).total_seconds()))
        out.append(("Rest timer", f"{left} left", "/rest stop", "Stop the rest timer"))
    recap_push = pushes.get(account, RECAP)
    if recap_push is not None:
        when = recap_push.due_at.astimezone(tz).strftime("%a %H:%M")
        out.append(("Weekly recap", f"on, next {when}", "/recap off", "Turn off the recap"))
    if prefs.goal and prefs.nudges:
        out.append(
            (f"Nudge when behind your goal of {prefs.goal} a week", "on", "/nudges off", "Turn off nudges")
        )
    return out


__all__ = [
    "settings_pushes",
    "PushTexts",
    "done",
    "goal",
    "nudges",
    "on_logged",
    "recap_chart",
    "recap_cmd",
    "rest",
]

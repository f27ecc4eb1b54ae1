"""One coach across platforms: /link and /unlink.

``/link`` (no code) gives a one-time code, shown only to the identity that asked (the command is
personal, so the reply is private in groups and servers). ``/link CODE`` entered by the same person on
another platform joins that identity to the code's account: from then on both share one log, one set of
schedules, one history, one weekly goal, recap and nudge check (the account's; what the joining identity
set that the account had not carries on). A linked account holds at most one identity per platform: a
code that would put a second one in is refused with nothing changed and the code still valid. Codes are
8 characters from an alphabet without 0/O/1/I, shown as ``XXXX-XXXX``, case-insensitive, the dash
optional, and expire after 10 minutes. Each identity has one live code (a new /link replaces the last);
5 wrong codes within 10 minutes lock that identity out of entering codes for 10 minutes
(`core.limits.LinkGuard`), so the code space cannot be guessed.

``/unlink`` separates one identity again (from the account owner: every other one). The shared log and
settings stay with the account; the reminder schedules that come to the leaving identity's chats go with
it (set there, so kept there, now reading its own log), and the account's pending pushes there (rest
timer, session summary, recap, nudge) stop: no chat gets what it cannot see and switch off, nor another
account's data. The weekly goal, nudges and recap settings go with the leaving identity too, and each
side then gets the recap and nudge check its own settings say are on, on its own log.

Where Telegram runs, /link on another platform also offers a deep link
(``https://t.me/<bot>?start=link-<code>``): opening it makes Telegram send ``/start link-<code>``, which
`from_start` takes through the same code rules as ``/link CODE``.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from core.context import Context
from core.limits import minutes_left
from core.markup import count, esc
from core.messages import Reply, Request
from domain.identity import Identity
from handlers import custom_exercises, session
from services.accounts import Accounts, Unlinked
from storage.models import LinkCode
from storage.pushes import Push

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, no 1/I
CODE_LENGTH = 8
CODE_TTL = timedelta(minutes=10)
START_PREFIX = "link-"  # /start payload of a deep link: "link-ABCDEF23" (Telegram allows A-Z a-z 0-9 _ -)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What the user typed → the stored form: upper case, no dashes or spaces."""
    return "".join(ch for ch in str(text).upper() if ch not in "- \t")


def show_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _platform(user: str) -> str:
    return Identity.parse(user).platform


def _platform_name(user: str) -> str:
    return Identity.parse(user).platform_name


def _platforms(ctx: Context, account: str, but: str = "") -> set[str]:
    """The platforms of the identities in ``account``'s account (less ``but``)."""
    return {_platform(u) for u in ctx.store.linked_users(account) if u != but}


def _parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


async def link(request: Request, ctx: Context) -> Reply:
    typed = str(request.args.get("code") or request.text or "").strip()
    if not typed:
        return _give_code(request, ctx)
    return await _use_code(request, ctx, typed)


def _give_code(request: Request, ctx: Context) -> Reply:
    now = ctx.clock()
    code = new_code()
    # One write: this replaces the user's previous code and drops everyone's expired ones.
    ctx.store.put_link_code(
        LinkCode(code, request.user, request.account, (now + CODE_TTL).isoformat()),
        purge_expired_at=now.isoformat(),
    )
    here = _platform_name(request.user)
    return Reply(
        f"Your link code: *{show_code(code)}*\n"
        f"On your other platform, send /link {show_code(code)} within 10 minutes. That joins it to this "
        f"{esc(here)} account: one log, one set of reminder schedules, one history. "
        f"{_deep_link_hint(request, ctx, code)}"
        "Keep the code to yourself: whoever enters it gets access to your coach.",
        private=True,
    )


def deep_link(username: str, code: str) -> str:
    return f"https://t.me/{username}?start={START_PREFIX}{code}"


def _deep_link_hint(request: Request, ctx: Context, code: str) -> str:
    """The one-tap way for Telegram, offered where it can work: Telegram is running and the code was
    made elsewhere (a Telegram identity cannot be linked to itself)."""
    if not ctx.telegram_username or _platform(request.user) == "telegram":
        return ""
    url = deep_link(ctx.telegram_username, code)
    return f"For Telegram, just [open this link]({url}): it opens the chat with me and links at once. "


async def from_start(request: Request, ctx: Context) -> Reply | None:
    """``/start link-<code>`` (a deep link opened in Telegram) → the /link flow; None for any other /start.

    The reply is private: in a group it could otherwise show the code to everyone there.
    """
    payload = (request.text or "").strip()
    if not payload.lower().startswith(START_PREFIX):
        return None
    typed = payload[len(START_PREFIX) :]
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return Reply(
            "That link doesn't hold a valid link code (it may have been cut short). Send /link on your other "
            "platform for a new one, or enter the code it shows here, e.g. /link ABCD-EF23.",
            private=True,
        )
    return (await _use_code(request, ctx, typed)).with_private()


async def _use_code(request: Request, ctx: Context, typed: str) -> Reply:
    code = normalise_code(typed)
    hint = "Send /link on your other platform to get a code like ABCD-EF23, then enter it here."
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return Reply(f"“{esc(typed[:20])}” is not a link code. {hint}")
    now = ctx.clock()
    guard = ctx.limits.link
    locked = guard.locked_for(request.user, now)
    if locked is not None:
        return _locked_out(locked)
    found = ctx.store.take_link_code(code)
    if found is None:
        lockout = guard.wrong(request.user, now)
        if lockout is not None:
            return _locked_out(lockout)
        return Reply(f"That code is wrong or was already used. {hint}")
    expires = _parse_time(found.expires_at)
    if expires is None or expires <= now:
        return Reply(
            "That code has expired (codes last 10 minutes). Send /link on your other platform for a new one."
        )

    def keep_code(message: str) -> Reply:
        ctx.store.put_link_code(found)  # still valid for the right identity
        return Reply(message)

    if found.user == request.user:
        return keep_code(
            f"That is the code you just made here. Enter it on your other platform, e.g. /link {show_code(code)}"
        )
    if _platform(found.user) == _platform(request.user):
        return keep_code(
            f"That code was made on {esc(_platform_name(found.user))} too. Codes join two accounts on different "
            "platforms: enter it on the other platform, in the account it should join."
        )
    mine = ctx.store.account_of(request.user)
    # The account its maker is in now, not when it was made: one made while linked and entered after
    # an /unlink joins the maker's own account.
    theirs = ctx.store.account_of(found.user)
    if mine == theirs:
        return keep_code("These accounts are already linked: you share one log and one set of reminders.")
    if mine != request.user:
        return keep_code(
            f"This {esc(_platform_name(request.user))} account is already linked with another one. "
            "Send /unlink first, then /link again."
        )
    # One account per platform in a linked account: a second one would share the log, and an /unlink
    # could not tell whose reminders and pushes go where.
    clash = _platforms(ctx, mine) & _platforms(ctx, theirs)
    if clash:
        other = esc(Identity(min(clash), "").platform_name)  # (a user of that platform)
        if clash & _platforms(ctx, mine, but=request.user):
            return keep_code(
                f"This {esc(_platform_name(request.user))} account is already linked with a {other} "
                "account, and an account links to one on each platform. Send /unlink first, then /link again."
            )
        return keep_code(
            f"The {esc(_platform_name(found.user))} account that made this code is already linked with a "
            f"{other} account, and an account links to one on each platform. Send /unlink there first, then "
            "enter the code again (it stays valid for its 10 minutes)."
        )

    # The joining account's own exercises come along with its sets (else /log refused them).
    exercises = custom_exercises.merged(ctx.store.profile(theirs), ctx.store.profile(mine))
    merged = await Accounts.of(ctx).link(request.user, found, exercises)

    moved = []
    if merged.entries:
        moved.append(count(merged.entries, "logged entry", "logged entries"))
    if merged.schedules:
        moved.append(count(merged.schedules, "reminder schedule", "reminder schedules"))
    if merged.exercises:
        moved.append(count(merged.exercises, "exercise of your own", "exercises of your own"))
    added = f" What you had here ({', '.join(moved)}) was added to it." if moved else ""
    gave_way = f"gave way to the {esc(_platform_name(found.user))} account's"
    added += _settings_met(merged.adopted, "carry on", "carries on")
    added += _settings_met(merged.replaced, gave_way, gave_way)
    return Reply(
        f"*Linked.* This {esc(_platform_name(request.user))} account and your "
        f"{esc(_platform_name(found.user))} account now share one coach: one log, one set of reminder "
        f"schedules, one history, and the settings (units, timezone, level) of the "
        f"{esc(_platform_name(found.user))} account.{added}\n"
        "Reminders keep going to your private chat on the platform where each was set. /unlink separates "
        "the accounts again, and each reminder stays with the platform it comes on."
    )


_SETTING_NAMES = {"goal": "weekly goal", "recap": "weekly recap"}  # (`services.accounts.Merged`)


def _settings_met(settings: tuple[str, ...], plural: str, singular: str) -> str:
    """' The weekly goal and weekly recap you set here <verb>.' (one account has one of each)."""
    if not settings:
        return ""
    names = " and ".join(_SETTING_NAMES.get(s, s) for s in settings)
    return f" The {names} you set here {singular if len(settings) == 1 else plural}."


def _locked_out(left: timedelta) -> Reply:
    return Reply(
        f"Too many wrong codes: to keep accounts safe, /link with a code is paused for "
        f"{minutes_left(left)}. Then copy the code exactly as your other platform shows it."
    )


# What a cancelled pending push was, as the unlink reply names it (storage/pushes.py kinds).
_PUSH_NAMES = {
    "rest": "rest timer",
    "summary": "session summary",
    "recap": "weekly recap",
    "nudge": "goal nudge",
}


async def unlink(request: Request, ctx: Context) -> Reply:
    here = _platform_name(request.user)
    accounts = Accounts.of(ctx)
    now = ctx.clock()

    def owed(side: str) -> list[Push]:
        return session.owed_checks(ctx.store, side, session.identity_target(side, request), now)

    gone = await accounts.unlink(request.user, owed)
    if gone is not None:
        return Reply(
            f"Unlinked. This {esc(here)} account keeps your settings and starts fresh with its own log; the "
            f"shared history stays with your other account.{_what_went(gone, here, leaving=True)} /link joins "
            "them again."
        )
    others = [u for u in ctx.store.linked_users(request.user) if u != request.user]
    if not others:
        return Reply("This account isn't linked to any other. /link gives a code to join one.")
    # The account owner: separate every identity linked to it; the shared history stays here.
    went = ""
    for user in others:
        split = await accounts.unlink(user, owed)
        if split is not None:
            went += _what_went(split, _platform_name(user), leaving=False)
    names = ", ".join(sorted({_platform_name(u) for u in others}))
    return Reply(
        f"Unlinked. Your {esc(names)} account keeps your settings and starts fresh; the shared history stays with this "
        f"{esc(here)} account.{went} /link joins them again."
    )


def _what_went(gone: Unlinked, platform: str, *, leaving: bool) -> str:
    """What the unlink did to reminders and pushes on ``platform`` (the side that left), said to the
    side that sent /unlink: nothing keeps coming there that /reminders or /settings there can't show."""
    out = ""
    if gone.schedules:
        n = len(gone.schedules)
        if leaving:
            which = "reminder schedule that comes" if n == 1 else f"{n} reminder schedules that come"
            out += f" The {which} here {'stays' if n == 1 else 'stay'} with this account: see /reminders."
        else:
            which = "reminder schedule" if n == 1 else f"{n} reminder schedules"
            out += (
                f" The {which} that came on {esc(platform)} went with that account: "
                f"/reminders there shows {'it' if n == 1 else 'them'}."
            )
    if gone.stopped:
        kinds = [_PUSH_NAMES.get(k, k) for k in gone.stopped]
        names = " and ".join([", ".join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds)
        where = "here" if leaving else f"on {esc(platform)}"
        out += f" The shared account's {names} no longer come{'s' if len(gone.stopped) == 1 else ''} {where}."
    return out

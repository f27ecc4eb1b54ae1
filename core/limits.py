"""Per-user limits that stop floods without getting in the way of real training.

- Writes (/log, /undo, /remind, settings, /link …): a token bucket per account, 60 a minute with a
  burst of 20. A lifter logs a set every minute or two and may type a dozen after the session; a
  script sending thousands is cut to one a second.
- Wrong link codes: 5 within 10 minutes lock that identity out of entering codes for 10 minutes, so
  guessing the 32^8 code space is hopeless.

State lives in memory only (a restart forgets it; that costs an attacker nothing they could not get
by waiting) and is bounded: entries that carry no information any more (a full bucket, failures
outside the window) are evicted as they age, and a hard cap drops the least recently seen first.
Time is always passed in by the caller (``ctx.clock()``), so tests need no sleeping.
"""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

WRITES_PER_MINUTE = 60
WRITE_BURST = 20
LINK_FAILURES = 5
LINK_WINDOW = timedelta(minutes=10)
LINK_LOCKOUT = timedelta(minutes=10)
MAX_TRACKED = 100_000  # users remembered at once; beyond this the least recently seen go first


# Writing commands whose bare form only shows the setting or asks what to do (/recap: this week so far,
# /units: the unit in use, /deleteme: its confirmation): typed alone they change nothing, so they
# spend no write budget and answer even when it is spent. (/link alone issues a code: a write. /undo,
# /done and /unlink take nothing and write.)
READ_WHEN_BARE = frozenset(
    {"recap", "goal", "nudges", "rest", "timezone", "units", "level", "program", "edit", "deleteme"}
)


def is_write(command: str, text: str, args: object) -> bool:
    """Whether ``command`` as sent (its text, its typed options) may change stored data."""
    return command not in READ_WHEN_BARE or bool(text.strip()) or bool(args)


@dataclass
class _Bucket:
    tokens: float
    at: datetime


@dataclass
class WriteLimiter:
    """Token bucket per account: ``rate_per_minute`` sustained, ``burst`` at once."""

    rate_per_minute: float = WRITES_PER_MINUTE
    burst: int = WRITE_BURST
    max_tracked: int = MAX_TRACKED
    _buckets: OrderedDict[str, _Bucket] = field(default_factory=OrderedDict, repr=False)

    @property
    def _per_second(self) -> float:
        return self.rate_per_minute / 60.0

    def _refilled(self, bucket: _Bucket, now: datetime) -> float:
        elapsed = max(0.0, (now - bucket.at).total_seconds())
        return min(float(self.burst), bucket.tokens + elapsed * self._per_second)

    def allow(self, account: str, now: datetime) -> bool:
        """Take one write from ``account``'s bucket; False (and nothing taken) when it is empty."""
        self._evict(now)
        bucket = self._buckets.pop(account, None)
        tokens = float(self.burst) if bucket is None else self._refilled(bucket, now)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self._buckets[account] = _Bucket(tokens, now)  # re-inserted: most recently seen last
        return allowed

    def refund(self, account: str, now: datetime) -> None:
        """Give back the write `allow` took for a command that then changed nothing (a refused line,
        nothing to undo): it costs the lifter none of their changes. Never above ``burst``."""
        bucket = self._buckets.get(account)
        if bucket is not None:  # (a missing bucket is a full one)
            bucket.tokens = min(float(self.burst), self._refilled(bucket, now) + 1.0)
            bucket.at = now
            self._buckets.move_to_end(account)  # most recently seen last, as `allow` keeps them

    def _evict(self, now: datetime) -> None:
        # A bucket refilled to the brim says nothing a missing one wouldn't: drop it. Oldest first,
        # so the loop stops at the first account still recovering.
        full_after = self.burst / self._per_second
        while self._buckets:
            account, bucket = next(iter(self._buckets.items()))
            idle = (now - bucket.at).total_seconds()
            if idle < full_after and len(self._buckets) < self.max_tracked:
                break
            del self._buckets[account]

    def __len__(self) -> int:
        return len(self._buckets)


@dataclass
class LinkGuard:
    """Wrong /link codes per identity: ``failures`` within ``window`` lock it out for ``lockout``."""

    failures: int = LINK_FAILURES
    window: timedelta = LINK_WINDOW
    lockout: timedelta = LINK_LOCKOUT
    max_tracked: int = MAX_TRACKED
    _wrong: OrderedDict[str, deque[datetime]] = field(default_factory=OrderedDict, repr=False)
    _locked: OrderedDict[str, datetime] = field(default_factory=OrderedDict, repr=False)

    def locked_for(self, user: str, now: datetime) -> timedelta | None:
        """How long ``user`` is still locked out, or None."""
        until = self._locked.get(user)
        if until is None:
            return None
        if until <= now:
            del self._locked[user]
            return None
        return until - now

    def wrong(self, user: str, now: datetime) -> timedelta | None:
        """Record a wrong code; returns the lockout it started, if this one crossed the line."""
        self._evict(now)
        times = self._wrong.pop(user, None) or deque()
        times.append(now)
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) >= self.failures:
            self._locked[user] = now + self.lockout
            self._locked.move_to_end(user)
            return self.lockout
        self._wrong[user] = times
        return None

    def _evict(self, now: datetime) -> None:
        while self._wrong:
            user, times = next(iter(self._wrong.items()))
            if now - times[-1] < self.window and len(self._wrong) < self.max_tracked:
                break
            del self._wrong[user]
        while self._locked:
            user, until = next(iter(self._locked.items()))
            if until > now and len(self._locked) < self.max_tracked:
                break
            del self._locked[user]

    def tracked(self) -> int:
        return len(self._wrong) + len(self._locked)


@dataclass
class Limits:
    writes: WriteLimiter = field(default_factory=WriteLimiter)
    link: LinkGuard = field(default_factory=LinkGuard)

    @classmethod
    def per_minute(cls, writes: int) -> Limits:
        """The limits for ``writes`` per minute per account (0: no write limit)."""
        if writes <= 0:
            return cls.unlimited()
        return cls(writes=WriteLimiter(rate_per_minute=writes, burst=max(WRITE_BURST, writes // 3)))

    @classmethod
    def unlimited(cls) -> Limits:
        """No write limit: for benchmarks and crash harnesses that flood one account on purpose."""
        return cls(writes=WriteLimiter(rate_per_minute=1e9, burst=10**12))


def minutes_left(left: timedelta) -> str:
    """``left`` rounded up to whole minutes, for a person: "1 minute", "7 minutes"."""
    minutes = max(1, math.ceil(left.total_seconds() / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"

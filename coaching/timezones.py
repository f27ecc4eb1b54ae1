"""Find IANA time zones from what people type: "Europe/Amsterdam", "amsterdam", "new york", "UTC+2".

Built on ``zoneinfo.available_timezones()`` (the tzdata package supplies the database where the system
has none), indexed once and cached.
"""

from __future__ import annotations

import re
import string
import unicodedata
import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = [
    "resolve_timezone",
    "complete_timezones",
    "lookup_timezone",
    "ZoneLookup",
    "ZoneChoice",
    "format_offset",
    "fixed_zone",
    "CITIES",
    "ABBREVIATIONS",
]

# Present on some systems but not usable as a user's zone.
_SKIP = {"localtime", "posixrules", "Factory"}
# Zones under these areas are the canonical, city-named ones; legacy aliases (US/, Etc/, Canada/ ...)
# still resolve but rank after them.
_AREAS = {
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
}
_UTC_WORDS = {"utc", "gmt", "z", "zulu", "uct", "universal", "greenwich", "gmt0"}
_OFFSET = re.compile(r"^(?:utc|gmt)\s*([+\-\u2212])\s*([0-9]{1,2})(?::?00)?$")


def _norm(text: str) -> str:
    """Case- and separator-insensitive form: "America/New_York" -> "america/new york"."""
    text = re.sub(r"[\s_\-]+", " ", text.casefold())
    text = re.sub(r"\s*/\s*", "/", text)
    return text.strip()


def _rank(name: str) -> tuple[int, int, str]:
    area = name.split("/", 1)[0]
    return (0 if area in _AREAS and "/" in name else 1, len(name), name)


@lru_cache(maxsize=1)
def _index() -> tuple[tuple[str, ...], dict[str, str], dict[str, str]]:
    """(names in preferred order, normalised full name -> name, normalised city -> best name)."""
    names = tuple(sorted((n for n in zoneinfo.available_timezones() if n not in _SKIP), key=_rank))
    full: dict[str, str] = {}
    city: dict[str, str] = {}
    for name in names:  # best-ranked first, so setdefault keeps the preferred zone for a shared city
        full.setdefault(_norm(name), name)
        city.setdefault(_norm(name.rsplit("/", 1)[-1]), name)
    return names, full, city


@lru_cache(maxsize=1)
def _by_name() -> tuple[str, ...]:
    """Completion order: canonical area zones first, then legacy aliases; alphabetical within each."""
    return tuple(sorted(_index()[0], key=lambda n: (_rank(n)[0], n)))


def resolve_timezone(text: str) -> str | None:
    """The IANA name ``text`` means, or None.

    Tries, in order: UTC/GMT (and "UTC+2"-style whole-hour offsets, as Etc/GMT-2: note the POSIX sign),
    the full name case- and separator-insensitively ("europe/amsterdam", "America/New York"), then the
    last component ("Amsterdam", "new york", "new_york"), preferring the canonical area zone.
    """
    if not isinstance(text, str):
        return None
    key = _norm(text)
    if not key or len(key) > 64:
        return None
    if key in _UTC_WORDS:
        return "UTC"
    _, full, city = _index()
    if m := _OFFSET.match(text.strip().casefold()):
        hours = int(m.group(2))
        if hours == 0:
            return "UTC"
        # POSIX-style Etc zones invert the sign: UTC+2 is Etc/GMT-2.
        return full.get(_norm(f"Etc/GMT{'-' if m.group(1) == '+' else '+'}{hours}"))
    return full.get(key) or city.get(key)


def complete_timezones(prefix: str, limit: int = 25) -> list[str]:
    """Zone names for autocomplete: full-name prefix matches, then city prefix matches, then substring.

    Within each group canonical area zones come first, then alphabetical order. Empty input lists the
    canonical zones from the start of the alphabet.
    """
    if limit <= 0 or not isinstance(prefix, str):
        return []
    names = _by_name()
    key = _norm(prefix)
    if not key:
        return [n for n in names if _rank(n)[0] == 0][:limit]
    groups: tuple[list[str], list[str], list[str]] = ([], [], [])
    for name in names:
        norm = _norm(name)
        if norm.startswith(key):
            groups[0].append(name)
        elif any(part.startswith(key) for part in norm.split("/")[1:]):
            groups[1].append(name)
        elif key in norm:
            groups[2].append(name)
    # Cities of the alias table (Mumbai, San Francisco): typed back, /timezone confirms them.
    cities = [string.capwords(c) for c in _city_names() if c.startswith(_fold(prefix))]
    return (groups[0] + groups[1] + cities + groups[2])[:limit]


@lru_cache(maxsize=1)
def _city_names() -> tuple[str, ...]:
    """The alias table's names worth suggesting, alphabetically: not its short forms (sf, nyc, cdmx)."""
    return tuple(sorted(c for c in CITIES if c not in _SHORT_FORMS))


_SHORT_FORMS = {"sf", "nyc", "cdmx", "uk", "uae"}


# --- zones as people type them ----------------------------------------------------------------------
#
# `lookup_timezone` is what /timezone uses: a city (from the alias table below or a zoneinfo city name)
# is set and confirmed with its local time; an abbreviation or an offset is never taken silently: it
# gives candidate zones to pick from (their local time now on each button).

# Major cities whose name is not a zoneinfo city (or is spelled otherwise there) → IANA zone. Keys are
# `_fold`ed (lower case, accents and punctuation removed). zoneinfo's own cities (Amsterdam, Tokyo,
# Sao Paulo ...) resolve from `_index` as well.
CITIES: dict[str, str] = {
    # India and South Asia
    "mumbai": "Asia/Kolkata", "bombay": "Asia/Kolkata", "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata",
    "chennai": "Asia/Kolkata", "madras": "Asia/Kolkata", "hyderabad": "Asia/Kolkata",
    "pune": "Asia/Kolkata", "ahmedabad": "Asia/Kolkata", "calcutta": "Asia/Kolkata",
    "jaipur": "Asia/Kolkata", "lucknow": "Asia/Kolkata", "goa": "Asia/Kolkata",
    "lahore": "Asia/Karachi", "islamabad": "Asia/Karachi", "chittagong": "Asia/Dhaka",
    "kathmandu": "Asia/Kathmandu", "kandy": "Asia/Colombo",
    # United States
    "san francisco": "America/Los_Angeles", "sf": "America/Los_Angeles", "seattle": "America/Los_Angeles",
    "portland": "America/Los_Angeles", "san diego": "America/Los_Angeles", "san jose": "America/Los_Angeles",
    "las vegas": "America/Los_Angeles", "sacramento": "America/Los_Angeles", "oakland": "America/Los_Angeles",
    "nyc": "America/New_York", "boston": "America/New_York", "washington": "America/New_York",
    "washington dc": "America/New_York", "philadelphia": "America/New_York", "miami": "America/New_York",
    "atlanta": "America/New_York", "orlando": "America/New_York", "pittsburgh": "America/New_York",
    "baltimore": "America/New_York", "charlotte": "America/New_York", "brooklyn": "America/New_York",
    "cleveland": "America/New_York", "columbus": "America/New_York", "tampa": "America/New_York",
    "raleigh": "America/New_York", "dallas": "America/Chicago", "houston": "America/Chicago",
    "austin": "America/Chicago", "san antonio": "America/Chicago", "minneapolis": "America/Chicago",
    "st louis": "America/Chicago", "saint louis": "America/Chicago", "kansas city": "America/Chicago",
    "new orleans": "America/Chicago", "nashville": "America/Chicago", "milwaukee": "America/Chicago",
    "salt lake city": "America/Denver", "albuquerque": "America/Denver", "tucson": "America/Phoenix",
    "honolulu": "Pacific/Honolulu", "hawaii": "Pacific/Honolulu", "alaska": "America/Anchorage",
    # Canada and Latin America
    "montreal": "America/Toronto", "ottawa": "America/Toronto", "quebec": "America/Toronto",
    "calgary": "America/Edmonton", "winnipeg": "America/Winnipeg", "victoria": "America/Vancouver",
    "mexico city": "America/Mexico_City", "cdmx": "America/Mexico_City", "guadalajara": "America/Mexico_City",
    "monterrey": "America/Monterrey", "rio de janeiro": "America/Sao_Paulo", "rio": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo", "belo horizonte": "America/Sao_Paulo", "curitiba": "America/Sao_Paulo",
    "porto alegre": "America/Sao_Paulo", "buenos aires": "America/Argentina/Buenos_Aires",
    "cordoba": "America/Argentina/Cordoba", "medellin": "America/Bogota", "cali": "America/Bogota",
    "quito": "America/Guayaquil", "san juan": "America/Puerto_Rico", "havana": "America/Havana",
    "kingston": "America/Jamaica", "valparaiso": "America/Santiago",
    # Europe
    "barcelona": "Europe/Madrid", "valencia": "Europe/Madrid", "seville": "Europe/Madrid",
    "malaga": "Europe/Madrid", "porto": "Europe/Lisbon", "milan": "Europe/Rome", "naples": "Europe/Rome",
    "florence": "Europe/Rome", "turin": "Europe/Rome", "venice": "Europe/Rome", "munich": "Europe/Berlin",
    "hamburg": "Europe/Berlin", "frankfurt": "Europe/Berlin", "cologne": "Europe/Berlin",
    "koln": "Europe/Berlin", "stuttgart": "Europe/Berlin", "dusseldorf": "Europe/Berlin",
    "leipzig": "Europe/Berlin", "geneva": "Europe/Zurich", "basel": "Europe/Zurich", "bern": "Europe/Zurich",
    "lyon": "Europe/Paris", "marseille": "Europe/Paris", "nice": "Europe/Paris", "toulouse": "Europe/Paris",
    "bordeaux": "Europe/Paris", "rotterdam": "Europe/Amsterdam", "the hague": "Europe/Amsterdam",
    "utrecht": "Europe/Amsterdam", "eindhoven": "Europe/Amsterdam", "antwerp": "Europe/Brussels",
    "ghent": "Europe/Brussels", "manchester": "Europe/London", "birmingham": "Europe/London",
    "liverpool": "Europe/London", "leeds": "Europe/London", "glasgow": "Europe/London",
    "edinburgh": "Europe/London", "bristol": "Europe/London", "cardiff": "Europe/London",
    "belfast": "Europe/London", "cork": "Europe/Dublin", "galway": "Europe/Dublin",
    "gothenburg": "Europe/Stockholm", "malmo": "Europe/Stockholm", "bergen": "Europe/Oslo",
    "aarhus": "Europe/Copenhagen", "krakow": "Europe/Warsaw", "wroclaw": "Europe/Warsaw",
    "gdansk": "Europe/Warsaw", "brno": "Europe/Prague", "salzburg": "Europe/Vienna",
    "graz": "Europe/Vienna", "thessaloniki": "Europe/Athens", "kiev": "Europe/Kyiv",
    "kharkiv": "Europe/Kyiv", "lviv": "Europe/Kyiv", "odesa": "Europe/Kyiv", "odessa": "Europe/Kyiv",
    "st petersburg": "Europe/Moscow", "saint petersburg": "Europe/Moscow", "ankara": "Europe/Istanbul",
    "izmir": "Europe/Istanbul", "tel aviv": "Asia/Jerusalem", "haifa": "Asia/Jerusalem",
    # Middle East and Africa
    "abu dhabi": "Asia/Dubai", "sharjah": "Asia/Dubai", "doha": "Asia/Qatar", "jeddah": "Asia/Riyadh",
    "mecca": "Asia/Riyadh", "tehran": "Asia/Tehran", "cape town": "Africa/Johannesburg",
    "durban": "Africa/Johannesburg", "pretoria": "Africa/Johannesburg", "abuja": "Africa/Lagos",
    "marrakech": "Africa/Casablanca", "rabat": "Africa/Casablanca", "alexandria": "Africa/Cairo",
    "addis ababa": "Africa/Addis_Ababa", "mombasa": "Africa/Nairobi", "zanzibar": "Africa/Dar_es_Salaam",
    # East and Southeast Asia, Oceania
    "beijing": "Asia/Shanghai", "peking": "Asia/Shanghai", "shenzhen": "Asia/Shanghai",
    "guangzhou": "Asia/Shanghai", "chengdu": "Asia/Shanghai", "hangzhou": "Asia/Shanghai",
    "wuhan": "Asia/Shanghai", "nanjing": "Asia/Shanghai", "xian": "Asia/Shanghai", "china": "Asia/Shanghai",
    "osaka": "Asia/Tokyo", "kyoto": "Asia/Tokyo", "yokohama": "Asia/Tokyo", "nagoya": "Asia/Tokyo",
    "sapporo": "Asia/Tokyo", "fukuoka": "Asia/Tokyo", "busan": "Asia/Seoul", "incheon": "Asia/Seoul",
    "kaohsiung": "Asia/Taipei", "saigon": "Asia/Ho_Chi_Minh", "ho chi minh city": "Asia/Ho_Chi_Minh",
    "hanoi": "Asia/Bangkok", "phuket": "Asia/Bangkok", "chiang mai": "Asia/Bangkok",
    "cebu": "Asia/Manila", "quezon city": "Asia/Manila", "bali": "Asia/Makassar", "denpasar": "Asia/Makassar",
    "surabaya": "Asia/Jakarta", "bandung": "Asia/Jakarta", "penang": "Asia/Kuala_Lumpur",
    "rangoon": "Asia/Yangon", "canberra": "Australia/Sydney", "gold coast": "Australia/Brisbane",
    "wellington": "Pacific/Auckland", "christchurch": "Pacific/Auckland", "queenstown": "Pacific/Auckland",
}  # fmt: skip

# Abbreviations people type → (label, zone) candidates, most likely first. Several regions share some
# (IST: India, Israel, Ireland), so the user picks; the zone then follows its own DST rules.
ABBREVIATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "ist": (("India", "Asia/Kolkata"), ("Israel", "Asia/Jerusalem"), ("Ireland", "Europe/Dublin")),
    "pst": (("US Pacific", "America/Los_Angeles"), ("Canada Pacific", "America/Vancouver"), ("Philippines", "Asia/Manila")),
    "pdt": (("US Pacific", "America/Los_Angeles"), ("Canada Pacific", "America/Vancouver")),
    "pt": (("US Pacific", "America/Los_Angeles"), ("Canada Pacific", "America/Vancouver")),
    "est": (("US Eastern", "America/New_York"), ("Canada Eastern", "America/Toronto"), ("Panama, no DST", "America/Panama")),
    "edt": (("US Eastern", "America/New_York"), ("Canada Eastern", "America/Toronto")),
    "et": (("US Eastern", "America/New_York"), ("Canada Eastern", "America/Toronto")),
    "cst": (("US Central", "America/Chicago"), ("Mexico City", "America/Mexico_City"), ("China", "Asia/Shanghai"), ("Cuba", "America/Havana")),
    "cdt": (("US Central", "America/Chicago"), ("Cuba", "America/Havana")),
    "ct": (("US Central", "America/Chicago"), ("Mexico City", "America/Mexico_City")),
    "mst": (("US Mountain", "America/Denver"), ("Arizona, no DST", "America/Phoenix"), ("Canada Mountain", "America/Edmonton")),
    "mdt": (("US Mountain", "America/Denver"), ("Canada Mountain", "America/Edmonton")),
    "mt": (("US Mountain", "America/Denver"), ("Arizona, no DST", "America/Phoenix")),
    "akst": (("Alaska", "America/Anchorage"),),
    "akdt": (("Alaska", "America/Anchorage"),),
    "hst": (("Hawaii", "Pacific/Honolulu"),),
    "ast": (("Atlantic Canada", "America/Halifax"), ("Puerto Rico", "America/Puerto_Rico"), ("Saudi Arabia", "Asia/Riyadh")),
    "adt": (("Atlantic Canada", "America/Halifax"),),
    "nst": (("Newfoundland", "America/St_Johns"),),
    "ndt": (("Newfoundland", "America/St_Johns"),),
    "gmt": (("UK", "Europe/London"), ("Ireland", "Europe/Dublin"), ("Ghana", "Africa/Accra"), ("UTC, fixed", "UTC")),
    "bst": (("UK", "Europe/London"), ("Bangladesh", "Asia/Dhaka")),
    "wet": (("Portugal", "Europe/Lisbon"), ("Canary Islands", "Atlantic/Canary"), ("Morocco", "Africa/Casablanca")),
    "west": (("Portugal", "Europe/Lisbon"), ("Canary Islands", "Atlantic/Canary")),
    "cet": (("Germany", "Europe/Berlin"), ("France", "Europe/Paris"), ("Spain", "Europe/Madrid"), ("Italy", "Europe/Rome"), ("Netherlands", "Europe/Amsterdam")),
    "cest": (("Germany", "Europe/Berlin"), ("France", "Europe/Paris"), ("Spain", "Europe/Madrid"), ("Italy", "Europe/Rome"), ("Netherlands", "Europe/Amsterdam")),
    "eet": (("Greece", "Europe/Athens"), ("Finland", "Europe/Helsinki"), ("Ukraine", "Europe/Kyiv"), ("Romania", "Europe/Bucharest"), ("Egypt", "Africa/Cairo")),
    "eest": (("Greece", "Europe/Athens"), ("Finland", "Europe/Helsinki"), ("Ukraine", "Europe/Kyiv"), ("Romania", "Europe/Bucharest")),
    "msk": (("Moscow", "Europe/Moscow"),),
    "trt": (("Turkey", "Europe/Istanbul"),),
    "gst": (("Gulf (Dubai)", "Asia/Dubai"),),
    "pkt": (("Pakistan", "Asia/Karachi"),),
    "npt": (("Nepal", "Asia/Kathmandu"),),
    "ict": (("Thailand", "Asia/Bangkok"), ("Vietnam", "Asia/Ho_Chi_Minh")),
    "wib": (("Jakarta", "Asia/Jakarta"),),
    "sgt": (("Singapore", "Asia/Singapore"),),
    "myt": (("Malaysia", "Asia/Kuala_Lumpur"),),
    "pht": (("Philippines", "Asia/Manila"),),
    "hkt": (("Hong Kong", "Asia/Hong_Kong"),),
    "jst": (("Japan", "Asia/Tokyo"),),
    "kst": (("South Korea", "Asia/Seoul"),),
    "awst": (("Perth", "Australia/Perth"),),
    "acst": (("Adelaide", "Australia/Adelaide"), ("Darwin, no DST", "Australia/Darwin")),
    "acdt": (("Adelaide", "Australia/Adelaide"),),
    "aest": (("Sydney", "Australia/Sydney"), ("Melbourne", "Australia/Melbourne"), ("Brisbane, no DST", "Australia/Brisbane"), ("Hobart", "Australia/Hobart")),
    "aedt": (("Sydney", "Australia/Sydney"), ("Melbourne", "Australia/Melbourne"), ("Hobart", "Australia/Hobart")),
    "nzst": (("New Zealand", "Pacific/Auckland"),),
    "nzdt": (("New Zealand", "Pacific/Auckland"),),
    "sast": (("South Africa", "Africa/Johannesburg"),),
    "cat": (("Central Africa (Maputo)", "Africa/Maputo"),),
    "eat": (("East Africa (Nairobi)", "Africa/Nairobi"),),
    "wat": (("West Africa (Lagos)", "Africa/Lagos"),),
    "brt": (("Brazil (São Paulo)", "America/Sao_Paulo"),),
    "art": (("Argentina", "America/Argentina/Buenos_Aires"),),
    # Countries spanning several zones: a pick as well.
    "us": (("US Eastern", "America/New_York"), ("US Central", "America/Chicago"), ("US Mountain", "America/Denver"), ("Arizona, no DST", "America/Phoenix"), ("US Pacific", "America/Los_Angeles")),
    "canada": (("Toronto", "America/Toronto"), ("Winnipeg", "America/Winnipeg"), ("Edmonton", "America/Edmonton"), ("Vancouver", "America/Vancouver"), ("Halifax", "America/Halifax")),
    "australia": (("Sydney", "Australia/Sydney"), ("Brisbane, no DST", "Australia/Brisbane"), ("Adelaide", "Australia/Adelaide"), ("Darwin, no DST", "Australia/Darwin"), ("Perth", "Australia/Perth")),
    "brazil": (("São Paulo", "America/Sao_Paulo"), ("Manaus", "America/Manaus"), ("Recife", "America/Recife")),
    "russia": (("Moscow", "Europe/Moscow"), ("Yekaterinburg", "Asia/Yekaterinburg"), ("Novosibirsk", "Asia/Novosibirsk"), ("Vladivostok", "Asia/Vladivostok")),
    "mexico": (("Mexico City", "America/Mexico_City"), ("Tijuana", "America/Tijuana"), ("Cancún", "America/Cancun")),
}  # fmt: skip
for _alias, _key in (("usa", "us"), ("united states", "us"), ("america", "us")):
    ABBREVIATIONS[_alias] = ABBREVIATIONS[_key]

# Countries with one zone: taken like a city.
CITIES |= {
    "india": "Asia/Kolkata", "japan": "Asia/Tokyo", "south korea": "Asia/Seoul", "korea": "Asia/Seoul",
    "germany": "Europe/Berlin", "france": "Europe/Paris", "spain": "Europe/Madrid", "italy": "Europe/Rome",
    "netherlands": "Europe/Amsterdam", "holland": "Europe/Amsterdam", "belgium": "Europe/Brussels",
    "uk": "Europe/London", "united kingdom": "Europe/London", "england": "Europe/London",
    "scotland": "Europe/London", "wales": "Europe/London", "ireland": "Europe/Dublin",
    "israel": "Asia/Jerusalem", "poland": "Europe/Warsaw", "sweden": "Europe/Stockholm",
    "norway": "Europe/Oslo", "denmark": "Europe/Copenhagen", "finland": "Europe/Helsinki",
    "greece": "Europe/Athens", "turkey": "Europe/Istanbul", "ukraine": "Europe/Kyiv",
    "switzerland": "Europe/Zurich", "austria": "Europe/Vienna", "czechia": "Europe/Prague",
    "philippines": "Asia/Manila", "thailand": "Asia/Bangkok", "vietnam": "Asia/Ho_Chi_Minh",
    "pakistan": "Asia/Karachi", "bangladesh": "Asia/Dhaka", "nigeria": "Africa/Lagos",
    "kenya": "Africa/Nairobi", "egypt": "Africa/Cairo", "south africa": "Africa/Johannesburg",
    "new zealand": "Pacific/Auckland", "argentina": "America/Argentina/Buenos_Aires",
    "colombia": "America/Bogota", "peru": "America/Lima", "uae": "Asia/Dubai",
}  # fmt: skip

# Real zones offered for an offset ("UTC+5:30"), in this order, when their offset now matches.
_REPRESENTATIVE = (
    "Europe/London", "Europe/Lisbon", "Europe/Berlin", "Europe/Paris", "Africa/Lagos", "Europe/Athens",
    "Africa/Cairo", "Africa/Johannesburg", "Europe/Istanbul", "Europe/Moscow", "Asia/Riyadh", "Africa/Nairobi",
    "Asia/Tehran", "Asia/Dubai", "Asia/Kabul", "Asia/Karachi", "Asia/Tashkent", "Asia/Kolkata",
    "Asia/Colombo", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Yangon", "Asia/Bangkok", "Asia/Jakarta",
    "Asia/Shanghai", "Asia/Singapore", "Asia/Manila", "Australia/Perth", "Asia/Tokyo", "Asia/Seoul",
    "Australia/Darwin", "Australia/Adelaide", "Australia/Brisbane", "Australia/Sydney", "Pacific/Noumea",
    "Pacific/Auckland", "Pacific/Fiji", "Pacific/Tongatapu", "Pacific/Kiritimati", "Atlantic/Azores",
    "Atlantic/Cape_Verde", "America/Noronha", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
    "America/St_Johns", "America/Halifax", "America/Santiago", "America/Caracas", "America/New_York",
    "America/Toronto", "America/Bogota", "America/Lima", "America/Chicago", "America/Mexico_City",
    "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Vancouver", "America/Anchorage",
    "Pacific/Honolulu", "Pacific/Pago_Pago", "Africa/Abidjan", "Atlantic/Reykjavik", "UTC",
)  # fmt: skip

_OFFSET_TEXT = re.compile(
    r"^(?:utc|gmt|z)?\s*(?P<sign>[+\-\u2212])\s*(?P<h>[0-9]{1,2})(?:(?::|\.|h)?(?P<m>[0-9]{2}))?$"
)
MAX_CHOICES = 5


@dataclass(frozen=True)
class ZoneChoice:
    label: str  # "India"
    zone: str  # "Asia/Kolkata"


@dataclass(frozen=True)
class ZoneLookup:
    """What someone typed, read as a zone. ``kind``: ``"zone"`` (an IANA name or UTC: take it),
    ``"city"`` (take it, confirm with the local time), ``"pick"`` (an abbreviation or an offset: ask,
    ``choices``), ``"unknown"`` (``choices``: close names, possibly none)."""

    kind: str
    zone: str = ""
    what: str = ""  # how to name what was typed: "IST", "UTC+5:30", "Mumbai"
    choices: tuple[ZoneChoice, ...] = ()


def _fold(text: str) -> str:
    """Lower case without accents or punctuation: "São Paulo" -> "sao paulo", "St. Louis" -> "st louis"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[._\-'’,]+", " ", text)
    return " ".join(text.split())


def format_offset(minutes: int) -> str:
    """330 -> "UTC+5:30", -180 -> "UTC−3", 0 -> "UTC"."""
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def _offset_minutes(zone: str, now: datetime) -> int:
    delta = now.astimezone(ZoneInfo(zone)).utcoffset()
    return int(delta.total_seconds() // 60) if delta is not None else 0


def fixed_zone(minutes: int) -> str | None:
    """The fixed ``Etc/GMT`` zone of a whole-hour offset; its sign is POSIX's, the reverse of ISO's:
    UTC+5 is ``Etc/GMT-5``, UTC−5 is ``Etc/GMT+5``."""
    if minutes % 60 or not -12 * 60 <= minutes <= 14 * 60:
        return None
    hours = minutes // 60
    return "UTC" if hours == 0 else f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"


def _city_label(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def _offset_choices(minutes: int, now: datetime) -> tuple[ZoneChoice, ...]:
    real = [z for z in _REPRESENTATIVE if z != "UTC" and _offset_minutes(z, now) == minutes]
    choices = [ZoneChoice(_city_label(z), z) for z in real[: MAX_CHOICES - 1]]
    fixed = fixed_zone(minutes)
    if fixed is not None:
        choices.append(ZoneChoice(f"fixed {format_offset(minutes)}" if fixed != "UTC" else "UTC", fixed))
    return tuple(choices)


def lookup_timezone(text: str, now: datetime) -> ZoneLookup:
    """Read a zone as people type it (see `ZoneLookup`); ``now`` (aware) decides which zones have an
    offset at the moment."""
    if not isinstance(text, str) or not text.strip() or len(text) > 64:
        return ZoneLookup("unknown")
    raw = text.strip()
    key = _fold(raw)
    _, full, city = _index()
    if key in {"utc", "z", "zulu", "uct", "universal", "etc/utc", "coordinated universal time"}:
        return ZoneLookup("zone", "UTC", "UTC")
    if key in ABBREVIATIONS:
        choices = tuple(ZoneChoice(label, zone) for label, zone in ABBREVIATIONS[key])
        return ZoneLookup("pick", what=raw.upper(), choices=choices)
    if m := _OFFSET_TEXT.match(raw.casefold().replace(" ", "")):
        minutes = int(m["h"]) * 60 + int(m["m"] or 0)
        if int(m["m"] or 0) >= 60 or minutes > 14 * 60:
            return ZoneLookup("unknown", what=raw)
        minutes = -minutes if m["sign"] != "+" else minutes
        return ZoneLookup("pick", what=format_offset(minutes), choices=_offset_choices(minutes, now))
    if (name := full.get(_norm(raw))) is not None:
        return ZoneLookup("zone", name, name)
    shown = string.capwords(raw) if raw.islower() else raw  # "new york" -> "New York"; "São Paulo" kept
    if (name := CITIES.get(key)) is not None or (name := city.get(_norm(key))) is not None:
        return ZoneLookup("city", name, shown)
    close = [c for c in sorted(CITIES) if c.startswith(key[:3])][:3] if len(key) >= 3 else []
    names = [string.capwords(c) for c in close] + complete_timezones(raw, limit=5 - len(close))
    names = list(dict.fromkeys(names))  # a city listed and completed alike is said once ("Marseille")
    return ZoneLookup("unknown", what=raw, choices=tuple(ZoneChoice(n, n) for n in names))

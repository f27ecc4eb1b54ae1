"""Every command, declared once. Adapters build menus, slash commands and help from this."""

from __future__ import annotations

from coaching.families import FAMILY_NAMES
from coaching.logparse import MAX_TEXT as LOG_TEXT
from coaching.programs import PROGRAMS
from core.registry import Command, Kind, Param, Registry
from domain.equipment import BAND_RESISTANCES
from handlers import (
    account,
    cancel,
    custom_exercises,
    explain,
    importer,
    link,
    logbook,
    plan,
    program,
    remind,
    session,
    settings,
)
from handlers import equipment as kit
from storage.models import BANDS, LEVELS, UNITS

EXERCISE = Param("exercise", Kind.EXERCISE, "Exercise name, e.g. hip thrust")
# A button's mark of the entry it showed (handlers.logbook.fingerprint): it acts on that entry only as shown.
SHOWN = Param("shown", Kind.TEXT, "The entry as the button showed it", max_length=16)
# /log's help with loads typed bare ("60x10"), which `example_in` leaves alone: /help says them to a
# pound lifter as these (loads a pound gym makes, as `coaching.logparse.log_forms` does).
LOG_SETS = "Number of sets like 3, or all of it: 3x10, 10,10,8, 60x10, 80x8"
LOG_ENTRY = "Or type it all: hip thrust w 60x8 / 100x10,10,9 yesterday"
# The menus and slash commands show one text to every lifter: its loads bare (the lifter's /units),
# never "80kg" to a pound lifter.
LOG_DESCRIPTION = "Log sets, e.g. hip thrust 3x10 100"
EDIT_SETS = "The corrected sets, e.g. 3x10 85 (leave out: I ask)"
LB_HELP: dict[str, str] = {
    LOG_SETS: "Number of sets like 3, or all of it: 3x10, 10,10,8, 135x10, 185x8",
    LOG_ENTRY: "Or type it all: hip thrust w 135x8 / 225x10,10,9 yesterday",
    LOG_DESCRIPTION: "Log sets, e.g. hip thrust 3x10 225",
    EDIT_SETS: "The corrected sets, e.g. 3x10 195 (leave out: I ask)",
}


def build_registry() -> Registry:
    r = Registry()
    add = r.add
    # Explain
    add(Command("start", "What this coach does and how to set it up", explain.start, extra_text_ok=True))
    add(
        Command(
            "help",
            "List the commands, or explain one",
            explain.help_,
            (Param("command", Kind.TEXT, "A command name, e.g. log"),),
            usage="/help log",
        )
    )
    add(
        Command(
            "exercises",
            "Browse the exercise library by category",
            explain.exercises,
            (
                # Readable names (what people see in /help and Discord's choices); the handler also
                # accepts the category ids and loose spellings.
                Param(
                    "category",
                    Kind.TEXT,
                    "activation, glute lifts, compound lifts or accessories",
                    choices=("activation", "glute lifts", "compound lifts", "accessories"),
                ),
            ),
            usage="/exercises glute lifts",
        )
    )
    add(
        Command(
            "explain",
            "How to do an exercise: muscles, steps, cues, mistakes, levels",
            explain.explain,
            (Param("exercise", Kind.EXERCISE, "Exercise name, e.g. hip thrust", required=True),),
            usage="/explain hip thrust",
        )
    )
    add(
        Command(
            "anatomy",
            "The three gluteal muscles, or one of them",
            explain.anatomy,
            (
                Param(
                    "muscle",
                    Kind.TEXT,
                    "maximus, medius or minimus",
                    choices=("maximus", "medius", "minimus"),
                ),
            ),
            usage="/anatomy medius",
        )
    )
    add(
        Command(
            "research",
            "What studies found, and their limits",
            explain.research,
            (Param("topic", Kind.TEXT, "A topic, e.g. hip thrust, squat depth, sitting, PAP"),),
            usage="/research squat depth",
        )
    )
    add(Command("approach", "Conventional vs progressive glute training, and levels", explain.approach))
    # Train
    add(
        Command(
            "plan",
            "Today's session: activation, main lift with a target, optional compound",
            plan.plan,
            personal=True,
        )
    )
    add(
        Command(
            "program",
            "Programs by level and days a week; start one; see where you are",
            program.program,
            (
                Param(
                    "action",
                    Kind.CHOICE,
                    "list, or start a program (leave out: where you are)",
                    choices=("list", "start"),
                ),
                Param(
                    "name", Kind.CHOICE, "The program to start, e.g. intermediate-3", choices=tuple(PROGRAMS)
                ),
            ),
            usage="/program start intermediate-3",
            personal=True,
            free_text=True,
            writes=True,
        )
    )
    add(
        Command(
            "log",
            LOG_DESCRIPTION,
            logbook.log,
            (
                EXERCISE,
                Param("sets", Kind.TEXT, LOG_SETS),
                Param("reps", Kind.TEXT, "Reps per set like 10, or each set's: 10,10,8"),
                Param("weight", Kind.NUMBER, "Load per rep (leave out for bodyweight)", min_value=0),
                Param("unit", Kind.CHOICE, "kg or lb (default: your /units)", choices=UNITS),
                Param("band", Kind.CHOICE, "Band position for activation", choices=BANDS, template="band={}"),
                Param(
                    "band_strength",
                    Kind.CHOICE,
                    "Which mini band (the progression past the feet)",
                    choices=BAND_RESISTANCES,
                    template="{} band",
                ),
                Param("rpe", Kind.NUMBER, "Effort 1-10", min_value=1, max_value=10, template="rpe {}"),
                Param(
                    "entry",
                    Kind.TEXT,
                    LOG_ENTRY,
                    max_length=500,
                ),
            ),
            usage="/log hip thrust 3x10 80kg",
            personal=True,
            free_text=True,
            writes=True,
            check=logbook.log_check,  # a line that cannot be read spends no write budget
            text_limit=LOG_TEXT,
        )
    )
    add(
        Command(
            "log_confirm",
            "Store the entry this button shows",
            logbook.log_confirm,
            (Param("entry", Kind.TEXT, "The entry as a line", required=True, max_length=600),),
            usage="/log <exercise> <sets>",
            personal=True,
            hidden=True,
            free_text=True,
            writes=True,
        )
    )
    add(
        Command(
            "log_cancel",
            "Store nothing",
            logbook.log_cancel,
            usage="/log <exercise> <sets>",
            personal=True,
            hidden=True,
        )
    )
    add(
        Command(
            "edit",
            "Correct your latest entry: sets, loads, date or note",
            logbook.edit,
            (
                Param(
                    "entry",
                    Kind.TEXT,
                    EDIT_SETS,
                    max_length=500,
                ),
            ),
            usage="/edit 3x10 85kg",
            personal=True,
            free_text=True,
            writes=True,
            text_limit=LOG_TEXT,
        )
    )
    add(
        Command(
            "edit_entry",
            "Correct the entry this button is under",
            logbook.edit_entry,
            (
                Param("entry", Kind.INTEGER, "Entry number", required=True, min_value=1),
                Param("text", Kind.TEXT, "The corrected sets", max_length=600),
            ),
            usage="/edit",
            personal=True,
            hidden=True,
            free_text=True,
            writes=True,
        )
    )
    # Typed while a question waits (the sets /edit asks for), it closes the question: nothing changes.
    add(
        Command(
            "cancel", "Drop a question I asked, like /edit's: nothing changes", cancel.cancel, personal=True
        )
    )
    add(
        Command(
            "delete",
            "Remove one entry by its number in /history",
            logbook.delete,
            (Param("entry", Kind.INTEGER, "The entry number from /history", required=True, min_value=1),),
            usage="/delete 12",
            personal=True,
            writes=True,
        )
    )
    add(
        Command(
            "exercise",
            "Your own exercises: add or remove one",
            custom_exercises.exercise,
            (
                Param("action", Kind.CHOICE, "add, remove or list", choices=("add", "remove", "list")),
                Param("name", Kind.TEXT, "The name, then its kind: reverse hyper accessory"),
            ),
            usage="/exercise add reverse hyper accessory",
            personal=True,
            free_text=True,
            writes=True,
            check=custom_exercises.exercise_check,  # a refused name or a listing spends no write budget
        )
    )
    add(
        Command(
            "history",
            "Your log by session, newest first, optionally one exercise",
            logbook.history,
            (EXERCISE, Param("page", Kind.INTEGER, "Page, 1 = newest", min_value=1, template="page {}")),
            usage="/history hip thrust",
            personal=True,
            free_text=True,
        )
    )
    add(
        Command(
            "progress",
            "Chart of your top set and estimated 1RM, plus PRs",
            logbook.progress,
            (Param("exercise", Kind.EXERCISE, "Exercise name, e.g. hip thrust", required=True),),
            usage="/progress hip thrust",
            personal=True,
            slow=True,
        )
    )
    add(
        Command(
            "undo",
            "Take back your last change, newest first: a /log, /edit or /delete (not an import)",
            logbook.undo,
            personal=True,
            writes=True,
        )
    )
    # Button-only commands are hidden: the dispatcher refuses them typed, and their ``usage`` names
    # the command that offers the button (for "send /deleteme to start again"), or what to send once
    # it is gone (an expired Put it back: log the sets again). Each acts on one entry as it was shown.
    for name, description, handler, usage, writes in (
        ("undo_entry", "Remove the entry this button belongs to", logbook.undo_entry, "/undo", True),
        ("undo_putback", "Put back the entry /undo removed", logbook.undo_putback, "/log", True),
        ("delete_confirm", "Remove the entry /delete asked about", logbook.delete_confirm, "/delete", True),
        ("delete_cancel", "Keep the entry /delete asked about", logbook.delete_cancel, "/delete", False),
    ):
        add(
            Command(
                name,
                description,
                handler,
                (Param("entry", Kind.INTEGER, "Entry id", required=True, min_value=1), SHOWN),
                usage=usage,
                personal=True,
                hidden=True,
                writes=writes,
            )
        )
    add(
        Command(
            "log_start",
            "Log the exercise this button is under",
            explain.log_start,
            (Param("exercise", Kind.TEXT, "Exercise id", required=True),),
            usage="/explain hip thrust",
            personal=True,
            hidden=True,
            free_text=True,
        )
    )
    add(Command("export", "Download all your sets as CSV", logbook.export, personal=True, slow=True))
    add(
        Command(
            "import",
            "Bring your history from Strong, Hevy or a /export (CSV file)",
            importer.import_,
            (Param("file", Kind.ATTACHMENT, "The CSV export (console: its path)"),),
            usage="/import (with the CSV file attached)",
            personal=True,
            slow=True,
            free_text=True,
        )
    )
    # Buttons under the import's preview: the token names the import they belong to.
    token = Param("token", Kind.TEXT, "Import token", required=True, max_length=16)
    index = Param("index", Kind.INTEGER, "Name number", required=True, min_value=0, max_value=10_000)
    for name, description, handler, params, writes in (
        (
            "import_unit",
            "Say the unit of an import's loads",
            importer.import_unit,
            (token, Param("unit", Kind.CHOICE, "kg or lb", True, choices=UNITS)),
            False,
        ),
        ("import_change", "Change how an imported name maps", importer.import_change, (token,), False),
        (
            "import_pick",
            "Pick the exercise for an imported name",
            importer.import_pick,
            (token, index),
            False,
        ),
        (
            "import_set",
            "Map an imported name",
            importer.import_set,
            (token, index, Param("choice", Kind.TEXT, "Exercise id, custom or skip", True, max_length=40)),
            False,
        ),
        (
            "import_apply",
            "Store an import",
            importer.import_apply,
            # "update": put the file's sets in place of entries the log holds with other sets
            (
                token,
                Param("changed", Kind.CHOICE, "keep or update", False, choices=("keep", importer.UPDATE)),
            ),
            True,
        ),
        ("import_cancel", "Cancel an import", importer.import_cancel, (token,), False),
    ):
        add(
            Command(
                name,
                description,
                handler,
                params,
                usage="/import",
                personal=True,
                hidden=True,
                slow=name == "import_apply",
                writes=writes,
            )
        )
    add(
        Command("deleteme", "Delete all your data (asks first)", account.deleteme, personal=True, writes=True)
    )
    add(
        Command(
            "deleteme_confirm",
            "Confirm deleting all your data",
            account.deleteme_confirm,
            (Param("shown", Kind.TEXT, "Your data as the question listed it", max_length=16),),
            usage="/deleteme",
            personal=True,
            hidden=True,
            writes=True,
        )
    )
    add(
        Command(
            "deleteme_cancel",
            "Keep your data",
            account.deleteme_cancel,
            usage="/deleteme",
            personal=True,
            hidden=True,
        )
    )
    # Equipment: loads you can put on the bar
    add(
        Command(
            "equipment",
            "Your bar, plates, dumbbells, kettlebells and bands",
            kit.equipment,
            (
                Param(
                    "part",
                    Kind.CHOICE,
                    "What to change (leave out to see your set-up)",
                    choices=("preset", "bar", "plates", "dumbbells", "kettlebells", "bands", "reset"),
                ),
                Param("values", Kind.TEXT, "e.g. 15 for a bar, 20 10 5 2.5 for plates, home dumbbells"),
            ),
            usage="/equipment plates 20 10 5 2.5 1.25",
            personal=True,
            free_text=True,
            writes=True,
            check=kit.equipment_check,  # the set-up shown and a refused value spend no write budget
        )
    )
    add(
        Command(
            "plates",
            "The plates per side for a barbell load",
            kit.plates,
            (
                Param(
                    "load",
                    Kind.NUMBER,
                    "The load, bar included, e.g. 102.5",
                    True,
                    min_value=0,
                    max_value=1000,
                ),
                Param("unit", Kind.CHOICE, "kg or lb (default: your equipment's)", choices=UNITS),
            ),
            usage="/plates 102.5",
            personal=True,
            free_text=True,
        )
    )
    add(
        Command(
            "warmup",
            "A warm-up ramp to your working load, with plates",
            kit.warmup,
            (
                Param("exercise", Kind.EXERCISE, "Exercise name (leave out: today's main lift)"),
                Param(
                    "load",
                    Kind.NUMBER,
                    "Working load (leave out: your next target)",
                    min_value=0,
                    max_value=1000,
                ),
                Param("unit", Kind.CHOICE, "kg or lb (default: your equipment's)", choices=UNITS),
            ),
            usage="/warmup hip thrust 100",
            personal=True,
            free_text=True,
        )
    )
    # Remind
    add(
        Command(
            "remind",
            "Reminders, activation then lift: weekly, or one day (tomorrow 6:30pm); edit <id>; list",
            remind.remind,
            (
                Param(
                    "days",
                    Kind.TEXT,
                    "mon,wed,fri / weekdays / daily, or one day: tomorrow / fri once",
                    required=True,
                ),
                Param("time", Kind.TEXT, "Local time, e.g. 18:00 or 6:30pm", required=True),
                Param(
                    "gap",
                    Kind.INTEGER,
                    "Minutes from activation to lift (1-180, default 10)",
                    template="gap {}m",
                    min_value=1,
                    max_value=180,
                ),
            ),
            usage="/remind mon,wed,fri 18:00 gap 15m",
            personal=True,
            free_text=True,
            writes=True,
            check=remind.remind_check,
        )
    )
    add(Command("reminders", "Your reminder schedules and when they fire next", remind.list_, personal=True))
    add(
        Command(
            "remind_edit",
            "Change a reminder's days, time or gap",
            remind.remind_edit,
            (
                Param("id", Kind.INTEGER, "The reminder number from /reminders", required=True, min_value=1),
                Param("changes", Kind.TEXT, "New days, time and/or gap, e.g. gap 1h30", required=True),
            ),
            usage="/remind_edit 1 gap 1h30",
            personal=True,
            free_text=True,
            writes=True,
            check=remind.remind_edit_check,
        )
    )
    add(
        Command(
            "remind_replace",
            "Replace an overlapping reminder with the new one",
            remind.remind_replace,
            (Param("spec", Kind.TEXT, "Reminder number, then the new schedule", required=True),),
            usage="/remind",
            personal=True,
            hidden=True,
            free_text=True,
            writes=True,
        )
    )
    add(
        Command(
            "unremind",
            "Remove a reminder schedule by number, or all",
            remind.unremind,
            (
                Param(
                    "id",
                    Kind.TEXT,
                    "The schedule number from /reminders, or all",
                    required=True,
                    max_length=12,
                ),
            ),
            usage="/unremind 1",
            personal=True,
            writes=True,
            check=remind.unremind_check,
        )
    )
    for name, description, handler in (
        ("unremind_all_confirm", "Remove every reminder schedule", remind.unremind_all_confirm),
        ("unremind_all_cancel", "Keep your reminder schedules", remind.unremind_all_cancel),
    ):
        add(
            Command(
                name,
                description,
                handler,
                (Param("ids", Kind.TEXT, "The schedule numbers shown"),),
                usage="/unremind all",
                personal=True,
                hidden=True,
                free_text=True,
                writes=name == "unremind_all_confirm",
            )
        )
    add(
        Command(
            "lift_now",
            "Activation done: send the lift now",
            remind.lift_now,
            (
                Param("schedule", Kind.INTEGER, "Schedule number", required=True),
                Param("occurrence", Kind.TEXT, "Occurrence date", required=True),
            ),
            usage="/reminders",
            personal=True,
            hidden=True,
        )
    )
    # In the gym: rest timer, session summary, weekly goal and recap (handlers/session.py)
    add(
        Command(
            "rest",
            "Rest timer: 90s, 2m or 2:30; stop",
            session.rest,
            (Param("duration", Kind.TEXT, "90s, 2m, 2:30, or stop", max_length=12),),
            usage="/rest 2:00",
            personal=True,
            free_text=True,
            writes=True,
        )
    )
    add(
        Command("done", "Close today's session and get its summary", session.done, personal=True, writes=True)
    )
    add(
        Command(
            "goal",
            "Your weekly goal: sessions per week",
            session.goal,
            (Param("sessions", Kind.TEXT, "Sessions per week, 1-7, or off", max_length=4),),
            usage="/goal 3",
            personal=True,
            free_text=True,
            writes=True,
            check=session.goal_check,  # a goal refused spends no write budget
        )
    )
    add(
        Command(
            "recap",
            "Your last 7 days now; recap on [day time] weekly, or off",
            session.recap_cmd,
            (Param("when", Kind.TEXT, "on, on sun 18:00, or off", max_length=30),),
            usage="/recap on sun 18:00",
            personal=True,
            free_text=True,
            writes=True,
        )
    )
    add(
        Command(
            "recap_chart",
            "Hard glute sets per week, last 8 weeks",
            session.recap_chart,
            usage="/recap",
            personal=True,
            hidden=True,
            slow=True,
        )
    )
    add(
        Command(
            "nudges",
            "Nudges when behind your weekly goal: on or off",
            session.nudges,
            (Param("state", Kind.CHOICE, "on or off", choices=("on", "off")),),
            usage="/nudges off",
            personal=True,
            writes=True,
        )
    )
    # Settings
    add(
        Command(
            "settings",
            "Everything I send you unprompted, each with a button to switch it off",
            settings.settings,
            personal=True,
        )
    )
    add(
        Command(
            "timezone",
            "Set your timezone: your city, e.g. Mumbai, or CET, UTC+5:30, Europe/Amsterdam",
            account.timezone,
            (Param("zone", Kind.TIMEZONE, "Your city, e.g. Mumbai; or IST, UTC+5:30, Europe/Amsterdam"),),
            usage="/timezone Mumbai",
            personal=True,
            writes=True,
            check=account.timezone_check,  # the zone shown, asked about or refused spends no write budget
        )
    )
    add(
        Command(
            "units",
            "Set kg or lb",
            account.units,
            (Param("unit", Kind.CHOICE, "kg or lb", choices=UNITS),),
            usage="/units kg",
            personal=True,
            writes=True,
        )
    )
    add(
        Command(
            "units_choose",
            "Answer which unit you log in, asked under a set-up in the other unit",
            account.units_choose,
            (Param("answer", Kind.TEXT, "The unit and the question's mark", max_length=32),),
            usage="/units",
            personal=True,
            hidden=True,
            writes=True,
        )
    )
    add(
        Command(
            "level",
            "Set your level: beginner, intermediate or advanced",
            account.level,
            (Param("level", Kind.CHOICE, "beginner, intermediate or advanced", choices=LEVELS),),
            usage="/level beginner",
            personal=True,
            writes=True,
        )
    )
    add(
        Command(
            "level_up",
            "Raise one movement family to the next level",
            account.level_up,
            (
                Param("family", Kind.CHOICE, "Movement family", required=True, choices=tuple(FAMILY_NAMES)),
                Param("level", Kind.CHOICE, "The new level", required=True, choices=LEVELS),
            ),
            usage="/log <exercise> <sets>",
            personal=True,
            hidden=True,
            writes=True,
        )
    )
    # One coach across platforms
    add(
        Command(
            "link",
            "Link this account with your other platform (one-time code)",
            link.link,
            (Param("code", Kind.TEXT, "The code /link gave you on the other platform", max_length=20),),
            usage="/link ABCD-EF23",
            personal=True,
            writes=True,
        )
    )
    add(Command("unlink", "Separate this platform's account again", link.unlink, personal=True, writes=True))
    return r

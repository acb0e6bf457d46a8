"""What every CLI subcommand shares: options, config and login, output, prompts, exit codes."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from app.cli import ExitCode
from app.config import TerminalConfig, default_config_path, load_config
from app.errors import (
    Cancelled,
    CardReadError,
    ConfigError,
    InputError,
    LoginExpiredError,
    LoginFailedError,
    PlatformRefusedError,
    PlatformServerError,
    PlatformUnreachableError,
    TerminalError,
    WrongCardError,
    new_incident_id,
)
from app.reader.errors import ReaderError
from app.services.base import Progress
from app.services.words import Words
from ota import wording

log = logging.getLogger(__name__)

ENV_OPERATOR = "HALLTERM_OPERATOR"
ENV_PASSWORD = "HALLTERM_PASSWORD"

_EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (Cancelled, ExitCode.CANCELLED),
    (KeyboardInterrupt, ExitCode.CANCELLED),
    (ConfigError, ExitCode.USAGE),
    (InputError, ExitCode.USAGE),
    (ReaderError, ExitCode.NO_CARD),
    (CardReadError, ExitCode.NO_CARD),
    (WrongCardError, ExitCode.NO_CARD),
    (PlatformUnreachableError, ExitCode.PLATFORM),
    (LoginFailedError, ExitCode.PLATFORM),
    (LoginExpiredError, ExitCode.PLATFORM),
    (PlatformRefusedError, ExitCode.FAILED),
    (PlatformServerError, ExitCode.FAILED),
    (TerminalError, ExitCode.FAILED),
)


def exit_code_for(exc: BaseException) -> int:
    for kind, code in _EXIT_CODES:
        if isinstance(exc, kind):
            return code
    return ExitCode.FAILED


def add_output_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON on stdout")


def add_config_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help=f"configuration file (default: {default_config_path()})")
    parser.add_argument("--demo", action="store_true", help="use the demo started by `hallterm demo --headless`")
    parser.add_argument("--data-dir", type=Path, help="the demo's data folder (with --demo)")
    parser.add_argument("--reader", help="reader to use (part of its name)")


def add_login_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--operator", default=os.environ.get(ENV_OPERATOR), help=f"operator (or ${ENV_OPERATOR})")
    parser.add_argument("--password-stdin", action="store_true",
                        help=f"read the password from stdin (else ${ENV_PASSWORD}, else a prompt)")
    # Refused with a clear message: a password in argv shows in `ps` and the shell history.
    parser.add_argument("--password", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--yes", action="store_true", help="answer prompts with yes (unattended runs)")


def config_from(args: argparse.Namespace) -> tuple[TerminalConfig, Path]:
    """The config the options name: --config, the demo's, or the user's."""
    if getattr(args, "config", None):
        return load_config(args.config, missing_ok=False), args.config
    if getattr(args, "demo", False):
        from app.demo import demo_config_path

        path = demo_config_path(args.data_dir)
        if not path.exists():
            raise ConfigError(str(path), None, "no demo here; start one with `hallterm demo --headless`")
        return load_config(path, missing_ok=False), path
    path = default_config_path()
    return load_config(path), path


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    """--operator/--password, else the environment; with --demo the first demo clerk."""
    if getattr(args, "password", None):
        raise InputError("a password is never given on the command line (it would show in `ps` and the "
                         f"shell history): type it at the prompt, or use --password-stdin or ${ENV_PASSWORD}",
                         {"field": "password"})
    operator = args.operator or os.environ.get(ENV_OPERATOR)
    password = os.environ.get(ENV_PASSWORD)
    if not password and getattr(args, "password_stdin", False):
        password = sys.stdin.readline().rstrip("\r\n") or None
    if (not operator or not password) and getattr(args, "demo", False):
        from app.demo import demo_info

        info = demo_info(args.data_dir) or {}
        known = {o["name"]: o["password"] for o in info.get("operators", [])}
        operator = operator or "clerk1"
        password = password or known.get(operator)
    if operator and not password and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(f"password for {operator}: ") or None
    if not operator or not password:
        raise InputError(f"give --operator and the password at the prompt (or --password-stdin, "
                         f"${ENV_OPERATOR} / ${ENV_PASSWORD})", {"field": "operator"})
    return operator, password


def emit(args: argparse.Namespace, data: dict[str, Any], human: Callable[[TextIO], None]) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        human(sys.stdout)


def fail(args: argparse.Namespace, exc: BaseException) -> int:
    """Print an error the way the clerk (or the script) can use it; return the exit code."""
    code = exit_code_for(exc)
    error: dict[str, Any] = {"code": getattr(exc, "code", "internal"), "message": str(exc)}
    language = wording.language(getattr(args, "lang", None))
    if isinstance(exc, PlatformRefusedError):
        error.update(params=exc.params, message=wording.error_text(exc.code, exc.params, language))
    elif isinstance(exc, TerminalError | ReaderError) and wording.words(exc.code) is not None:
        # The terminal's own error in words like any other; its detail says what exactly to fix.
        error.update(message=wording.error_text(exc.code, getattr(exc, "params", None), language), detail=str(exc))
    if isinstance(exc, PlatformServerError) and exc.incident:
        error["incident"] = exc.incident
    if not isinstance(exc, TerminalError | ReaderError | Cancelled | KeyboardInterrupt):
        error["incident"] = new_incident_id()
        log.error("unexpected error, incident %s", error["incident"], exc_info=exc)
        if not isinstance(getattr(exc, "code", None), str):  # the generic words; the log has the rest
            error["message"] = wording.error_text(None, None, language)
    if getattr(args, "json", False):
        json.dump({"ok": False, "error": error}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    text = say(language, "console.run.cancelled") if code == ExitCode.CANCELLED else (
        f"[{error['code']}] {error['message']}")
    if "incident" in error:
        text += f" ({error['incident']})"
    if error.get("detail") and code != ExitCode.CANCELLED:
        text += f"\n  {error['detail']}"
    print(text, file=sys.stderr)
    return code


def guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a subcommand, turning every error into a message and an exit code."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the edge of the program
            return fail(args, exc)

    run.__name__ = handler.__name__
    return run


def say(language: str, code: str, **params: object) -> str:
    """A console line's words (CoreWords ``console.*``, or any code) in ``language``; a value
    not known is a dash."""
    return wording.error_text(code, {k: "-" if v is None else v for k, v in params.items()}, language)


# A run's state as the console words it: the journal's (running = never finished here) and the
# platform's operation states (running = still open there).
RUN_STATES = {"journal.running": "console.run.interrupted", "done": "console.run.done",
              "failed": "console.run.failed", "cancelled": "console.run.cancelled",
              "running": "console.run.open", "need_card": "console.run.open", "queued": "console.run.queued",
              "waiting": "console.run.queued"}


def state_words(state: str, language: str) -> str:
    code = RUN_STATES.get(state)
    return say(language, code) if code else state


class LineProgress:
    """Progress on stderr: a line when a stage starts, when a step's script has run, and for a
    LOAD every tenth of the blocks, so a log shows what happened without one line per APDU."""

    def __init__(self, stream: TextIO | None = None, language: str = "en") -> None:
        self.stream = stream or sys.stderr
        self.language = language
        self._last: tuple[str, int] = ("", -1)

    def __call__(self, p: Progress) -> None:
        tenth = (10 * p.done // p.total) if p.total else 0
        finished = p.total > 0 and p.done == p.total
        new_stage = p.stage != self._last[0]
        if p.stage == "apdu":
            wanted = finished  # a script's APDUs: one line when the step is through
        else:
            wanted = new_stage or finished or (p.stage == "load" and tenth != self._last[1])
        self._last = (p.stage, tenth)
        if wanted:
            print(f"[{p.stage}] {p.done}/{p.total} {wording.say(p.words, self.language)}", file=self.stream, flush=True)


class ConsolePrompt:
    """Asks on the terminal; ``--yes`` answers yes, and without a terminal it answers no."""

    def __init__(self, assume_yes: bool = False, language: str = "en", stdin: TextIO | None = None) -> None:
        self.assume_yes = assume_yes
        self.language = language
        self.stdin = stdin or sys.stdin

    def _ask(self, text: str) -> bool:
        print(text, file=sys.stderr, flush=True)
        if self.assume_yes:
            return True
        line = self.stdin.readline()
        if not line:
            return False  # stdin closed: nobody to ask
        return line.strip().lower() not in ("n", "no", "q", "c", "cancel")

    def ask_for_card(self, role: str, words: Words) -> bool:
        return self._ask(f"{wording.say(words, self.language)} {wording.say(Words('console.ask.card'), self.language)}")

    def confirm(self, words: Words) -> bool:
        return self._ask(f"{wording.say(words, self.language)} {wording.say(Words('console.ask.confirm'), self.language)}")

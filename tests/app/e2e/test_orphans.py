"""No stranded phones (issue 9, item 9): the terminal dies mid-download, then resumes or releases
its own operation, through the service and through the ``hallterm`` command."""

from __future__ import annotations

import pytest

from app.cli import ExitCode
from app.demo import DemoEnvironment
from app.journal import RUNNING
from app.services import orphans
from app.services.base import Progress
from app.services.download import download
from app.services.query import query
from app.terminal import Terminal
from ota.platform.demo import DEMO_SEIDS
from tests.app.e2e.conftest import MSISDN, Cli


class Crash(BaseException):
    """The terminal process dying: nothing in the runner catches it, the journal row stays open."""


def _crash_mid_load(terminal: Terminal) -> str:
    def progress(p: Progress) -> None:
        if p.stage == "load" and p.done == 1:
            raise Crash

    with pytest.raises(Crash):
        download(terminal.context(on_progress=progress), None, "JCMemory", msisdn=MSISDN)
    [orphan] = orphans.unfinished(terminal.context())
    assert orphan.view.kind.value == "download" and orphan.view.state.value == "running"
    assert orphan.entry.state == RUNNING and orphan.entry.operation_id == orphan.view.id
    return orphan.view.id


def _states(terminal: Terminal) -> dict[str, str]:
    return {a.name: a.state for a in query(terminal.context(), None).apps}


def test_resume_takes_the_own_lease_over_and_finishes(terminal: Terminal) -> None:
    old = _crash_mid_load(terminal)
    outcome = orphans.resume(terminal.context(), old, None)
    assert outcome.ok, outcome.error
    assert terminal.client.get(old).error.code == "operation.taken_over"
    assert orphans.unfinished(terminal.context()) == []
    assert _states(terminal) == {"JCMemory": "Usable"}


def test_release_frees_the_phone(terminal: Terminal) -> None:
    old = _crash_mid_load(terminal)
    view = orphans.release(terminal.context(), old)
    assert view.state.value == "cancelled"
    assert orphans.unfinished(terminal.context()) == []
    assert not [o for o in terminal.client.list_operations(seid=DEMO_SEIDS[0]) if o.state.value == "running"]


def test_cli_lists_and_releases(demo: DemoEnvironment, terminal: Terminal, cli: Cli) -> None:
    old = _crash_mid_load(terminal)
    rc, listed, _ = cli("orphans")
    assert rc == ExitCode.OK and [o["operation_id"] for o in listed["orphans"]] == [old]
    rc, released, _ = cli("release", listed["orphans"][0]["journal_id"])
    assert rc == ExitCode.OK and released["state"] == "cancelled"
    assert cli("orphans")[1]["orphans"] == []

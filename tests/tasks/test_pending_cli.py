"""``hallterm pending [--run]`` on the demo: the counter lists an SE's pending task work and runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.demo import DemoEnvironment
from ota.platform.auth import Principal
from ota.platform.db import session_factory
from ota.platform.demo import DEMO_SEIDS
from ota.platform.tasks.schemas import CreateTask
from ota.platform.tasks.service import TaskService
from ota.protocol import Role, TerminalKind


def test_pending_list_and_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = DemoEnvironment(tmp_path / "demo", use_pcsc=False).start()
    try:
        who = Principal(0, "admin", Role.ADMIN, "GD-GZ", "demo", TerminalKind.LAPTOP)
        TaskService(session_factory(env._engine)).create(who, CreateTask.model_validate({
            "name": "install", "schedule": "delayed", "delay_s": 3600,
            "operations": [{"kind": "download", "params": {"app_id": "JCMemory"}}],
            "target": {"type": "seids", "seids": [DEMO_SEIDS[0]]}}))
        common = ["--demo", "--data-dir", str(env.data_dir), "--operator", "clerk1",
                  "--json", "--reader", "00 00"]
        capsys.readouterr()
        assert main(["pending", *common]) == 0
        listed = json.loads(capsys.readouterr().out)
        assert listed["seid"] == DEMO_SEIDS[0] and [w["kinds"] for w in listed["pending"]] == [["download"]]
        assert main(["pending", *common[:-3], "--reader", "00 00", "--lang", "zh_CN"]) == 0  # as a clerk reads it
        said = capsys.readouterr().out.splitlines()
        assert said[0] == f"SE {DEMO_SEIDS[0]}：1 项待办任务" and said[1].startswith("  install：应用下载（")
        assert main(["pending", "--run", *common]) == 0
        run = json.loads(capsys.readouterr().out)
        assert run["state"] == "done" and run["operations"] == ["download:done"]
        assert main(["pending", *common]) == 0
        assert json.loads(capsys.readouterr().out)["pending"] == []
    finally:
        env.stop()

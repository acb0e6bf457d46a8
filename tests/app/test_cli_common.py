from __future__ import annotations

import argparse
import io
import json
import re

import pytest

from app.cli import ExitCode, main
from app.commands.common import ConsolePrompt, LineProgress, credentials, exit_code_for, fail
from app.commands.service_commands import _params
from app.errors import (
    Cancelled,
    ConfigError,
    InputError,
    LoginExpiredError,
    PlatformRefusedError,
    PlatformServerError,
    PlatformUnreachableError,
    WrongCardError,
)
from app.reader.errors import NoReaderError
from app.services.base import Progress
from app.services.words import DONE, READING_CARD, Words, loading, script_step
from ota import wording


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (Cancelled("x"), ExitCode.CANCELLED),
        (ConfigError("f.json", "language", "bad"), ExitCode.USAGE),
        (InputError("x"), ExitCode.USAGE),
        (NoReaderError("x"), ExitCode.NO_CARD),
        (WrongCardError("x"), ExitCode.NO_CARD),
        (PlatformUnreachableError("x"), ExitCode.PLATFORM),
        (LoginExpiredError("x"), ExitCode.PLATFORM),
        (PlatformRefusedError("se_busy", {"kind": "lock"}), ExitCode.FAILED),
        (PlatformServerError("x", "INC-1"), ExitCode.FAILED),
        (ValueError("surprise"), ExitCode.FAILED),
    ],
)
def test_exit_codes(exc: BaseException, code: int) -> None:
    assert exit_code_for(exc) == code


def test_fail_prints_json_with_incident_for_unknown_errors(capsys: pytest.CaptureFixture[str]) -> None:
    rc = fail(argparse.Namespace(json=True), KeyError("boom"))
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert rc == ExitCode.FAILED and data["error"]["incident"].startswith("T-")
    assert data["error"]["incident"] in err and "boom" not in err  # the generic words; the log has the rest


def test_fail_words_a_refusal_from_the_ts_files(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    """The console prints zh words with the parameters filled (kind -> 锁定), read from the .ts."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    fail(argparse.Namespace(json=True), PlatformRefusedError("se_busy", {"kind": "lock"}))
    data = json.loads(capsys.readouterr().out)
    assert data["error"] == {"code": "se_busy", "params": {"kind": "lock"},
                             "message": "这部手机正在办理另一项业务（锁定），请稍后再试。"}
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    fail(argparse.Namespace(json=False), PlatformRefusedError("se_busy", {"kind": "lock"}))
    assert "busy with another service (lock)" in capsys.readouterr().err


def test_line_progress_prints_each_tenth_once() -> None:
    out = io.StringIO()
    progress = LineProgress(out)
    for i in range(101):
        progress(Progress("load", i, 100, loading(i, 100)))
    lines = out.getvalue().splitlines()
    assert len(lines) == 11 and lines[-1] == "[load] 100/100 Loading block 100 of 100"


def test_console_prompt_reads_answers() -> None:
    assert ConsolePrompt(stdin=io.StringIO("\n")).ask_for_card("target", Words("prompt.place_target"))
    assert not ConsolePrompt(stdin=io.StringIO("n\n")).confirm(Words("queue.previous_waiting"))
    assert not ConsolePrompt(stdin=io.StringIO("")).ask_for_card("target", Words("prompt.place_target"))
    assert ConsolePrompt(assume_yes=True, stdin=io.StringIO("")).confirm(Words("queue.previous_waiting"))


def test_console_prompt_says_how_to_answer_in_the_clerks_language(capsys: pytest.CaptureFixture[str]) -> None:
    ConsolePrompt(language="zh_CN", stdin=io.StringIO("\n")).ask_for_card("target", Words("prompt.place_target"))
    ConsolePrompt(language="zh_CN", stdin=io.StringIO("\n")).confirm(Words("queue.previous_waiting"))
    asked = capsys.readouterr().err
    assert "[回车继续 / 输入 n 取消]" in asked and "[回车或输入 y 确认办理 / 输入 n 取消]" in asked
    assert "Enter" not in asked and "Y/n" not in asked


def test_params_parse_and_reject() -> None:
    assert _params(argparse.Namespace(param=["a=1", "name=Zhang San"])) == {"a": "1", "name": "Zhang San"}
    with pytest.raises(InputError):
        _params(argparse.Namespace(param=["novalue"]))


def test_credentials_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALLTERM_OPERATOR", "clerk9")
    monkeypatch.setenv("HALLTERM_PASSWORD", "pw")
    assert credentials(argparse.Namespace(operator=None, password=None, demo=False)) == ("clerk9", "pw")
    monkeypatch.delenv("HALLTERM_PASSWORD")
    with pytest.raises(InputError):
        credentials(argparse.Namespace(operator=None, password=None, demo=False))


def test_missing_credentials_exit_usage(tmp_path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("HALLTERM_OPERATOR", raising=False)
    monkeypatch.delenv("HALLTERM_PASSWORD", raising=False)
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"platform_url": "https://127.0.0.1:9"}))
    assert main(["lock", "X", "--config", str(config)]) == ExitCode.USAGE
    assert "--operator" in capsys.readouterr().err


def test_demo_without_a_demo_is_a_config_error(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["query", "--demo", "--data-dir", str(tmp_path / "none")]) == ExitCode.USAGE
    assert "hallterm demo --headless" in capsys.readouterr().err


def test_line_progress_prints_a_script_once_it_has_run() -> None:
    out = io.StringIO()
    progress = LineProgress(out)
    progress(Progress("card", 0, 1, READING_CARD))
    for i in range(17):
        progress(Progress("apdu", i, 16, script_step(2, i, 16)))
    progress(Progress("done", 1, 1, DONE))
    assert out.getvalue().splitlines() == ["[card] 0/1 Reading the phone", "[apdu] 16/16 Step 2: 16 of 16 commands",
                                          "[done] 1/1 Done"]


def test_fail_words_the_terminals_own_errors_and_keeps_the_detail(capsys: pytest.CaptureFixture[str]) -> None:
    """A typed terminal error is worded from its code like a refusal; the detail says what to fix."""
    fail(argparse.Namespace(json=True, lang="zh_CN"), InputError("the IMSI must be 6 to 15 digits", {"field": "imsi"}))
    out, err = capsys.readouterr()
    error = json.loads(out)["error"]
    assert error["code"] == "input.invalid" and error["message"] == wording.error_text("input.invalid", None, "zh_CN")
    assert error["detail"] == "the IMSI must be 6 to 15 digits"
    assert err.splitlines() == [f"[input.invalid] {error['message']}", "  the IMSI must be 6 to 15 digits"]


def _lock_outcome(ok: bool = True):  # noqa: ANN202
    from datetime import UTC, datetime

    from app.services.base import Receipt, ReceiptLine, ServiceOutcome
    from app.services.result_summary import from_platform
    from app.services.words import service_title

    now = datetime(2026, 12, 2, 8, 30, tzinfo=UTC)
    receipt = Receipt(service_title("lock"), "op-1", "lock", "clerk1", "T-0001", "8686", "13800138000", "smartpgp",
                      now, now, ok, [ReceiptLine("app", "SmartPGP"), ReceiptLine("state", "Locked")])
    return ServiceOutcome("lock", ok, "8686", "13800138000", from_platform("lock", ok, {}), receipt, 1.25, "op-1",
                          None if ok else "se_lost", None if ok else Words("se_lost"))


def test_the_console_prints_a_result_in_the_clerks_words() -> None:
    from app.commands.service_commands import print_result

    out = io.StringIO()
    print_result(out, _lock_outcome(), _lock_outcome(), "zh_CN")
    text = out.getvalue()
    assert text.startswith("应用锁定: 完成\n") and "应用状态  已锁定" in text and "业务编号 op-1，用时 1.2 秒" in text
    assert not re.search(r"\b(Application|State|operation|OK)\b", text)
    out = io.StringIO()
    failed = _lock_outcome(ok=False)
    print_result(out, failed, failed, "en")
    text = out.getvalue()
    assert text.startswith("Application lock: Not completed\n") and "Application state  locked" in text
    assert f"[se_lost] {wording.error_text('se_lost', None, 'en')}" in text


def test_the_console_prints_a_query_in_the_clerks_words() -> None:
    from app.commands.service_commands import print_result
    from app.services.query import AppView, QueryReport, SpaceView

    outcome = _lock_outcome()
    report = QueryReport("8686", "3B00", None, "GZ-2026", "13800138000",
                         apps=[AppView("A000000001", "SmartPGP", "Personalized", needs_activation=True)],
                         security_domains=[{"aid": "A000000151000000", "life_cycle": "SECURED"}],
                         space=SpaceView(200_000, 118_000, 82_000, None), outcome=outcome)
    out = io.StringIO()
    print_result(out, report, outcome, "zh_CN")
    text = out.getvalue()
    assert "批次 GZ-2026" in text and "实测可用 118000 字节，记录可用 - 字节" in text
    assert "AID A000000001" in text and "已个人化  待激活" in text and "安全域 A000000151000000，生命周期 SECURED" in text
    empty = QueryReport("8686", "3B00", None, None, None, outcome=outcome)
    out = io.StringIO()
    print_result(out, empty, outcome, "en")
    assert "No applications on this phone" in out.getvalue()


def test_the_console_end_of_day_list_is_in_the_clerks_words(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.journal import DONE, Journal

    journal = Journal(tmp_path / "j.sqlite")
    journal.finish(journal.begin("clerk1", "T-0001", "lock", app_id="smartpgp"), DONE, True, seid="8686")
    journal.begin("clerk1", "T-0001", "download", app_id="wallet")  # never finished: interrupted
    journal.close()
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"platform_url": "https://127.0.0.1:9", "journal_path": str(tmp_path / "j.sqlite")}))
    assert main(["journal", "--config", str(config), "--lang", "zh_CN"]) == ExitCode.OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("：共 2 项业务")
    assert any("锁定  办理成功  8686" in line for line in lines) and any("应用下载  已中断" in line for line in lines)
    assert main(["journal", "--config", str(config), "--lang", "en"]) == ExitCode.OK
    assert ": 2 services" in capsys.readouterr().out


def test_the_console_reader_list_is_in_the_clerks_words(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"platform_url": "https://127.0.0.1:9", "reader_ignore": ["Counter B"],
                                  "virtual_readers": {"Counter A": str(tmp_path / "a.json"),
                                                      "Counter B": str(tmp_path / "b.json")}}))
    assert main(["readers", "--config", str(config), "--lang", "zh_CN"]) == ExitCode.OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[-1] for line in lines] == ["读卡器上有手机", "（配置中已忽略）"]
    assert main(["readers", "--config", str(config), "--lang", "en"]) == ExitCode.OK
    assert "Phone on the reader  (ignored by the configuration)" in capsys.readouterr().out

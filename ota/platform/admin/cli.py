"""``hallterm platform app|provider|batch|operator|region|param|export|import`` on the platform host.

The commands open the platform's database directly (``--db``, like ``serve``) and act as the
host's administrator through the same service functions, role policy and audit log as
``/api/v1/admin``.  Output is JSON; a refusal prints its code and both messages and exits 1.
Passwords are read from a prompt or ``--password-stdin``, never from the command line.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ota import wording
from ota.platform.policy import CLI_ACTOR

Work = Callable[[Any], Any]


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:  # type: ignore[type-arg]
    """Add the administration commands beside ``serve`` and ``init-demo``."""
    app = _group(commands, "app", "application life cycle (submit, audit, test, publish, archive)")
    p = _cmd(app, "inspect", "print a CAP file's structure (what submit must declare)", _inspect, common, db=False)
    p.add_argument("cap", type=Path)
    p = _cmd(app, "submit", "submit a CAP with its declared structure", _submit, common)
    p.add_argument("--cap", type=Path, action="append", required=True, help="CAP file (repeat for extensions)")
    p.add_argument("--name", required=True)
    p.add_argument("--provider", required=True)
    p.add_argument("--version", required=True, help="the provider's software version, e.g. 1.0")
    p.add_argument("--date", help="YYYYMMDD of the version (default: today)")
    p.add_argument("--title-zh", default="")
    p.add_argument("--title-en", default="")
    p.add_argument("--load-file-aid", action="append", required=True, help="one per --cap, in order")
    p.add_argument("--module", action="append", default=[], help="[N:]AID, a module of the N-th CAP (0)")
    p.add_argument("--main-module", required=True)
    p.add_argument("--instance", action="append", required=True, help="AID[:MODULE] (module: the main one)")
    p.add_argument("--nv", type=int, default=0, help="instance non-volatile bytes")
    p.add_argument("--volatile", type=int, default=0, help="instance volatile bytes")
    p.add_argument("--personalisation", action="store_true")
    p.add_argument("--activation", action="store_true")
    p.add_argument("--deletion-mode", choices=("full", "instance"), default="full")
    p.add_argument("--batch", action="append", default=[], help="supported SE batch (repeat)")
    p.add_argument("--province", help="a provincial application of this province (default: whole network)")
    p = _cmd(app, "companion", "store an app's companion phone app (a package or a URL)", _companion, common)
    p.add_argument("ref", help="application name or id")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--package", type=Path, help="the phone app's package file (APK or other)")
    source.add_argument("--url", help="https:// address where the phone app is published")
    p = _cmd(app, "instance", "set one instance's own personalisation data and label", _instance, common)
    p.add_argument("ref", help="application name or id")
    p.add_argument("aid", help="the instance AID")
    p.add_argument("--perso", type=Path, help="JSON file: the instance's personalisation template")
    p.add_argument("--app-perso", action="store_true", help="drop the instance's own data (it gets the app's)")
    p.add_argument("--label-zh")
    p.add_argument("--label-en")
    p = _cmd(app, "list", "list submitted applications", _app_list, common)
    p.add_argument("--state")
    for verb, helptext, flag in (("audit", "pass (or --reject) the audit", "--reject"),
                                 ("test", "pass (or --fail) the test", "--fail")):
        p = _cmd(app, verb, helptext, _decide, common, verb=verb)
        p.add_argument("ref")
        p.add_argument(flag, dest="negative", action="store_true")
        p.add_argument("--note", default="")
        p.add_argument("--batch", action="append", default=[])
    p = _cmd(app, "publish", "publish to SE batches, optionally to a list of subscribers", _publish, common)
    p.add_argument("ref")
    p.add_argument("--batch", action="append", required=True)
    p.add_argument("--users", type=Path, help="file with one MSISDN per line")
    p = _cmd(app, "archive", "archive: remove from every SE, then close", _archive, common)
    p.add_argument("ref")
    p.add_argument("--notify", action="store_true", help="ask subscribers to delete it instead of a platform task")
    p = _cmd(app, "removals", "the per-SE removals of an archive", _removals, common)
    p.add_argument("ref")
    p = _cmd(app, "consent", "record a subscriber's answer to a removal", _consent, common)
    p.add_argument("removal", type=int)
    p.add_argument("--no", action="store_true", help="the subscriber declined")

    prov = _group(commands, "provider", "application providers")
    p = _cmd(prov, "register", "register a provider (pending approval)", _prov_register, common)
    p.add_argument("name")
    p.add_argument("--kind", choices=("third_party", "china_mobile"), default="third_party")
    p.add_argument("--number", default="")
    p = _cmd(prov, "approve", "approve: SPID and a platform account", _prov_approve, common)
    p.add_argument("name")
    p.add_argument("--account", required=True)
    p.add_argument("--password-stdin", action="store_true")
    p = _cmd(prov, "reject", "reject a pending registration", _prov_reject, common)
    p.add_argument("name")
    p = _cmd(prov, "list", "list providers", _prov_list, common)
    p.add_argument("--state")
    p = _cmd(prov, "blacklist", "blacklist (or --off) a provider", _prov_blacklist, common)
    p.add_argument("name")
    p.add_argument("--off", action="store_true")
    p.add_argument("--reason", default="")
    p = _cmd(prov, "deregister", "deregister a provider whose apps are all archived", _prov_deregister, common)
    p.add_argument("name")

    batch = _group(commands, "batch", "SE batches")
    p = _cmd(batch, "add", "add (or --replace) a batch from a JSON file", _batch_add, common)
    p.add_argument("file", type=Path)
    p.add_argument("--replace", action="store_true")
    _cmd(batch, "list", "list batches", _batch_list, common)
    p = _cmd(batch, "find", "the batch of an SEID", _batch_find, common)
    p.add_argument("seid")

    op = _group(commands, "operator", "operators and their roles")
    p = _cmd(op, "add", "add an operator", _op_add, common)
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("clerk", "technician", "kiosk", "admin", "auditor", "business_admin", "tester"))
    p.add_argument("--region", required=True)
    p.add_argument("--password-stdin", action="store_true")
    p = _cmd(op, "set", "change an operator", _op_set, common)
    p.add_argument("name")
    p.add_argument("--role")
    p.add_argument("--region")
    p.add_argument("--disable", action="store_true")
    p.add_argument("--enable", action="store_true")
    _cmd(op, "list", "list operators, regions, parameters and terminals", _system_list, common)

    region = _group(commands, "region", "regions (province, city, county)")
    p = _cmd(region, "add", "add a region", _region_add, common)
    p.add_argument("code")
    p.add_argument("name_zh")
    p.add_argument("--en", default="")
    p.add_argument("--level", choices=("province", "city", "county"), required=True)
    p.add_argument("--parent")

    param = _group(commands, "param", "platform parameters (e.g. test.msisdns)")
    p = _cmd(param, "set", "set a parameter to a JSON value", _param_set, common)
    p.add_argument("name")
    p.add_argument("value", help='JSON, e.g. \'["13800138001"]\' or 3')
    p.add_argument("--description", default="")
    p = _cmd(param, "delete", "delete a parameter", _param_delete, common)
    p.add_argument("name")

    sub = _group(commands, "subscriber", "subscribers (§5.5)")
    p = _cmd(sub, "add", "register a subscriber's number", _sub_add, common)
    p.add_argument("msisdn")
    p.add_argument("--region", required=True)
    p.add_argument("--imsi")
    for verb, helptext in (("leave", "the number leaves the network; its SEs are released"),
                           ("deregister", "deregister a number whose SEs hold no application")):
        p = _cmd(sub, verb, helptext, _sub_change, common, verb=verb)
        p.add_argument("msisdn")
    p = _cmd(commands, "business-platform", "add a business platform account and its capabilities", _bp_add, common)
    p.add_argument("account")
    p.add_argument("--provider", required=True)
    p.add_argument("--capability", action="append", required=True)
    p.add_argument("--password-stdin", action="store_true")
    _cmd(commands, "expire-activations", "apps never activated in time fall back to Instantiated", _expire, common)

    p = _cmd(commands, "export", "write catalog, batches and providers as one JSON document", _export, common)
    p.add_argument("--out", type=Path, help="file to write (default: standard output)")
    p = _cmd(commands, "import", "load a document written by export", _import, common)
    p.add_argument("file", type=Path)


def _group(commands: argparse._SubParsersAction, name: str, helptext: str) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    parser = commands.add_parser(name, help=helptext)
    return parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


def _cmd(
    group: argparse._SubParsersAction, name: str, helptext: str, func: Callable[..., int],  # type: ignore[type-arg]
    common: Callable[[argparse.ArgumentParser], None], db: bool = True, **defaults: Any,
) -> argparse.ArgumentParser:
    parser = group.add_parser(name, help=helptext)
    if db:
        common(parser)
    parser.set_defaults(func=func, **defaults)
    return parser


def _run(args: argparse.Namespace, action: str, work: Work) -> int:
    """Do ``work`` as the CLI administrator; print its JSON, or the refusal and exit 1."""
    from ota.platform.cli import _database
    from ota.platform.errors import PlatformError
    from ota.platform.policy import perform

    engine, sessions = _database(args)
    try:
        result = perform(sessions, CLI_ACTOR, action, work)
    except PlatformError as e:
        print(f"{e.code}: {wording.error_text(e.code, e.params, wording.language())}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if result is not None:
        print(_json(result))
    return 0


def _json(value: Any) -> str:
    return json.dumps(_worded(value, wording.language()), ensure_ascii=False, indent=2)


# The codes an admin result carries, by model, with the ``ErrorParams`` name that words each:
# the API sends codes only, the console words them here (``state`` -> ``state_words``).
CODE_WORDS: dict[str, dict[str, str]] = {
    "ReleaseView": {"state": "release_state"},
    "ProviderView": {"state": "provider_state"},
    "DomainView": {"space_type": "space_type", "mode": "mode", "deletion_rule": "deletion_rule"},
}


def _worded(value: Any, lang: str) -> Any:
    """``value`` as JSON data, each code of :data:`CODE_WORDS` followed by its words in ``lang``."""
    if isinstance(value, list):
        return [_worded(v, lang) for v in value]
    if not isinstance(value, BaseModel):
        return value
    dumped = value.model_dump(mode="json")
    coded = CODE_WORDS.get(type(value).__name__, {})
    data: dict[str, Any] = {}
    for name, field in dumped.items():
        inner = getattr(value, name, None)
        nested = isinstance(inner, BaseModel) or (isinstance(inner, list) and any(isinstance(i, BaseModel) for i in inner))
        data[name] = _worded(inner, lang) if nested else field
        if name in coded:
            data[f"{name}_words"] = wording.value_words(coded[name], field, lang)
    return data


def _model(cls: type[BaseModel], data: Any) -> Any:
    try:
        return cls.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(str(p) for p in x['loc'])}: {x['msg']}" for x in e.errors())
        print(f"request.invalid: 输入有误 / invalid input: {problems}", file=sys.stderr)
        raise SystemExit(1) from None


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("password: ")


# --- applications ------------------------------------------------------------------------------


def _inspect(args: argparse.Namespace) -> int:
    from ota.gp.cap import CapFile
    from ota.gp.errors import GpError

    try:
        raw = args.cap.read_bytes()
        cap = CapFile.open(raw)
    except (OSError, GpError) as e:
        print(f"release.cap_invalid: CAP 文件无法读取 / cannot read the CAP file: {e}", file=sys.stderr)
        return 1
    print(_json({
        "file": args.cap.name,
        "sha1": hashlib.sha1(raw).hexdigest().upper(),
        "load_file_aid": cap.package_aid.hex().upper(),
        "modules": [a.hex().upper() for a in cap.applet_aids],
        "code_size": cap.code_size,
        "package": cap.package_name,
    }))
    return 0


def _submit(args: argparse.Namespace) -> int:
    from ota.platform.admin import releases
    from ota.platform.admin.schemas import Submission

    if len(args.load_file_aid) != len(args.cap):
        print("request.invalid: 每个 --cap 需要一个 --load-file-aid / one --load-file-aid per --cap", file=sys.stderr)
        return 1
    modules: list[list[str]] = [[] for _ in args.cap]
    for spec in args.module:
        index, _, aid = spec.rpartition(":")
        modules[int(index or 0)].append(aid)
    load_files = []
    for n, path in enumerate(args.cap):
        raw = path.read_bytes()
        load_files.append({
            "file_name": path.name, "content_b64": base64.b64encode(raw).decode(),
            "sha1": hashlib.sha1(raw).hexdigest(), "aid": args.load_file_aid[n], "modules": modules[n],
        })
    instances = []
    for spec in args.instance:
        aid, _, module = spec.partition(":")
        instances.append({"aid": aid, "module": module or args.main_module})
    body = _model(Submission, {
        "name": args.name, "title_zh": args.title_zh, "title_en": args.title_en, "provider": args.provider,
        "version": args.version, "release_date": args.date, "load_files": load_files,
        "main_module": args.main_module, "instances": instances,
        "memory": {"nv": args.nv, "volatile": args.volatile},
        "needs_personalisation": args.personalisation, "needs_activation": args.activation,
        "deletion_mode": args.deletion_mode, "batches": args.batch,
        "scope": "provincial" if args.province else "network", "province": args.province,
    })
    return _run(args, "app.submit", lambda s: releases.submit(s, CLI_ACTOR, body))


def _companion(args: argparse.Namespace) -> int:
    from ota.platform.admin import companion

    if args.package:
        raw = args.package.read_bytes()
        fields = {"file_name": args.package.name, "package_b64": base64.b64encode(raw).decode()}
    else:
        fields = {"url": args.url}
    body = _model(companion.CompanionIn, fields)
    return _run(args, "companion.write", lambda s: companion.store(s, CLI_ACTOR, args.ref, body))


def _instance(args: argparse.Namespace) -> int:
    from ota.platform.admin import instance_perso

    fields: dict[str, Any] = {k: v for k, v in (("label_zh", args.label_zh), ("label_en", args.label_en)) if v is not None}
    if args.perso:
        try:
            fields["perso_template"] = json.loads(args.perso.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"instance.perso_invalid: {args.perso.name}: {type(e).__name__}", file=sys.stderr)
            return 1
    elif args.app_perso:
        fields["perso_template"] = None
    body = _model(instance_perso.InstanceIn, fields)
    return _run(args, "instance.write", lambda s: instance_perso.store(s, CLI_ACTOR, args.ref, args.aid.upper(), body))


def _app_list(args: argparse.Namespace) -> int:
    from ota.platform.admin import releases

    return _run(args, "app.read", lambda s: releases.list_releases(s, CLI_ACTOR, args.state))


def _decide(args: argparse.Namespace) -> int:
    from ota.platform.admin import releases
    from ota.platform.admin.schemas import Decision

    body = _model(Decision, {"approve": not args.negative, "note": args.note, "batches": args.batch})
    step = releases.audit_app if args.verb == "audit" else releases.test_app
    return _run(args, f"app.{args.verb}", lambda s: step(s, CLI_ACTOR, args.ref, body))


def _publish(args: argparse.Namespace) -> int:
    from ota.platform.admin import releases
    from ota.platform.admin.schemas import Publish

    users = [line.strip() for line in args.users.read_text().splitlines() if line.strip()] if args.users else []
    body = _model(Publish, {"batches": args.batch, "users": users})
    return _run(args, "app.publish", lambda s: releases.publish(s, CLI_ACTOR, args.ref, body))


def _archive(args: argparse.Namespace) -> int:
    from ota.platform.admin import archive
    from ota.platform.admin.schemas import Archive

    body = Archive(method="notify" if args.notify else "platform")
    return _run(args, "app.archive", lambda s: archive.start(s, CLI_ACTOR, args.ref, body, archive.RecordOnlySink()))


def _removals(args: argparse.Namespace) -> int:
    from ota.platform.admin import archive

    return _run(args, "app.read", lambda s: archive.list_for(s, args.ref))


def _consent(args: argparse.Namespace) -> int:
    from ota.platform.admin import archive
    from ota.platform.admin.schemas import Consent

    body = Consent(consent=not args.no)
    return _run(args, "removal.manage",
                lambda s: archive.record_consent(s, CLI_ACTOR, args.removal, body, archive.RecordOnlySink()))


# --- providers ---------------------------------------------------------------------------------


def _prov_register(args: argparse.Namespace) -> int:
    from ota.platform.admin import providers

    body = _model(providers.ProviderIn, {"name": args.name, "basic": {"kind": args.kind, "number": args.number}})
    return _run(args, "provider.register", lambda s: providers.register(s, CLI_ACTOR, body))


def _prov_approve(args: argparse.Namespace) -> int:
    from ota.platform.admin import providers

    body = _model(providers.Approval, {"approve": True, "account": args.account, "password": _password(args)})
    return _run(args, "provider.approve", lambda s: providers.approve(s, CLI_ACTOR, args.name, body))


def _prov_reject(args: argparse.Namespace) -> int:
    from ota.platform.admin import providers

    body = providers.Approval(approve=False)
    return _run(args, "provider.approve", lambda s: providers.approve(s, CLI_ACTOR, args.name, body))


def _prov_list(args: argparse.Namespace) -> int:
    from ota.platform.admin import providers

    return _run(args, "provider.read", lambda s: providers.list_providers(s, args.state))


def _prov_blacklist(args: argparse.Namespace) -> int:
    from ota.platform.admin import providers

    body = _model(providers.Blacklist, {"blacklisted": not args.off, "reason": args.reason})
    return _run(args, "provider.blacklist", lambda s: providers.set_blacklisted(s, CLI_ACTOR, args.name, body))


def _prov_deregister(args: argparse.Namespace) -> int:
    from ota.platform.admin import providers

    return _run(args, "provider.deregister", lambda s: providers.deregister(s, CLI_ACTOR, args.name))


# --- batches, operators, regions, parameters ---------------------------------------------------


def _batch_add(args: argparse.Namespace) -> int:
    from ota.platform.admin import batches

    body = _model(batches.BatchIn, json.loads(args.file.read_text()))
    replace = body.name if args.replace else None
    return _run(args, "batch.write", lambda s: batches.save(s, CLI_ACTOR.name, body, replace=replace))


def _batch_list(args: argparse.Namespace) -> int:
    from ota.platform.admin import batches

    return _run(args, "batch.read", batches.list_batches)


def _batch_find(args: argparse.Namespace) -> int:
    from ota.platform.admin import batches

    return _run(args, "batch.read", lambda s: batches.for_seid(s, args.seid))


def _op_add(args: argparse.Namespace) -> int:
    from ota.platform.admin import system

    body = _model(system.OperatorIn, {"name": args.name, "password": _password(args), "role": args.role,
                                      "region": args.region})
    return _run(args, "system.write", lambda s: system.add_operator(s, CLI_ACTOR, body))


def _op_set(args: argparse.Namespace) -> int:
    from ota.platform.admin import system

    active = False if args.disable else True if args.enable else None
    body = _model(system.OperatorChange, {"role": args.role, "region": args.region, "active": active})
    return _run(args, "system.write", lambda s: system.change_operator(s, CLI_ACTOR, args.name, body))


def _system_list(args: argparse.Namespace) -> int:
    from ota.platform.admin import system

    return _run(args, "system.read", lambda s: system.SystemList(
        operators=system.operators(s), regions=system.regions(s), parameters=system.parameters(s),
        terminals=system.terminals(s),
    ))


def _region_add(args: argparse.Namespace) -> int:
    from ota.platform.admin import system

    body = _model(system.RegionIn, {"code": args.code, "name_zh": args.name_zh, "name_en": args.en,
                                    "level": args.level, "parent": args.parent})
    return _run(args, "system.write", lambda s: system.add_region(s, CLI_ACTOR, body))


def _param_set(args: argparse.Namespace) -> int:
    from ota.platform.admin import system

    try:
        value = json.loads(args.value)
    except json.JSONDecodeError:
        value = args.value
    body = system.ParameterIn(value=value, description=args.description)
    return _run(args, "system.write", lambda s: system.set_parameter(s, CLI_ACTOR, args.name, body))


def _param_delete(args: argparse.Namespace) -> int:
    from ota.platform.admin import system

    return _run(args, "system.write", lambda s: system.delete_parameter(s, CLI_ACTOR, args.name))


# --- subscribers and business platforms ------------------------------------------------------------


def _sub_add(args: argparse.Namespace) -> int:
    from ota.platform.admin import subscribers

    body = _model(subscribers.SubscriberIn, {"msisdn": args.msisdn, "region": args.region, "imsi": args.imsi})
    return _run(args, "subscriber.write", lambda s: subscribers.add(s, CLI_ACTOR, body))


def _sub_change(args: argparse.Namespace) -> int:
    from ota.platform.admin import subscribers

    step = subscribers.leave_network if args.verb == "leave" else subscribers.deregister
    return _run(args, "subscriber.write", lambda s: step(s, CLI_ACTOR, args.msisdn))


def _bp_add(args: argparse.Namespace) -> int:
    from ota.platform.admin import subscribers

    body = _model(subscribers.BusinessPlatformIn, {"account": args.account, "password": _password(args),
                                                   "provider": args.provider, "capabilities": args.capability})
    return _run(args, "business.manage", lambda s: subscribers.add_business_platform(s, CLI_ACTOR, body))


def _expire(args: argparse.Namespace) -> int:
    from ota.platform.admin import subscribers

    return _run(args, "activation.expire", lambda s: subscribers.expire_activations(s, CLI_ACTOR))


# --- export / import ---------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    from ota.platform.admin import transfer

    if args.out is None:
        return _run(args, "config.export", lambda s: transfer.export(s, CLI_ACTOR))
    out: Path = args.out

    def write(session: Any) -> None:
        out.write_text(_json(transfer.export(session, CLI_ACTOR)) + "\n", encoding="utf-8")

    return _run(args, "config.export", write)


def _import(args: argparse.Namespace) -> int:
    from ota.platform.admin import transfer

    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        print(f"config.unreadable: 配置文件无法读取 / cannot read the document: {e}", file=sys.stderr)
        return 1
    doc = _model(transfer.ConfigDocument, data)
    return _run(args, "config.import", lambda s: transfer.load(s, CLI_ACTOR, doc))

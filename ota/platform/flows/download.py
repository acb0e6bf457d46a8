"""Application download (seed §5.8.4.1, §5.8.4.6, §5.8.7, §5.8.8): three round trips.

1. SELECT ISD + INITIALIZE UPDATE.
2. EXTERNAL AUTHENTICATE + GET DATA FF21 + GET STATUS 80/40/10: free space and what is on the card.
3. Everything else in one script: the app's security domain when missing (INSTALL [for install]
   of an SSD), DELETE of residues of an earlier failed download, INSTALL [for load] with the
   SHA-1 of the Load File Data Block, every LOAD block (247 bytes of data under C-MAC, 239 under
   C-DECRYPTION, less when the ISD's FCI names a smaller command data field: ``Session.max_data``),
   INSTALL [for install and make selectable] of each instance, personalisation
   (mode 3 through the ISD, then mode 1 pass-through), INSTALL [for extradition] to the app's SD.

Resume (§5.8.7.2): the per-SE state says how far an earlier download got; what GET STATUS shows
confirms it.  Loaded + the load file on the card: no LOAD again.  Instantiated + a selectable
instance: only personalisation.  Anything of the application on the card that the recorded
state does not vouch for is a residue (§5.8.8) and is deleted first.

After script 3 the state reached is recorded even when the card was pulled part-way (the answers
that did come say how far it got), so the next download resumes from there.

One instance (§5.8.4.1, ``params.instance_aid``): a download names a declared instance to install
only that one, with its own personalisation.  On a card that already holds the application
(Instantiated, Personalized, Usable) this adds the instance to the load file already there; the
application's state stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as DbSession

from ota.gp import commands
from ota.gp.apdu import CommandApdu
from ota.gp.cap import CapFile
from ota.gp.constants import AppLifeCycle, Privilege
from ota.gp.errors import GpError
from ota.gp.sw import SW
from ota.gp.token import ReceiptKind
from ota.platform import delegated, sd_attributes
from ota.platform.admin import companion, releases
from ota.platform.flows import instances as instance
from ota.platform.flows import perso
from ota.platform.flows.base import DoneOutcome, FailedOutcome, FlowContext, FlowError, Outcome
from ota.platform.flows.checks import Registration, check_downloadable, find_app, refuse, resolve_se
from ota.platform.flows.content import CardContent, collect, send_free_space, send_status
from ota.platform.flows.load_order import in_load_order
from ota.platform.flows.query import record_content, space_view
from ota.platform.flows.secure import CardFlow, Replies, Session, resume_session, unfinished
from ota.platform.flows.states import get_state, set_state, settle
from ota.platform.models import (
    AppInstance,
    Application,
    AppState,
    LoadFile,
    Module,
    MsisdnBinding,
    SecurityDomain,
    Subscriber,
    Subscription,
)
from ota.protocol import OperationKind

# The Security Domain package GP cards keep in ROM (GPPro's defaults for --domain).
SSD_PACKAGE_AID = bytes.fromhex("A0000001515350")
SSD_MODULE_AID = bytes.fromhex("A000000151535041")
_GONE = (SW.OK, SW.REFERENCED_DATA_NOT_FOUND)
_RESUMABLE = (AppState.READY, AppState.LOADED, AppState.INSTANTIATED)
_ADDABLE = (AppState.INSTANTIATED, AppState.PERSONALIZED, AppState.USABLE)


@dataclass
class Plan:
    """What script 3 does; kept in the checkpoint to read its answers."""

    base: str
    """The state the card's content vouches for before script 3 (resume point)."""
    create_sd: str | None
    residues: list[str]
    load_files: list[str]
    instances: list[str]
    perso: bool
    free_before: int | None
    extradite_to: str | None = None
    tokened: list[str] = field(default_factory=list)
    """Tags of the commands sent with a Delegated Management token (token-mode SD)."""
    receipts: list[list[Any]] = field(default_factory=list)
    """The receipts those commands owe (``delegated.expect``)."""
    adding: bool = False
    """One more instance of an application already on the card: its state does not change."""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def survey(session: Session) -> None:
    """Script 2's reads: free space and the registry."""
    send_free_space(session)
    send_status(session)


def check_start(
    ctx: FlowContext, seid: str, registration: Registration, app: Application, one: str | None = None
) -> AppState:
    check_downloadable(ctx.session, app, registration.batch)
    releases.check_download(ctx.session, app, registration.subscriber)  # life cycle, §5.4.4
    state = get_state(ctx.session, seid, app.id)
    if one is not None:
        instance.declared(ctx.session, app, one)
    if state not in _RESUMABLE and not (one is not None and state in _ADDABLE):
        raise refuse(
            "app.already_installed",
            state=state.value,
            app=app.name,
            params={"state": state.value},
        )
    return state


def _instances(db: DbSession, app: Application) -> list[AppInstance]:
    return list(db.scalars(sa.select(AppInstance).where(AppInstance.application_id == app.id).order_by(AppInstance.instance_aid)))


def _load_files(db: DbSession, app: Application) -> list[LoadFile]:
    return list(db.scalars(sa.select(LoadFile).where(LoadFile.application_id == app.id).order_by(LoadFile.aid)))


def make_plan(
    ctx: FlowContext, seid: str, app: Application, content: CardContent, isd_aid: str, one: str | None = None
) -> Plan:
    """Decide script 3 from the recorded state and the card's content (``one``: that instance only)."""
    db = ctx.session
    recorded = get_state(db, seid, app.id)
    if one is not None and recorded in _ADDABLE:
        return add_instance_plan(db, app, content, isd_aid, recorded, one)
    files = _load_files(db, app)
    instances = [i for i in _instances(db, app) if one is None or i.instance_aid == one]
    on_card = [f.aid for f in files if content.load_file(bytes.fromhex(f.aid))]
    keep_files = recorded in (AppState.LOADED, AppState.INSTANTIATED) and len(on_card) == len(files)
    kept_instances = []
    if keep_files and recorded is AppState.INSTANTIATED:
        for i in instances:
            entry = content.app(bytes.fromhex(i.instance_aid))
            if entry and entry.life_cycle >= AppLifeCycle.SELECTABLE and not entry.life_cycle & 0x80:
                kept_instances.append(i.instance_aid)
    all_kept = bool(instances) and len(kept_instances) == len(instances)
    base = AppState.INSTANTIATED if all_kept else AppState.LOADED if keep_files else AppState.READY
    order = in_load_order(files)
    residues = [] if keep_files else [aid for aid in order[::-1] if aid in on_card]
    for i in instances:
        if i.instance_aid not in kept_instances and content.app(bytes.fromhex(i.instance_aid)):
            if keep_files or not _in_deleted_file(i, residues, db):
                residues.insert(0, i.instance_aid)
    sd = app.sd_aid if app.sd_aid and app.sd_aid != isd_aid else None
    return Plan(
        base=base.value,
        create_sd=sd if sd and not content.is_sd(bytes.fromhex(sd)) else None,
        residues=residues,
        load_files=[] if keep_files else order,
        instances=[] if all_kept else [i.instance_aid for i in instances],
        perso=_needs_perso(db, app, [i.instance_aid for i in instances]),
        free_before=content.free_nvm,
        extradite_to=sd,
    )


def _needs_perso(db: DbSession, app: Application, aids: list[str]) -> bool:
    return app.needs_personalisation and perso.any_needs_commands(app.perso_template, instance.perso_targets(db, app, aids))


def add_instance_plan(
    db: DbSession, app: Application, content: CardContent, isd_aid: str, recorded: AppState, aid: str
) -> Plan:
    """One more instance on the load file the card already holds (§5.8.4.1)."""
    if not all(content.load_file(bytes.fromhex(f.aid)) for f in _load_files(db, app)):
        raise refuse("app.load_file_missing", app=app.name)
    entry = content.app(bytes.fromhex(aid))
    if entry is not None and entry.life_cycle >= AppLifeCycle.SELECTABLE:
        raise refuse("app.instance_present", app=app.name, instance_aid=aid)
    sd = app.sd_aid if app.sd_aid and app.sd_aid != isd_aid else None
    return Plan(
        base=recorded.value,
        create_sd=None,
        residues=[aid] if entry is not None else [],  # installed but never made selectable
        load_files=[],
        instances=[aid],
        perso=_needs_perso(db, app, [aid]),
        free_before=content.free_nvm,
        extradite_to=sd,
        adding=True,
    )


def _in_deleted_file(instance: AppInstance, residue_files: list[str], db: DbSession) -> bool:
    """An instance goes with its load file when that is deleted with related objects."""
    module = db.get(Module, instance.module_aid)
    return module is not None and module.load_file_aid in residue_files


def check_space(ctx: FlowContext, seid: str, app: Application, plan: Plan) -> None:
    se, _ = resolve_se(ctx.session, seid)
    free = plan.free_before if plan.free_before is not None else se.recorded_free_space
    if plan.load_files and not plan.residues and free is not None and app.code_size > free:
        raise refuse(
            "se.no_space",
            needed=app.code_size,
            free=free,
            params={"needed": app.code_size, "free": free},
        )
    domain = ctx.session.get(SecurityDomain, app.sd_aid) if app.sd_aid else None
    if plan.load_files and domain is not None:  # a fixed-space SD holds its apps in its own space
        sd_attributes.check_fixed_space(ctx.session, domain, seid, app.code_size)
        files = [f for f in _load_files(ctx.session, app) if f.aid in plan.load_files]
        sd_attributes.check_dap(domain, plan.create_sd is not None, files)


def install_script(ctx: FlowContext, session: Session, app: Application, plan: Plan, resolve: perso.Resolve) -> None:
    """Script 3 in the order the card needs it (mode-1 personalisation last: its SELECT ends the channel)."""
    db = ctx.session
    home = db.get(SecurityDomain, app.sd_aid) if app.sd_aid else None
    by_token = delegated.token_mode(home)

    def send(command: CommandApdu, tag: str, kind: ReceiptKind, *aids: bytes, receipt_tag: str = "") -> None:
        """Send ``command``; into a token-mode SD with its token, noting the receipt it owes."""
        if by_token:
            command = delegated.tokened(ctx, command)
            plan.tokened.append(tag)
            plan.receipts.append(delegated.expect(receipt_tag or tag, kind, *aids))
        session.send(command, tag)

    if plan.create_sd:
        domain = db.get(SecurityDomain, plan.create_sd)
        privileges = (domain.privileges if domain else 0) | Privilege.SECURITY_DOMAIN
        if delegated.token_mode(domain):
            privileges |= Privilege.DELEGATED_MANAGEMENT
        session.send(
            commands.install_for_install(
                SSD_PACKAGE_AID,
                SSD_MODULE_AID,
                bytes.fromhex(plan.create_sd),
                int(privileges),
                sd_attributes.install_parameters(domain) if domain else bytes.fromhex("C900"),
            ),
            f"sd:{plan.create_sd}",
        )
    files = {f.aid for f in _load_files(db, app)}
    for aid in plan.residues:  # a load file goes with its instances; an instance alone
        session.send(commands.delete(bytes.fromhex(aid), related=aid in files), f"residue:{aid}", _GONE)
    for aid in plan.load_files:
        load_file = db.get(LoadFile, aid)
        assert load_file is not None
        try:
            data = CapFile.open(load_file.cap).load_file()
        except GpError as e:
            raise FlowError("catalog.cap_file", detail={"aid": aid, "reason": str(e)}) from e
        sd_aid, data = sd_attributes.load_data(home, load_file, data)
        if by_token and home is not None:  # the load file goes to the token-mode SD itself
            sd_aid = bytes.fromhex(home.aid)
        blocks = _load_blocks(aid, data, session.max_data)
        install = commands.install_for_load(bytes.fromhex(aid), sd_aid, bytes.fromhex(load_file.sha1))
        last = f"load:{aid}:{len(blocks) - 1}"  # a load's receipt comes with its last block
        send(install, f"load_install:{aid}", ReceiptKind.LOAD, bytes.fromhex(aid), sd_aid, receipt_tag=last)
        for n, block in enumerate(blocks):
            session.send(block, f"load:{aid}:{n}")
    instances = {i.instance_aid: i for i in _instances(db, app)}
    for aid in plan.instances:
        i = instances[aid]
        elf = bytes.fromhex(_module_file(db, i.module_aid))
        send(
            commands.install_for_install(
                elf,
                bytes.fromhex(i.module_aid),
                bytes.fromhex(aid),
                i.privileges,
                bytes.fromhex(i.install_params or "C900"),
            ),
            f"install:{aid}",
            ReceiptKind.INSTALL,
            elf,
            bytes.fromhex(aid),
        )
    targets = instance.perso_targets(db, app, plan.instances or None)  # each with its own data, §5.8.4.1
    if plan.perso:
        keys = perso.KeyAccess(ctx.keystore, ctx.session, ctx.principal.operator)
        perso.send_through_sd_each(session, app.perso_template, targets, resolve, keys)
    if plan.extradite_to:
        to = bytes.fromhex(plan.extradite_to)
        _, batch = resolve_se(db, ctx.card.seid)
        isd = bytes.fromhex(batch.isd_aid)  # installed in the ISD's channel, the instance starts there
        for aid in plan.instances:
            app_aid = bytes.fromhex(aid)
            send(commands.install_for_extradition(to, app_aid), f"extradite:{aid}", ReceiptKind.EXTRADITION, isd, app_aid, to)
    if plan.perso:
        perso.send_plain_each(session, app.perso_template, targets)


def _load_blocks(aid: str, load_file: bytes, block_size: int) -> list[CommandApdu]:
    """LOAD blocks of ``block_size``; a card whose 9F65 is too small for 256 blocks is refused."""
    if len(load_file) > commands.MAX_BLOCKS * block_size:
        raise FlowError(
            "se.block_size",
            detail={"block_size": block_size, "load_file_size": len(load_file), "aid": aid},
        )
    return commands.load_blocks(load_file, block_size)


def _module_file(db: DbSession, module_aid: str) -> str:
    module = db.get(Module, module_aid)
    if module is None:
        raise FlowError("catalog.module", detail={"module_aid": module_aid})
    return module.load_file_aid


def record_install(ctx: FlowContext, seid: str, app: Application, plan: Plan, r: Replies) -> AppState:
    """The state script 3 reached, recorded with the space and the subscription (§5.8.7)."""
    # Each stage counts as reached when all of its commands ran and were accepted; a stage
    # without commands (nothing to personalise, say) is reached for free (§5.8.7.2).
    stages = [
        (AppState.LOADED, ("residue:", "sd:", "load_install:", "load:")),
        (AppState.INSTANTIATED, ("install:",)),
        (AppState.PERSONALIZED, ("perso:", "extradite:")),
    ]
    order = [AppState.READY, AppState.LOADED, AppState.INSTANTIATED, AppState.PERSONALIZED]
    state = AppState(plan.base)
    if plan.adding:  # the application was already installed; only the new instance changed
        return state
    targets = instance.perso_targets(ctx.session, app, plan.instances or None)
    for target, prefixes in stages:
        if order.index(state) >= order.index(target):
            continue
        if not all(r.all_accepted(p) for p in prefixes):
            break
        if target is AppState.PERSONALIZED and app.needs_personalisation and perso.any_needs_own_channel(
            app.perso_template, targets
        ):
            break  # its mode-2 TK/KEK steps are run by perso_update (§5.8.4.6.2)
        state = target
    state = settle(state, app)
    set_state(ctx.session, seid, app.id, state)
    se, _ = resolve_se(ctx.session, seid)
    # A card refusing FF21 (issue 12) is sized by the platform's own record of it.
    free_before = plan.free_before if plan.free_before is not None else se.recorded_free_space
    if plan.load_files and state is not AppState.READY and free_before is not None:
        se.recorded_free_space = free_before - app.code_size
    if state is AppState.USABLE:
        subscribe(ctx.session, seid, app)
    return state


def subscribe(db: DbSession, seid: str, app: Application) -> None:
    """Activate the subscription of the SE's MSISDN to ``app``.

    Subscriptions belong to the MSISDN, which may own several SEs served at the same time: a
    concurrent insert of the same row is caught in a savepoint and the row updated instead.
    """
    binding = db.get(MsisdnBinding, seid)
    if binding is None:
        return
    row = db.get(Subscription, (binding.msisdn, app.id))
    if row is None:
        try:
            with db.begin_nested():
                db.add(Subscription(msisdn=binding.msisdn, application_id=app.id, active=True))
            return
        except IntegrityError:
            row = db.get(Subscription, (binding.msisdn, app.id), populate_existing=True)
    if row is not None:
        row.active = True
    db.flush()


def resolver(ctx: FlowContext, seid: str) -> perso.Resolve:
    binding = ctx.session.get(MsisdnBinding, seid)
    subscriber = ctx.session.get(Subscriber, binding.msisdn) if binding else None

    def resolve(source: str) -> str | None:
        kind, _, name = source.partition(":")
        if kind == "param":
            value = ctx.params.get(name)
            return None if value is None else str(value)
        if kind == "subscriber" and subscriber is not None and name in ("msisdn", "imsi"):
            return getattr(subscriber, name)
        if kind == "se" and name == "seid":
            return seid
        return None

    return resolve


def after_survey(
    ctx: FlowContext, seid: str, app: Application, r: Replies, session: Session, one: str | None = None
) -> Plan:
    """From script 2's answers to script 3 (shared with migration)."""
    content = collect(r)
    se, batch = resolve_se(ctx.session, seid)
    record_content(ctx.session, se, content)
    plan = make_plan(ctx, seid, app, content, batch.isd_aid, one)
    check_space(ctx, seid, app, plan)
    install_script(ctx, session, app, plan, resolver(ctx, seid))
    return plan


def summary(ctx: FlowContext, seid: str, app: Application, plan: Plan, state: AppState, r: Replies) -> dict[str, Any]:
    se, batch = resolve_se(ctx.session, seid)
    return {
        "app": app.name,
        "app_id": app.id,
        "seid": seid,
        "state": state.value,
        "resumed_from": plan.base,
        "sd_created": plan.create_sd,
        "residues_deleted": plan.residues,
        "load_blocks": sum(1 for t in r.tags if t.startswith("load:")),
        "space": space_view(se, batch),
        "companion": companion.link_for(ctx.session, app),
        "instances": plan.instances,
    }


class DownloadFlow(CardFlow):
    kind = OperationKind.DOWNLOAD

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        app = find_app(ctx.session, ctx.params.get("app_id"))
        one = instance.requested(ctx.params)
        recorded = check_start(ctx, ctx.card.seid, registration, app, one)
        return {"app_id": app.id, "recorded": recorded.value, "instance": one}

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        survey(session)
        return session.script({"phase": "survey", "flow": state})

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        state = checkpoint["flow"]
        seid = checkpoint["card"]["seid"]
        app = find_app(ctx.session, state["app_id"])
        if checkpoint["phase"] == "survey":
            failure = unfinished(r)
            if failure is not None:
                return failure
            session = resume_session(ctx, checkpoint["card"])
            plan = after_survey(ctx, seid, app, r, session, state.get("instance"))
            if not len(session):  # resumed at Instantiated with nothing left to send
                empty = Replies([], [], [], removed=False)
                return DoneOutcome(summary(ctx, seid, app, plan, record_install(ctx, seid, app, plan, empty), empty))
            return session.script({"phase": "install", "flow": {**state, "plan": plan.to_json()}})
        plan = Plan(**state["plan"])
        reached = record_install(ctx, seid, app, plan, r)
        receipts = delegated.record_receipts(ctx, seid, app.sd_aid or "", plan.receipts, r) if plan.receipts else []
        failure = unfinished(r)
        if failure is not None:
            failure = sd_attributes.explain_dap_refusal(ctx.session, app, failure)
            home = ctx.session.get(SecurityDomain, app.sd_aid) if app.sd_aid else None
            failure = delegated.explain_refusal(ctx, home, plan.tokened, failure)
            return FailedOutcome(failure.code, {**(failure.detail or {}), "state": reached.value}, failure.params)
        return DoneOutcome({**summary(ctx, seid, app, plan, reached, r), **({"receipts": receipts} if receipts else {})})


FLOW = DownloadFlow()

"""SCP03 host and card side (ota.gp.scp03, ota.gp.scp03_card), GPC 2.2 Amendment D.

Vector sources (published hex, reproduced here byte for byte; no code taken):
* PYSIM - osmocom/pysim tests/unittests/test_globalplatform.py, classes SCP03_Test_AES{128,192,
  256}_{03,11,33} and SCP03_KCV_Test (GPL; only the hex traces are used as expected values).
* KAOH - kaoh/globalplatform globalplatform/src/scp03Test.c, tests mutual_auth,
  delete_application, get_status, get_status_enc_mac, get_status_aes_192 (LGPL; hex only).
* CRD - the card recognition data of kaoh/globalplatform getDataTest.c, as already used in
  tests/unit/test_gp_responses.py.
"""

from __future__ import annotations

import itertools
import os

import pytest

from ota.gp.aes import kcv_aes, kdf
from ota.gp.constants import SecurityLevel
from ota.gp.errors import ApduFormatError
from ota.gp.scp02_card import CardSecurityError, ChannelState
from ota.gp.scp03 import (
    Scp03Checkpoint,
    Scp03CryptogramError,
    Scp03Error,
    Scp03HostChannel,
    Scp03Keys,
    Scp03MessagingError,
    Scp03Options,
    aes_key_block,
    derive_session_keys,
    parse_initialize_update,
    pseudo_random_card_challenge,
)
from ota.gp.scp03_card import Scp03CardChannel
from ota.gp.scp_choice import Protocol, preferred, protocol_of_initialize_update, recognised_protocols

h = bytes.fromhex

# PYSIM: KEYSET_AES128 / 192 / 256 (KVN 30 / 31 / 32).
PYSIM_KEYS = {
    128: Scp03Keys(
        h("000102030405060708090a0b0c0d0e0f"), h("101112131415161718191a1b1c1d1e1f"),
        h("202122232425262728292a2b2c2d2e2f"), 0x30,
    ),
    192: Scp03Keys(
        h("000102030405060708090a0b0c0d0e0f0001020304050607"),
        h("101112131415161718191a1b1c1d1e1f1011121314151617"),
        h("202122232425262728292a2b2c2d2e2f2021222324252627"), 0x31,
    ),
    256: Scp03Keys(
        h("000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f"),
        h("101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f"),
        h("202122232425262728292a2b2c2d2e2f202122232425262728292a2b2c2d2e2f"), 0x32,
    ),
}
# PYSIM: the plaintext commands every trace wraps, in the order the pySim test case sends them.
PYSIM_PLAIN = [
    h("80E2910006BF3E035C015A00"),  # get_eid_cmd_plain (STORE DATA to the ISD-R)
    h("80F22002"),  # case 1
    h("80ca006600"),  # case 2
    h("80F220020a4f0212345c054f9f70c5"),  # case 3
    h("80f28002024f0000"),  # case 4
]
PYSIM_EID_RESPONSE = h("bf3e125a1089882119900000000000000000000005")
PYSIM_ISD_R = h("A0000005591010FFFFFFFF8900000100")

# (bits, level, init_upd_cmd, init_upd_rsp, ext_auth_cmd, get_eid_rsp, [get_eid_cmd, case_1..4])
PYSIM_TRACES = [
    (128, 0x11, "8050300008b13e5f938fc108c400", "000000000000000000003003703eb51047495b249f66c484c1d2ef1948000002",
     "84821100107d5f5826a993ebc89eea24957fa0b3ce",
     "bf3e125a1089882119900000000000000000000005971be68992dbbdfa",
     ["84e291000ebf3e035c015a558d036518a2829700", "84f220020863a63f8959827fb2", "84ca006608a0c6a4a74166f7ce00",
      "84f22002124f0212345c054f9f70c52249b50272656536", "84f280020a4f00e91443f6dce6b8ed00"]),
    (128, 0x03, "80503000088e1552d0513c60f300", "0000000000000000000030037030760cd2c47c1dd395065fe5ead8a9d7000001",
     "8482030010fd4721a14d9b07003c451d2f8ae6bb21", "bf3e125a1089882119900000000000000000000005",
     ["84e2910018ca9c00f6713d79bc8baa642bdff51c3f6a4082d3bd9ad26c00", "84f2200208c9811b11f1264cf1",
      "84ca006608e10ab60b3054798800", "84f22002184e2908bdb48b2315a55482e9e936ca122d6ecfae7d17416e",
      "84f28002180dd10a6b6193e5340b9e77d32d5a179cd710ac2773aefb2800"]),
    (128, 0x33, "8050300008fdf38259a1e0de4400", "000000000000000000003003703b1aca81e821f219081cdc01c26b372d000003",
     "84823300108c36f96bcc00724a4e13ad591d7da3f0",
     "f3ba2b1013aa6224f5e1c138d71805c569e5439b47576260b75fc021b25097cb2e68f8a0144975b9",
     ["84e2910018267a85dfe4a98fca6fb0527e0dfecce4914e40401433c87f00", "84f2200208ac6a59024bed84cc",
      "84ca006608409912ad8fb7aed000", "84f22002185f3dafc3ac14c381536a488bf44e06d056df9d74dbd21e5a",
      "84f280021865165105be3373347d0424d4400af2ac393f569ec779389e00"]),
    (192, 0x11, "80503100087396430b768b085b00", "000000000000000000003103708cfc23522ffdbf1e5df5542cac8fd866000003",
     "84821100102145ed30b146f5db252fb7e624cec244",
     "bf3e125a1089882119900000000000000000000005162fbd33e04940a9",
     ["84e291000ebf3e035c015aff42cf801d14394400", "84f22002084584e4f6784811ee", "84ca006608937776ebe190fa3000",
      "84f22002124f0212345c054f9f70c59a52bddf3040368c", "84f280020a4f009804b11411f7393d00"]),
    (192, 0x03, "805031000869c65da8202bf19f00", "00000000000000000000310370b570a67be38446717729d6dd3d2ec5b1000001",
     "848203001065df4f1a356a887905466516d9e5b7c1", "bf3e125a1089882119900000000000000000000005",
     ["84e2910018d2c6fb477c5d4afe4fd4d21f17eff10d3578ec1774a12a2d00", "84f2200208964e188f0b1bb697",
      "84ca006608f0820035a41d3e1800", "84f220021806b076ed452cd1fa84f77f5c08a146aa77a9286757dea791",
      "84f2800218d06527e39222dce091fabdb8e9b898417a67a6852d3577db00"]),
    (192, 0x33, "80503100089b3f2eef0e8c937400", "00000000000000000000310370f6bb305a15bae1a68f79fb08212fbed7000002",
     "84823300109100bc22d58b45b86a26365ce39ff3cf",
     "c05176c1b6f72aae50c32cbee63b0e95998928fd4dfb2be9f27ffde8c8476f5909b4805cc4039599",
     ["84e29100188f7f946c84f70d17994bc6e8791251bb1bb1bf02cf8de58900", "84f2200208d5d97754b6b3d2ba",
      "84ca006608516c82b8e30adbeb00", "84f2200218cc247f4761e6944277a4e0d6e32e44025b1e31537e2fc668",
      "84f2800218ba22b63d509bef5d093b43e5eaed03ed23144ab2d9cb51de00"]),
    (256, 0x11, "805032000811666d57866c6f5400", "0000000000000000000032037053ea8847efa7674e41498a4d66cf0dee000003",
     "84821100102f2ad190eff2fafc4908996d1cebd310",
     "bf3e125a10898821199000000000000000000000058012dd7f01f1c4c1",
     ["84e291000ebf3e035c015af4b680372542b59d00", "84f2200208d618b7da68d5fe52", "84ca0066088f3e055db23ad5e500",
      "84f22002124f0212345c054f9f70c5b6e15cc42404915e", "84f280020a4f00aa124aa74afe7f7500"]),
    (256, 0x03, "8050320008c6066990fc426e1d00", "000000000000000000003203708682cd81bbd8919f2de3f2664581f118000001",
     "848203001077c493b632edadaf865a1e64acc07ce9", "bf3e125a1089882119900000000000000000000005",
     ["84e29100183ddaa60594963befaada3525b492ede23c2ab2c1ce3afe4400", "84f2200208480ddc8e419da38d",
      "84ca0066083e9d6a6c0b2d732000", "84f22002183ebfef2da8b04af2a85f491f299b76973df76ff08a4031be",
      "84f2800218783fff80990f5585b1055010ea95094a26e4a8f1ef4b18e100"]),
    (256, 0x33, "805032000897b2055fe58599fd00", "00000000000000000000320370a8439a22cedf045fa9f1903b2834f26e000002",
     "8482330010508a0fd959d2e547c6b33154a6be2057",
     "ea90dbfa648a67c5eb6abc57f8530b97d0cd5647c5e8732016b55203b078dd2ace7f8bc5d1c1cd99",
     ["84e29100187a5ef717eaf1e135ae92fe54429d0e465decda65f5fe5aea00", "84f2200208bcc5c17275545d93",
      "84ca00660804806aba9d543bb600", "84f2200218717222491556ec81a45f49ce48be33320024801a1c4cb0e0",
      "84f2800218561f105bccd3a1642904b251ccc1228beb80a82370a8637000"]),
]
_IDS = [f"AES{t[0]}-{t[1]:02X}" for t in PYSIM_TRACES]


@pytest.mark.parametrize("trace", PYSIM_TRACES, ids=_IDS)
def test_pysim_host_trace(trace: tuple) -> None:
    """PYSIM: EXTERNAL AUTHENTICATE, the five wrapped commands and the unwrapped GET EID answer."""
    bits, level, iu_cmd, iu_rsp, ext_auth, eid_rsp, wrapped = trace
    host_challenge = h(iu_cmd)[5:13]
    assert Scp03HostChannel.initialize_update(PYSIM_KEYS[bits].kvn, host_challenge) == h(iu_cmd)
    channel, ext = Scp03HostChannel.open(PYSIM_KEYS[bits], host_challenge, h(iu_rsp), level)
    assert ext == h(ext_auth)
    assert channel.wrap(PYSIM_PLAIN[0]) == h(wrapped[0])
    assert channel.unwrap(h(eid_rsp) + b"\x90\x00") == PYSIM_EID_RESPONSE + b"\x90\x00"
    for plain, expected in zip(PYSIM_PLAIN[1:], wrapped[1:], strict=False):
        assert channel.wrap(plain) == h(expected)


@pytest.mark.parametrize("trace", PYSIM_TRACES, ids=_IDS)
def test_pysim_card_trace(trace: tuple) -> None:
    """PYSIM, card side: same IU response, accepts the trace's commands, answers the trace's R-MAC/R-ENC."""
    bits, level, iu_cmd, iu_rsp, ext_auth, eid_rsp, wrapped = trace
    iu = parse_initialize_update(h(iu_rsp))
    card = Scp03CardChannel(Scp03Options(iu.i))
    assert card.begin(PYSIM_KEYS[bits], h(iu_cmd)[5:13], iu.card_challenge, iu.kdd, iu.seq) == h(iu_rsp)
    assert card.external_authenticate(h(ext_auth)) == level
    assert card.unwrap(h(wrapped[0])) == PYSIM_PLAIN[0]
    assert card.wrap_response(PYSIM_PLAIN[0], PYSIM_EID_RESPONSE, 0x9000) == h(eid_rsp) + b"\x90\x00"
    for plain, sent in zip(PYSIM_PLAIN[1:], wrapped[1:], strict=False):
        assert card.unwrap(h(sent)) == plain


def test_pysim_pseudo_random_challenge_of_isd_r() -> None:
    """PYSIM AES128_11: card challenge 3EB51047495B249F at sequence counter 000002 (AID: the ISD-R)."""
    assert pseudo_random_card_challenge(PYSIM_KEYS[128], 2, PYSIM_ISD_R) == h("3eb51047495b249f")


def test_pysim_aes_kcv() -> None:
    """PYSIM SCP03_KCV_Test: AES key check values of KEYSET_AES128."""
    keys = PYSIM_KEYS[128]
    assert [kcv_aes(k) for k in (keys.enc, keys.mac, keys.dek)] == [h("C35280"), h("013808"), h("840DE5")]


# KAOH: static keys of mutual_auth / delete_application / get_status / get_status_enc_mac.
KAOH_KEYS = Scp03Keys(
    h("F995D0A069335C7DF42E590317FFEA6D"), h("58563362EC5A4541ABCD32B34B1EAE7D"),
    h("0A02A6D687406DCFA09DC70B3EDB7E38"), 0,
)
KAOH_ISD = h("A000000151000000")


def test_kaoh_mutual_auth_session_keys() -> None:
    """KAOH mutual_auth: session keys, EXTERNAL AUTHENTICATE, and the i=70 challenge at counter 1E."""
    hc = h("9BD6BF878FB8E991")
    iu = h("00000000000000000000300370" "3C80C2CC87EB3A35E4EDBA35E629C33600001E9000")
    session = derive_session_keys(KAOH_KEYS, hc, h("3C80C2CC87EB3A35"))
    assert session.enc == h("D83EE38C9954C8078987A5E9EE6AB13C")
    assert session.mac == h("6FF37716E0413065E8DFD08BF1E9EC5E")
    assert session.rmac == h("0254C786E57ACA8982670C1C1A05FF12")
    _, ext = Scp03HostChannel.open(KAOH_KEYS, hc, iu, 0x03)
    assert ext == h("848203001023EBFEDC579D22CDCDB6A25A5FF7891F")
    assert pseudo_random_card_challenge(KAOH_KEYS, 0x1E, KAOH_ISD) == h("3C80C2CC87EB3A35")


def test_kaoh_delete_application() -> None:
    """KAOH delete_application: session keys and a C-DEC + C-MAC DELETE."""
    hc = h("B2BDE1A2DC66BD56")
    session = derive_session_keys(KAOH_KEYS, hc, h("C40932A6FEFEAEB2"))
    assert session.enc == h("9B841BB63D1087484FF7F16802017243")
    assert session.mac == h("8117FE5ADED74AC0DAABE9FB81DBDB67")
    assert session.rmac == h("4521D75E4D6F60DBFB8AB4EE254EF6F1")
    iu = h("00000000000000000000300370C40932A6FEFEAEB2E127185170F45FCA0000159000")
    channel, ext = Scp03HostChannel.open(KAOH_KEYS, hc, iu, 0x03)
    assert ext == h("848203001059D54D932423D29F6313C970875F8C2F")
    wrapped = channel.wrap(h("80E400800A4F08A00100015141434C"))
    assert wrapped == h("84E400801829F06AEC3180B3EFE91FF662310B945DE0D5FE66AD67A5B6")


def test_kaoh_get_status() -> None:
    hc = h("A6D40AEC55FE7986")
    iu = h("00000000000000000000300370B6E362D0F90F8101C34B7B21A7455320000025" "9000")
    channel, ext = Scp03HostChannel.open(KAOH_KEYS, hc, iu, 0x03)
    assert ext == h("84820300103D958B36BB38AE5896A559345F81471A")
    assert channel.wrap(h("80F24002024F0000")) == h("84F2400218D18C9A7BB2B1B1C7ED1B24E1B1307CB9D71A66ABC55CBC3A00")


def test_kaoh_get_status_enc_mac_four_commands() -> None:
    """KAOH get_status_enc_mac: four chained C-DEC + C-MAC GET STATUS commands (counter 1..4)."""
    iu = h("00000000000000000000300370A7EFE2BFDB3A27A6EAE3FF0EA0D175240000859000")
    channel, ext = Scp03HostChannel.open(KAOH_KEYS, h("DA2390D378D94B0A"), iu, 0x03)
    assert ext == h("8482030010953EEC5B4A81BF393ADC2ADFD638827A")
    expected = [
        "84F2200218705C4D16C7BAC5496AEE0ED9963222455472F3CFAC97BCCA00",
        "84F240021834AF0FEDDAE7C07308600587E1B1E6EC87811520D9A6AAAD00",
        "84F28002188D6CFE9EB359EACB9594D8EC161E45C10ED0138E34A10BF300",
        "84F21002183D98B6DE9CBF3905EAE4FAF5E141C58DAB7013D1076745C700",
    ]
    for p1, want in zip(("20", "40", "80", "10"), expected, strict=False):
        assert channel.wrap(h(f"80F2{p1}02024F0000")) == h(want)


def test_kaoh_aes192_i10() -> None:
    """KAOH get_status_aes_192: one AES-192 key for all three, i=10, KVN 02."""
    key = h("DE2A3629CBC24E8D8869E82C8B4C0D874D88166B6F8A1C12")
    iu = h("00008301A8186727A822020310726B1E22EED4F4BBAB21001BFD4B6F020000129000")
    channel, ext = Scp03HostChannel.open(Scp03Keys(key, key, key, 2), h("4157115CAD7D2FE7"), iu, 0x03)
    assert ext == h("84820300109B126D1B1557297F3C06766CA9ACBD27")
    wrapped = channel.wrap(h("80F22002024F0000"))
    assert wrapped == h("84F2200218110C222888859059700E5D42AD65F41299B0BFFC03BF79A800")


CARD_DATA_KAOH_SCP03 = (
    "664D734B06072A864886FC6B01600B06092A864886FC6B020203630906072A864886FC6B03640B06092A864886FC6B"
    "040370650D060B2A864886FC6B0507020000660C060A2B060104012A026E0103"
)


def test_card_recognition_tells_scp_and_i() -> None:
    """CRD: the card lists SCP03 i=70; with an SCP02 entry added, SCP03 is still preferred."""
    assert recognised_protocols(h(CARD_DATA_KAOH_SCP03)) == (Protocol(3, 0x70),)
    assert preferred((Protocol(2, 0x55), Protocol(3, 0x70))) == Protocol(3, 0x70)
    assert preferred((Protocol(1, 0x05),)) is None
    iu = h("00000000000000000000300370A7EFE2BFDB3A27A6EAE3FF0EA0D17524000085")
    assert protocol_of_initialize_update(iu) == Protocol(3, 0x70)


# --- round trips host <-> card at every i, level and mode ------------------------------------------

_I_VALUES = (0x00, 0x10, 0x30, 0x70, 0x01, 0x11, 0x31, 0x71)
_LEVELS = (0x00, 0x01, 0x03, 0x11, 0x13, 0x33)


def _pair(keys: Scp03Keys, i: int, level: int) -> tuple[Scp03HostChannel, Scp03CardChannel]:
    options = Scp03Options(i)
    n = options.block_len
    card = Scp03CardChannel(options)
    hc = os.urandom(n)
    challenge = pseudo_random_card_challenge(keys, 5, KAOH_ISD, n) if options.pseudo_random_challenge else os.urandom(n)
    iu = card.begin(keys, hc, challenge, bytes(10), 5)
    host, ext = Scp03HostChannel.open(keys, hc, iu + b"\x90\x00", level)
    assert card.external_authenticate(ext) == level
    return host, card


def _supported(i: int, level: int) -> bool:
    try:
        Scp03Options(i).check_level(level)
    except Scp03Error:
        return False
    return True


_COMBOS = [(b, i, lv) for b, i, lv in itertools.product((128, 192, 256), _I_VALUES, _LEVELS) if _supported(i, lv)]


@pytest.mark.parametrize(("bits", "i", "level"), _COMBOS)
def test_round_trip(bits: int, i: int, level: int) -> None:
    """Every command case, empty and the largest data, answered with data, without, and with an error."""
    host, card = _pair(PYSIM_KEYS[bits], i, level)
    answers = ((b"", 0x9000), (b"\x01\x02\x03", 0x6310), (bytes(40), 0x9000), (b"", 0x6A88))
    biggest = host.max_plain_data  # 239 at C-DEC in S8, 223 in S16, 247 / 239 at C-MAC
    commands = (*PYSIM_PLAIN, h("80E2900000"), h("80E29000") + bytes((biggest,)) + bytes(biggest))
    for plain, (data, sw) in zip(commands, itertools.cycle(answers)):
        sent = host.wrap(plain)
        assert (sent[0] == 0x84) == bool(level & SecurityLevel.C_MAC)
        assert card.unwrap(sent) == plain
        response = card.wrap_response(plain, data, sw)
        if level & SecurityLevel.R_MAC and sw != 0x6A88:
            assert len(response) > len(data) + 2
        assert host.unwrap(response) == data + sw.to_bytes(2, "big")
    assert host.checkpoint().counter == (len(commands) if level else 0)


def test_round_trip_responses_every_status_word_class() -> None:
    host, card = _pair(PYSIM_KEYS[128], 0x70, 0x33)
    for data, sw in ((b"", 0x9000), (b"\x01\x02\x03", 0x6310), (bytes(40), 0x9000), (b"x", 0x6A88)):
        plain = h("80CA006600")
        assert card.unwrap(host.wrap(plain)) == plain
        expected = b"" if sw == 0x6A88 else data
        assert host.unwrap(card.wrap_response(plain, data, sw)) == expected + sw.to_bytes(2, "big")


def test_s16_sizes() -> None:
    """S16 (i b1): 16-byte challenges, cryptograms and MACs, EXTERNAL AUTHENTICATE of 32 bytes."""
    host, card = _pair(PYSIM_KEYS[256], 0x71, 0x33)
    wrapped = host.wrap(h("80CA006600"))
    assert wrapped[4] == 16 and len(wrapped) == 4 + 1 + 16 + 1
    response = card.wrap_response(card.unwrap(wrapped), b"\xAA", 0x9000)
    assert len(response) == 16 + 16 + 2  # one encrypted block, a 16-byte R-MAC, SW


def test_checkpoint_resume_continues_the_chain() -> None:
    host, card = _pair(PYSIM_KEYS[128], 0x70, 0x33)
    assert card.unwrap(host.wrap(PYSIM_PLAIN[1])) == PYSIM_PLAIN[1]
    host.unwrap(card.wrap_response(PYSIM_PLAIN[1], b"", 0x9000))
    raw = host.checkpoint().to_dict()
    assert set(raw) == {"scp", "level", "i", "host_challenge", "card_challenge", "chain", "counter"}
    resumed = Scp03HostChannel.resume(PYSIM_KEYS[128], Scp03Checkpoint.from_dict(raw))
    assert card.unwrap(resumed.wrap(PYSIM_PLAIN[3])) == PYSIM_PLAIN[3]
    assert resumed.unwrap(card.wrap_response(PYSIM_PLAIN[3], b"\x42", 0x9000)) == b"\x42\x90\x00"
    with pytest.raises(Scp03Error):
        Scp03Checkpoint.from_dict({**raw, "chain": "00"})
    with pytest.raises(Scp03Error):
        Scp03Checkpoint.from_dict({**raw, "level": 0x33, "i": 0x30})


def test_put_key_aes_format_round_trip() -> None:
    """AES key block: 88, length, key length, AES-CBC(static DEK) key, 03, KCV (Amendment D §7.2)."""
    host, card = _pair(PYSIM_KEYS[128], 0x70, 0x03)
    block = aes_key_block(PYSIM_KEYS[128].dek, PYSIM_KEYS[192].enc)
    assert block[:3] == b"\x88\x21\x18" and block[-4:] == b"\x03" + kcv_aes(PYSIM_KEYS[192].enc)
    assert card.decrypt_sensitive(block[3:35])[:24] == PYSIM_KEYS[192].enc
    data = host.put_key_data(0x31, (PYSIM_KEYS[192].enc, PYSIM_KEYS[192].mac, PYSIM_KEYS[192].dek))
    assert data[0] == 0x31 and len(data) == 1 + 3 * (3 + 32 + 4)


def test_kdf_lengths_and_l_field() -> None:
    """L is part of every PRF input, so a 128-bit output is not a prefix of a 256-bit one."""
    key = PYSIM_KEYS[128].mac
    assert kdf(key, 0x04, 256, b"ctx")[:16] != kdf(key, 0x04, 128, b"ctx")
    assert len(kdf(key, 0x04, 192, b"ctx")) == 24 and len(kdf(key, 0x00, 64, b"ctx")) == 8


# --- refusals --------------------------------------------------------------------------------------


def test_wrong_card_cryptogram_is_refused_before_sending() -> None:
    iu = bytearray(h(PYSIM_TRACES[0][3]))
    iu[-4] ^= 1
    with pytest.raises(Scp03CryptogramError):
        Scp03HostChannel.open(PYSIM_KEYS[128], h(PYSIM_TRACES[0][2])[5:13], bytes(iu), 0x11)


def test_wrong_keys_give_wrong_host_cryptogram_6300() -> None:
    options = Scp03Options(0x70)
    card = Scp03CardChannel(options)
    iu = card.begin(PYSIM_KEYS[128], bytes(8), bytes(8), bytes(10), 1)
    other = Scp03Keys(PYSIM_KEYS[128].enc, PYSIM_KEYS[128].dek, PYSIM_KEYS[128].dek, 0x30)  # other MAC key
    card2 = Scp03CardChannel(options)
    card2.begin(other, bytes(8), bytes(8), bytes(10), 1)
    _, ext = Scp03HostChannel.open(PYSIM_KEYS[128], bytes(8), iu, 0x03)
    with pytest.raises(CardSecurityError) as err:
        card2.external_authenticate(ext)
    assert err.value.sw == 0x6300 and card2.state is ChannelState.ABORTED


def test_tampered_cmac_aborts_the_session() -> None:
    host, card = _pair(PYSIM_KEYS[128], 0x70, 0x01)
    sent = bytearray(host.wrap(PYSIM_PLAIN[3]))
    sent[-1] ^= 0x01
    with pytest.raises(CardSecurityError):
        card.unwrap(bytes(sent))
    assert card.state is ChannelState.ABORTED
    with pytest.raises(CardSecurityError):
        card.unwrap(host.wrap(PYSIM_PLAIN[1]))


def test_tampered_ciphertext_is_refused() -> None:
    host, card = _pair(PYSIM_KEYS[128], 0x70, 0x03)
    sent = bytearray(host.wrap(PYSIM_PLAIN[3]))
    sent[6] ^= 0x80
    with pytest.raises(CardSecurityError):
        card.unwrap(bytes(sent))


def test_plain_command_at_cmac_level_aborts() -> None:
    _, card = _pair(PYSIM_KEYS[128], 0x70, 0x01)
    with pytest.raises(CardSecurityError):
        card.unwrap(PYSIM_PLAIN[1])


def test_tampered_rmac_and_encrypted_response_are_refused() -> None:
    host, card = _pair(PYSIM_KEYS[128], 0x70, 0x33)
    card.unwrap(host.wrap(PYSIM_PLAIN[2]))
    response = bytearray(card.wrap_response(PYSIM_PLAIN[2], b"data", 0x9000))
    response[-3] ^= 1  # last R-MAC byte
    with pytest.raises(Scp03MessagingError, match="R-MAC"):
        host.unwrap(bytes(response))
    host2, card2 = _pair(PYSIM_KEYS[128], 0x70, 0x33)
    card2.unwrap(host2.wrap(PYSIM_PLAIN[2]))
    response = bytearray(card2.wrap_response(PYSIM_PLAIN[2], b"data", 0x9000))
    response[0] ^= 1  # ciphertext: the R-MAC covers it
    with pytest.raises(Scp03MessagingError):
        host2.unwrap(bytes(response))
    with pytest.raises(Scp03MessagingError):
        host2.unwrap(b"\x90\x00")


@pytest.mark.parametrize(("i", "level"), [(0x10, 0x11), (0x30, 0x33), (0x70, 0x02), (0x70, 0x31)])
def test_levels_the_i_does_not_allow(i: int, level: int) -> None:
    with pytest.raises(Scp03Error):
        Scp03Options(i).check_level(level)


@pytest.mark.parametrize("i", [0x02, 0x40, 0x80, 0x15])
def test_unsupported_i(i: int) -> None:
    with pytest.raises(Scp03Error):
        Scp03Options(i)


def test_card_refuses_a_level_beyond_its_i() -> None:
    card = Scp03CardChannel(Scp03Options(0x10))
    iu = card.begin(PYSIM_KEYS[128], bytes(8), bytes(8), bytes(10), 1)
    host_keys = PYSIM_KEYS[128]
    _, ext = Scp03HostChannel.open(host_keys, bytes(8), iu, 0x03)
    forged = ext[:2] + b"\x11" + ext[3:]
    with pytest.raises(CardSecurityError):
        card.external_authenticate(forged)


def test_malformed_initialize_update() -> None:
    good = h(PYSIM_TRACES[0][3])
    for bad in (good[:-1], good[:11] + b"\x02" + good[12:], good[:12] + b"\x72" + good[13:]):
        with pytest.raises(ApduFormatError):
            parse_initialize_update(bad)


def test_keys_never_in_repr() -> None:
    host, card = _pair(PYSIM_KEYS[128], 0x70, 0x33)
    for obj in (PYSIM_KEYS[128], host, card):
        text = repr(obj).lower()
        assert "000102030405" not in text and "101112" not in text and "redacted" in text

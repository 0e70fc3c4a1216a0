"""A corpus of bad inputs, generated here (nothing copied): one entry per kind, for every reader.

Each `BadInput` says how its file is made and what storyline does with it: "stored" (with
a check on what was stored) or the typed reason it is rejected with. `tests/test_bad_inputs.py`
runs every entry; `docs/reliability.md` lists them (a test keeps the two in step).
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.models import Report

SENTENCE = "The council of Port Ellery voted on Tuesday to approve the new harbour budget after a long debate, officials said."
ARTICLE = f"Harbour budget approved\n\n{SENTENCE}\n\n{SENTENCE.replace('Tuesday', 'Wednesday')}\n"
MB = 1024 * 1024

Check = Callable[[list[Report]], bool]


@dataclass(frozen=True, kw_only=True)
class BadInput:
    """One kind of bad input: the reader it tests, how to make it, and what storyline does."""

    kind: str
    reader: str
    name: str
    make: Callable[[], bytes]
    outcome: str  # "stored", or the rejection reason
    does: str  # what storyline does, as the docs table says it
    check: Check | None = None
    keeps_others: bool = False  # the rest of the file is stored beside the rejection


def _html(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def _article_html(title: str = "Harbour budget approved") -> str:
    return f"<article><h1>{title}</h1><p>{SENTENCE}</p><p>{SENTENCE.replace('Tuesday', 'Monday')}</p></article>"


def _feed(items: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>Port News</title>'
            f"<link>https://port.example/</link>{items}</channel></rss>").encode()


def _item(title: str, description: str) -> str:
    return (f"<item><title>{title}</title><description>{description}</description>"
            f'<guid isPermaLink="false">g-{len(title)}</guid></item>')


def _warc(pages: list[tuple[str, bytes, dict[str, str]]], *, compress: bool = False) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, body, extra in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Content-Length", str(len(body))), *extra.items()], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def _jsonl(*records: object) -> bytes:
    return "\n".join(json.dumps(r) for r in records).encode()


def _laughs() -> str:
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    return f"<!DOCTYPE rss [{entities}]>"


def _languages(*pairs: tuple[str, str]) -> Check:
    return lambda reports: sorted(r.language for r in reports) == sorted(code for code, _ in pairs)


def _restore(**fields: object) -> bytes:
    return json.dumps({"record": "report", "id": "0123456789abcdef", "title": "T", "body": SENTENCE, **fields}).encode()


TWENTY_LANGUAGES = (
    "The council approved the budget on Tuesday after a long debate.",
    "Le conseil a approuvé le budget mardi après un long débat.",
    "Der Rat hat den Haushalt am Dienstag nach langer Debatte gebilligt.",
    "El consejo aprobó el presupuesto el martes tras un largo debate.",
    "Il consiglio ha approvato il bilancio martedì dopo un lungo dibattito.",
    "O conselho aprovou o orçamento na terça-feira após um longo debate.",
    "De raad keurde de begroting dinsdag goed na een lang debat.",
    "Rada zatwierdziła budżet we wtorek po długiej debacie.",
    "Совет утвердил бюджет во вторник после долгих дебатов.",
    "Рада затвердила бюджет у вівторок після довгих дебатів.",
    "Meclis uzun bir tartışmanın ardından salı günü bütçeyi onayladı.",
    "Rådet godkände budgeten på tisdagen efter en lång debatt.",
    "Valtuusto hyväksyi talousarvion tiistaina pitkän keskustelun jälkeen.",
    "Το συμβούλιο ενέκρινε τον προϋπολογισμό την Τρίτη μετά από μακρά συζήτηση.",
    "המועצה אישרה את התקציב ביום שלישי לאחר דיון ארוך.",
    "وافق المجلس على الميزانية يوم الثلاثاء بعد نقاش طويل.",
    "परिषद ने लंबी बहस के बाद मंगलवार को बजट को मंजूरी दी।",
    "议会在长时间辩论后于周二批准了预算。",
    "議会は長い議論の末、火曜日に予算を承認した。",
    "의회는 긴 토론 끝에 화요일에 예산을 승인했다.",
)

CORPUS: tuple[BadInput, ...] = (
    # plain text
    BadInput(kind="empty-file", reader="text", name="empty.txt", make=lambda: b"", outcome="empty",
             does="rejected: file is empty"),
    BadInput(kind="whitespace-only", reader="text", name="blank.txt", make=lambda: b" \n\t\n\r\n", outcome="empty",
             does="rejected: file is empty"),
    BadInput(kind="nul-bytes", reader="text", name="nul.txt", make=lambda: ARTICLE.encode().replace(b"new", b"n\x00\x00w"),
             outcome="binary", does="rejected as binary (NUL bytes are never text)"),
    BadInput(kind="png-named-txt", reader="text", name="photo.txt", make=lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
             outcome="binary", does="rejected as binary"),
    BadInput(kind="mixed-encodings", reader="text", name="mixed.txt",
             make=lambda: "Café budget\n\n".encode() + f"{SENTENCE} Señor Muñoz agreed.".encode("cp1252"),
             outcome="stored", does="stored; each line decoded as UTF-8 or, failing that, cp1252",
             check=lambda rs: rs[0].title == "Café budget" and "Señor Muñoz" in rs[0].body),
    BadInput(kind="utf16-with-bom", reader="text", name="utf16.txt", make=lambda: ARTICLE.encode("utf-16"),
             outcome="stored", does="stored (the byte-order mark picks UTF-16)", check=lambda rs: rs[0].title == "Harbour budget approved"),
    BadInput(kind="invalid-utf8-and-cp1252", reader="text", name="garbled.txt",
             make=lambda: b"Budget\n\n" + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 20, outcome="undecodable",
             does="rejected: neither UTF-8 nor cp1252"),
    BadInput(kind="only-numbers", reader="text", name="numbers.txt",
             make=lambda: "\n".join(" ".join(str(r * c) for c in range(12)) for r in range(1, 60)).encode(), outcome="stored",
             does="stored as a headline-only report: lines of figures are not sentences, so they go to furniture",
             check=lambda rs: len(rs[0].body) < 100 and len(rs[0].furniture) >= 50),
    BadInput(kind="ten-megabyte-line", reader="text", name="oneline.txt",
             make=lambda: ("One long line\n\n" + (SENTENCE + " ") * 90_000).encode(), outcome="stored",
             does="stored whole; its analysis reads the first analyze.max_chars characters",
             check=lambda rs: len(rs[0].body) > 10_000_000),
    BadInput(kind="over-max-file-bytes", reader="file", name="big.txt", make=lambda: ARTICLE.encode() * 3_000,
             outcome="too-large", does="rejected before reading when over ingest.max_file_bytes (here set to 100,000)"),
    BadInput(kind="hundred-megabyte-line", reader="file", name="huge.txt", make=lambda: b"x" * (100 * MB),
             outcome="too-large", does="rejected before reading: over the 50 MB default of ingest.max_file_bytes"),
    BadInput(kind="ansi-escapes-in-short-text", reader="text", name="ansi.txt",
             make=lambda: f"\x1b[31mRed\x1b[0m title\n\n{SENTENCE}".encode(), outcome="binary",
             does="rejected as binary: over 1% control characters"),
    BadInput(kind="twenty-languages-mixed", reader="text", name="babel.txt",
             make=lambda: ("Budget in twenty languages\n\n" + "\n\n".join(TWENTY_LANGUAGES)).encode(), outcome="stored",
             does="stored with the language of the opening text", check=lambda rs: len(rs[0].body.split("\n\n")) == 20 and bool(rs[0].language)),
    BadInput(kind="right-to-left-arabic", reader="text", name="ar.txt",
             make=lambda: "تصويت المجلس على الميزانية\n\nصوت مجلس المدينة يوم الثلاثاء على الموافقة على الميزانية الجديدة للميناء بعد نقاش طويل، حسبما قال المسؤولون.".encode(),
             outcome="stored", does="stored with its language (ar)", check=_languages(("ar", ""))),
    BadInput(kind="right-to-left-hebrew", reader="text", name="he.txt",
             make=lambda: "המועצה אישרה את התקציב\n\nמועצת העיר אישרה ביום שלישי את תקציב הנמל החדש לאחר דיון ארוך, כך מסרו פקידים.".encode(),
             outcome="stored", does="stored with its language (he)", check=_languages(("he", ""))),
    BadInput(kind="cjk-chinese", reader="text", name="zh.txt",
             make=lambda: "北京市政府宣布新的交通计划\n\n北京市政府周一宣布了一项新的公共交通计划。该计划将在未来五年内投资一千亿元人民币，用于扩建地铁网络和公交系统。".encode(),
             outcome="stored", does="stored with its language (zh): \"。\" ends a sentence, unspaced words are counted",
             check=lambda rs: rs[0].language == "zh" and rs[0].title == "北京市政府宣布新的交通计划"),
    BadInput(kind="cjk-japanese", reader="text", name="ja.txt",
             make=lambda: "東京で地震\n\n気象庁によると、東京で火曜日の朝にマグニチュード五・八の地震が発生しました。けが人の報告はありません。".encode(),
             outcome="stored", does="stored with its language (ja)", check=_languages(("ja", ""))),
    BadInput(kind="hangul-korean", reader="text", name="ko.txt",
             make=lambda: "서울 시의회 예산 승인\n\n서울 시의회는 화요일 긴 토론 끝에 새로운 항구 예산을 승인했다고 관계자들이 밝혔다.".encode(),
             outcome="stored", does="stored with its language (ko)", check=_languages(("ko", ""))),
    # JSON Lines
    BadInput(kind="jsonl-broken-json", reader="jsonl", name="broken.jsonl", make=lambda: b'{"text": "unclosed\n', outcome="bad-json",
             does="that line rejected as bad-json, with its line number"),
    BadInput(kind="jsonl-not-an-object", reader="jsonl", name="list.jsonl", outcome="bad-record", keeps_others=True,
             make=lambda: _jsonl({"text": SENTENCE}, [1, 2, 3]), does="that line rejected as bad-record; the other lines stored"),
    BadInput(kind="jsonl-ansi-and-markup-title", reader="jsonl", name="ansi.jsonl",
             make=lambda: _jsonl({"title": "\x1b[31mRed\x1b[0m\x07 [link=https://evil.example]title[/link]", "text": SENTENCE}),
             outcome="stored", does="stored as written; the CLI drops control characters and shows the markup literally",
             check=lambda rs: "[link=" in rs[0].title),
    BadInput(kind="jsonl-wrong-types", reader="jsonl", name="types.jsonl",
             make=lambda: _jsonl({"text": SENTENCE, "title": {"name": "T"}, "url": [1, 2], "published": 5, "source": None}),
             outcome="stored", does="stored: lists are joined, objects give their name, numbers become text",
             check=lambda rs: rs[0].title == "T" and rs[0].url == "1, 2"),
    BadInput(kind="jsonl-deeply-nested", reader="jsonl", name="deep.jsonl",
             make=lambda: b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", outcome="bad-json",
             does="rejected as bad-json: nested too deeply to read"),
    BadInput(kind="jsonl-100000-digit-number", reader="jsonl", name="digits.jsonl",
             make=lambda: b'{"text": "x", "published": ' + b"9" * 100_000 + b"}", outcome="bad-json",
             does="rejected as bad-json: a number too long to convert"),
    BadInput(kind="jsonl-lone-surrogate", reader="jsonl", name="surrogate.jsonl",
             make=lambda: b'{"title": "T \\udfff", "text": "' + SENTENCE.encode() + b' \\ud800"}', outcome="stored",
             does="stored with U+FFFD in place of the lone surrogate", check=lambda rs: "\ufffd" in rs[0].title),
    BadInput(kind="jsonl-nul-in-string", reader="jsonl", name="nul.jsonl",
             make=lambda: b'{"title": "T\\u0000", "text": "' + SENTENCE.encode() + b'"}', outcome="stored",
             does="stored (SQLite keeps the NUL; the CLI drops it when printing)", check=lambda rs: rs[0].body.startswith("The council")),
    BadInput(kind="jsonl-date-9999", reader="jsonl", name="far.jsonl", make=lambda: _jsonl({"text": SENTENCE, "published": "9999-12-31"}),
             outcome="stored", does="stored without a date: years after next year are not trusted", check=lambda rs: rs[0].published == ""),
    BadInput(kind="jsonl-date-before-1900", reader="jsonl", name="old.jsonl",
             make=lambda: _jsonl({"text": SENTENCE, "published": "1850-05-01"}, {"text": SENTENCE + " Again.", "published": "1700-01-01"}),
             outcome="stored", does="stored; 1850 kept (archives), years before 1800 dropped",
             check=lambda rs: sorted(r.published for r in rs) == ["", "1850-05-01"]),
    BadInput(kind="jsonl-date-words", reader="jsonl", name="words.jsonl",
             make=lambda: _jsonl({"text": SENTENCE, "published": "the day after tomorrow"}), outcome="stored",
             does="stored; an unparseable date is kept as text and ignored by date logic",
             check=lambda rs: rs[0].published == "the day after tomorrow"),
    BadInput(kind="restore-missing-id", reader="restore", name="noid.jsonl", make=lambda: b'{"record": "report", "body": "x"}',
             outcome="bad-record", does="rejected: a restore line needs an id"),
    BadInput(kind="restore-list-body", reader="restore", name="listbody.jsonl", make=lambda: _restore(body=["a", "b"]),
             outcome="bad-record", does="rejected: body must be a string"),
    BadInput(kind="restore-forged-id", reader="restore", name="forged.jsonl", make=lambda: _restore(id="../../../api/health"),
             outcome="bad-record", does="rejected: the id is not 16 hex digits"),
    BadInput(kind="restore-string-credits", reader="restore", name="credits.jsonl", make=lambda: _restore(credits="Reuters"),
             outcome="bad-record", does="rejected: credits must be a list of strings"),
    BadInput(kind="restore-bad-copy-of", reader="restore", name="copyof.jsonl", make=lambda: _restore(copy_of="<script>"),
             outcome="bad-record", does="rejected: copy_of must be a report id"),
    # HTML
    BadInput(kind="html-deeply-nested", reader="html", name="deep.html",
             make=lambda: _html("<div>" * 100_000 + f"<p>{SENTENCE}</p>" + "</div>" * 100_000), outcome="no-article",
             does="rejected as no-article (the parser gives up on the nesting), in well under a second"),
    BadInput(kind="html-unclosed-tags", reader="html", name="unclosed.html",
             make=lambda: f"<html><body><article><h1>Unclosed<p>{SENTENCE}<p>{SENTENCE} <b>bold <i>italic".encode(),
             outcome="stored", does="stored: the parser closes the tags", check=lambda rs: "Port Ellery" in rs[0].body),
    BadInput(kind="html-navigation-only", reader="html", name="nav.html",
             make=lambda: _html("<nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"), outcome="no-article",
             does="rejected as no-article"),
    BadInput(kind="html-script-only", reader="html", name="script.html",
             make=lambda: _html("<script>" + "var x = 1;" * 1000 + "</script>"), outcome="no-article", does="rejected as no-article"),
    BadInput(kind="html-xxe-entity", reader="html", name="xxe.html",
             make=lambda: b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + _html(_article_html() + "<p>&x;</p>"),
             outcome="stored", does="stored; the external entity is never read", check=lambda rs: "root:" not in rs[0].body),
    BadInput(kind="html-gzip-bomb", reader="html", name="page.html.gz", make=lambda: gzip.compress(b" " * (60 * MB), 9),
             outcome="too-large", does="rejected: inflating stops at ingest.max_file_bytes"),
    # feeds
    BadInput(kind="feed-billion-laughs", reader="feed", name="laughs.xml",
             make=lambda: _feed(_item("&l9;", "&l9;"), _laughs()), outcome="bad-feed",
             does="rejected as bad-feed: the XML parser refuses the entity amplification"),
    BadInput(kind="feed-xxe", reader="feed", name="xxe.xml",
             make=lambda: _feed(_item("Leak &x;", f"{SENTENCE * 8} &x;"), '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
             outcome="stored", does="stored without the entity: external entities are never read",
             check=lambda rs: all("root:" not in r.body + r.title for r in rs)),
    BadInput(kind="feed-truncated", reader="feed", name="cut.xml", make=lambda: _feed(_item("A", SENTENCE) * 3)[:-60],
             outcome="bad-feed", keeps_others=True, does="the entries before the break are stored, then a bad-feed rejection"),
    BadInput(kind="feed-no-items", reader="feed", name="none.xml", make=lambda: _feed(""), outcome="empty",
             does="rejected: the feed has no entries"),
    # web archives
    BadInput(kind="warc-truncated", reader="warc", name="cut.warc",
             make=lambda: _warc([("https://a.example/1", _html(_article_html()), {})] * 2)[:-200], outcome="truncated", keeps_others=True,
             does="the records before the break are stored, then a truncated rejection"),
    BadInput(kind="warc-gzip-body-bomb", reader="warc", name="bomb.warc",
             make=lambda: _warc([("https://a.example/b", gzip.compress(b" " * (30 * MB), 9), {"Content-Encoding": "gzip"})]),
             outcome="too-large", does="that record rejected: its body inflates past 20 MB"),
    BadInput(kind="warc-garbage", reader="warc", name="junk.warc", make=lambda: b"WARC/1.0\r\nnonsense\r\n\r\n" * 50,
             outcome="truncated", does="rejected as truncated at the first bad record"),
    # compression and archives
    BadInput(kind="gzip-bomb", reader="gzip", name="bomb.txt.gz", make=lambda: gzip.compress(b"\0" * (200 * MB), 9),
             outcome="too-large", does="rejected: inflating stops at ingest.max_file_bytes (a 200 MB stream read no further)"),
    BadInput(kind="gzip-truncated", reader="gzip", name="cut.txt.gz", make=lambda: gzip.compress(ARTICLE.encode() * 50)[:-40],
             outcome="truncated", does="rejected as truncated"),
    BadInput(kind="gzip-of-gzip", reader="gzip", name="twice.txt.gz", make=lambda: gzip.compress(gzip.compress(ARTICLE.encode())),
             outcome="binary", does="one layer is inflated; the inner gzip is binary and rejected"),
    BadInput(kind="zip-bomb", reader="zip", name="bomb.zip", make=lambda: _zip("a.txt", b"\0" * (50 * MB)), outcome="binary",
             does="rejected as binary: zip archives are not read, so nothing is inflated"),
)

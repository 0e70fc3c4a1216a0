"""A generated news corpus for throughput measurements, shaped like a day of real news.

    records = make_corpus(1000, seed=7)     # JSON-ready dicts, in arrival order

Every figure the pipeline's cost depends on follows real news: about 600 words a report in
paragraphs of two or three sentences, heavy-tailed story sizes (most stories have one
report, a few have dozens), a tenth of reports are wire copies with a few words changed and
the last paragraph cut, outlets of Zipf-like popularity, and stories whose reports share
their facts (names, places, figures, quotes) so copies, stories and corroboration find
real work. The sentences are built from templates written for this module, filled with
invented names, so the text parses like news without copying anyone's. Generation is a
pure function of the size and the seed.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Words per report: mean and spread of a normal draw, clipped (real wire and newspaper
# reports run from short briefs to long features around a mean near 600).
WORDS_MEAN = 600
WORDS_SPREAD = 200
WORDS_MIN = 120
WORDS_MAX = 1500
# Story sizes: a Zipf draw with this exponent, capped (most stories are one report).
STORY_SIZE_EXPONENT = 2.0
STORY_SIZE_MAX = 200
# Share of a story's later reports that reprint an earlier one (wire copies).
COPY_SHARE = 0.1
# Outlets, and the Zipf exponent of how often each publishes.
OUTLETS = 300
OUTLET_EXPONENT = 1.0
# The facts a story's reports draw from, and how many of them each report states.
STORY_FACTS = 14
FACTS_PER_REPORT = 8
# Days a corpus spans, and days a story's reports spread over.
SPAN_DAYS = 30
STORY_DAYS = 3
SEED = 7

_SYLLABLES = ("ka", "lo", "mer", "tan", "vi", "dor", "el", "sa", "bren", "ho", "ul", "rik", "na", "fen", "ta", "gar",
              "mi", "os", "pel", "ru", "sten", "ad", "wick", "ly", "bar", "cor", "den", "ith", "mon", "zel")
_FIRST_NAMES = ("Anna", "Tomas", "Leila", "Marco", "Ines", "David", "Yusuf", "Clara", "Pavel", "Nadia", "Hugo", "Mei",
                "Oskar", "Rosa", "Samir", "Elena", "Jonas", "Priya", "Felix", "Amara", "Viktor", "Lena", "Omar", "Ida")
_ROLES = ("the minister of transport", "the regional governor", "a police spokesman", "the company's chief executive",
          "the mayor", "a union leader", "the fire chief", "a hospital spokeswoman", "the opposition leader",
          "an industry analyst", "the health minister", "a local councillor")
_ORG_KINDS = ("Group", "Holdings", "Energy", "Medical", "Airways", "Bank", "Rail", "Foods", "Council", "Institute")
_TOPICS = (("fire", "blaze", "firefighters", "hectares"), ("strike", "walkout", "workers", "wages"),
           ("flood", "floodwaters", "residents", "rainfall"), ("merger", "deal", "shareholders", "shares"),
           ("election", "vote", "voters", "seats"), ("recall", "product", "customers", "batches"),
           ("crash", "collision", "passengers", "vehicles"), ("protest", "demonstration", "protesters", "police"),
           ("trial", "court", "jurors", "charges"), ("outbreak", "infection", "patients", "cases"),
           ("budget", "spending plan", "taxpayers", "billion"), ("storm", "winds", "households", "power lines"))
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A story's facts: each template names the story's cast and figures, so every report that
# states one states the same fact.
_FACT_TEMPLATES = (
    "{org} said on {day} that the {topic} at its site near {place} had affected about {n1} {people}.",
    "At least {n2} {people} were taken to hospital in {place} after the {topic}, {role} {person} said.",
    "\"We are doing everything we can to help the families affected,\" {person} told reporters in {place}.",
    "The {topic} began early on {day} morning and had spread across {n3} {unit} by the evening.",
    "{person2}, who has led {org} since {year}, said the company would pay for an independent review.",
    "Officials in {country} said {n4} {people} had been moved from their homes as a precaution.",
    "The {alt} was the largest in {place} since {year}, according to figures from the {org2}.",
    "{person} said the cost of the {topic} could reach {n5} million dollars.",
    "Emergency crews from {place2} and {place} worked through the night, {role} said.",
    "The {org2} said it had warned {org} about the risk of a {topic} in {year}.",
    "{person2} is expected to meet {person} in {place} on {day} to discuss the response.",
    "\"Nobody saw this coming on this scale,\" said {person2}, adding that {n1} {people} had been contacted.",
    "Shares in {org} fell {n6} percent in early trading after news of the {topic}.",
    "Prosecutors in {place} said they had opened an investigation into the {alt}.",
    "The government of {country} has promised {n5} million dollars in aid for {place}.",
    "Residents said the {alt} reached their streets within hours, and {n2} {people} remain in shelters.",
)
# A report's own sentences around the facts, drawn word by word from a small grammar, so two
# reports of one story share their facts but not their wording (real copy rates need it).
_ADJECTIVES = tuple("""new local national early late main key former senior small large rural urban coastal northern
southern eastern western public private regional federal official annual recent further serious major minor strong
weak sudden slow rapid costly heavy light long short wide narrow temporary permanent emergency independent joint
careful cautious angry worried hopeful frustrated quiet busy""".split())
_NOUNS = tuple("""council report plan review decision inquiry committee agency board court ministry programme project
budget contract policy proposal agreement warning statement figure estimate survey study audit hearing meeting
campaign effort response system network service station hospital school bridge road railway port airport market
factory plant office district province region village town community group union company firm bank insurer""".split())
_PLURALS = tuple("""residents officials workers families engineers volunteers analysts lawmakers investors drivers
farmers teachers doctors nurses students inspectors experts critics neighbours witnesses businesses shops schools
clinics roads homes offices buildings vehicles flights trains contracts documents records claims""".split())
_VERBS = tuple("""approved rejected delayed reviewed announced criticised questioned praised extended cancelled
suspended expanded reduced increased examined published released confirmed denied challenged welcomed opposed
supported funded repaired inspected closed reopened replaced tested""".split())
_INTRANSITIVE = tuple("""gathered waited returned arrived left protested worked stayed struggled recovered complained
responded volunteered met spoke""".split())
_TIMES = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "over the weekend", "last week",
          "last month", "earlier this year", "in recent days", "late on Sunday", "this morning", "within hours",
          "by the end of the month", "next year", "in the coming weeks", "since the spring", "overnight")
_PREPOSITIONS = ("in", "near", "outside", "across", "around", "north of", "south of", "along the coast from")
_SAYINGS = ("said", "told reporters", "said in a statement", "wrote on social media", "told local radio",
            "said at a news conference", "added")
_FILLER_PATTERNS = (
    "The {a} {n} {v} the {a2} {n2} {t}, {who} {say}.",
    "{Who} said the {n} had {v} {many} {p} {prep} {place} {t}.",
    "\"We have {v} every {n} we could,\" {who} {say}, adding that {p} {prep} {place} were {a}.",
    "According to the {org}, {many} {p} {i} {prep} {place} {t}.",
    "{Many} {p} {i} {t} after the {a} {n} was {v}.",
    "The {n} in {place} was {v} {t}, and {many} {a} {p} are expected to follow.",
    "Critics said the {a} {n} should have been {v} {t}, but {who} disagreed.",
    "It was the {a} time the {n} had been {v} since {year}, {who} {say}.",
    "A {a} {n} {v} by the {org} {t} found that {many} {p} had been affected.",
    "{Who} {say} that {p} from {place2} {i} {prep} {place} {t}.",
)


def _filler(rng: random.Random, names: dict[str, str]) -> str:
    """One sentence of a report's own wording, in the story's setting."""
    who = rng.choice((names["person"], names["person2"], names["role"], f"a spokesperson for {names['org']}"))
    many = rng.choice(("dozens of", "hundreds of", "several", "many", "some", "a few", str(rng.randrange(3, 400))))
    words = {
        "a": rng.choice(_ADJECTIVES), "a2": rng.choice(_ADJECTIVES), "n": rng.choice(_NOUNS), "n2": rng.choice(_NOUNS),
        "p": rng.choice(_PLURALS), "v": rng.choice(_VERBS), "i": rng.choice(_INTRANSITIVE), "t": rng.choice(_TIMES),
        "prep": rng.choice(_PREPOSITIONS), "say": rng.choice(_SAYINGS), "who": who, "Who": who[0].upper() + who[1:],
        "many": many, "Many": many[0].upper() + many[1:], "place": names["place"], "place2": names["place2"],
        "org": rng.choice((names["org"], names["org2"])), "year": str(rng.randrange(1990, 2025)),
    }
    return rng.choice(_FILLER_PATTERNS).format(**words)


@dataclass(frozen=True, kw_only=True)
class _Story:
    """What every report of one story shares: its cast, its figures and its facts."""

    number: int
    first_day: int
    names: dict[str, str]
    facts: tuple[str, ...]


def make_corpus(size: int, seed: int = SEED) -> list[dict[str, Any]]:
    """`size` reports as JSON Lines records (url, source, source_domain, title, date_publish, text), in arrival order."""
    rng = random.Random(seed)
    outlets = _outlets(rng)
    weights = [1.0 / (rank + 1) ** OUTLET_EXPONENT for rank in range(len(outlets))]
    start = datetime.datetime(2026, 3, 1, 6, 0)
    records: list[dict[str, Any]] = []
    number = 0
    while len(records) < size:
        story = _story(rng, number)
        reports = min(_zipf(rng, STORY_SIZE_EXPONENT, STORY_SIZE_MAX), size - len(records))
        earlier: list[dict[str, Any]] = []
        for index in range(reports):
            name, domain = rng.choices(outlets, weights)[0]
            when = start + datetime.timedelta(days=story.first_day, minutes=rng.randrange(STORY_DAYS * 24 * 60))
            if earlier and rng.random() < COPY_SHARE:
                title, text = _copy(rng, rng.choice(earlier))
            else:
                title, text = _report(rng, story)
            record = {
                "url": f"https://www.{domain}/news/{story.number}-{index}",
                "source": name,
                "source_domain": domain,
                "title": title,
                "date_publish": when.strftime("%Y-%m-%d %H:%M:%S"),
                "text": text,
            }
            earlier.append(record)
            records.append(record)
        number += 1
    records.sort(key=lambda record: (record["date_publish"], record["url"]))
    return records


def words_in(records: Sequence[dict[str, Any]]) -> int:
    """Words in the reports' titles and bodies."""
    return sum(len(record["title"].split()) + len(record["text"].split()) for record in records)


def _outlets(rng: random.Random) -> list[tuple[str, str]]:
    """(name, domain) of each outlet, the most prolific first."""
    kinds = ("Gazette", "Courier", "Herald", "Observer", "News", "Times", "Post", "Chronicle", "Report", "Daily")
    outlets: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(outlets) < OUTLETS:
        place = _word(rng, 2).title()
        kind = rng.choice(kinds)
        domain = f"{place.lower()}{kind.lower()}.example"
        if domain not in seen:
            seen.add(domain)
            outlets.append((f"The {place} {kind}", domain))
    return outlets


def _story(rng: random.Random, number: int) -> _Story:
    topic, alt, people, unit = rng.choice(_TOPICS)
    surnames = [_word(rng, 3).title() for _ in range(2)]
    names = {
        "person": f"{rng.choice(_FIRST_NAMES)} {surnames[0]}",
        "person2": f"{rng.choice(_FIRST_NAMES)} {surnames[1]}",
        "org": f"{_word(rng, 2).title()} {rng.choice(_ORG_KINDS)}",
        "org2": f"{_word(rng, 2).title()} {rng.choice(_ORG_KINDS)}",
        "place": _word(rng, 3).title(),
        "place2": _word(rng, 2).title() + "ton",
        "country": "Republic of " + _word(rng, 2).title(),
        "country2": _word(rng, 3).title() + "ia",
        "role": rng.choice(_ROLES),
        "day": rng.choice(_DAYS),
        "year": str(rng.randrange(1990, 2025)),
        "topic": topic, "alt": alt, "people": people, "unit": unit,
        "n1": f"{rng.randrange(2, 900) * 10:,}", "n2": str(rng.randrange(3, 60)), "n3": str(rng.randrange(5, 400)),
        "n4": f"{rng.randrange(10, 500) * 10:,}", "n5": str(rng.randrange(2, 90)), "n6": str(rng.randrange(2, 15)),
        "n7": f"{rng.randrange(5, 200) * 1000:,}",
    }
    facts = tuple(template.format(**names) for template in rng.sample(_FACT_TEMPLATES, STORY_FACTS))
    return _Story(number=number, first_day=rng.randrange(SPAN_DAYS), names=names, facts=facts)


def _report(rng: random.Random, story: _Story) -> tuple[str, str]:
    """A report of the story: a title, a dateline, some of the story's facts among its own sentences."""
    target = max(WORDS_MIN, min(WORDS_MAX, int(rng.gauss(WORDS_MEAN, WORDS_SPREAD))))
    sentences = list(rng.sample(story.facts, FACTS_PER_REPORT))
    words = sum(len(sentence.split()) for sentence in sentences)
    while words < target:
        filler = _filler(rng, story.names)
        sentences.insert(rng.randrange(1, len(sentences) + 1), filler)
        words += len(filler.split())
    paragraphs: list[str] = []
    while sentences:
        take = rng.choice((1, 2, 2, 3))
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    paragraphs[0] = f"{story.names['place'].upper()} — {paragraphs[0]}"
    names = story.names
    title = f"{names['topic'].capitalize()} in {names['place']}: {names['org']} says {names['n1']} {names['people']} affected"
    return title, "\n\n".join(paragraphs)


def _copy(rng: random.Random, original: dict[str, Any]) -> tuple[str, str]:
    """A reprint: the original's text less its last paragraph, a few words changed, a new headline."""
    paragraphs = original["text"].split("\n\n")
    if len(paragraphs) > 2:
        paragraphs = paragraphs[:-1]
    tokens = "\n\n".join(paragraphs).split(" ")
    for _ in range(max(1, len(tokens) // 100)):
        tokens[rng.randrange(len(tokens))] = rng.choice(("also", "now", "earlier", "reportedly"))
    return "UPDATE: " + original["title"], " ".join(tokens)


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def _zipf(rng: random.Random, exponent: float, cap: int) -> int:
    """A draw from a Zipf law with this exponent, at most `cap` (inverse transform over 1..cap)."""
    weights = [1.0 / k**exponent for k in range(1, cap + 1)]
    return rng.choices(range(1, cap + 1), weights)[0]

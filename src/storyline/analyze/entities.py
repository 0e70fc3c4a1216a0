"""Canonical entities of one report: one entity for "Justin Trudeau", "Trudeau" and
"Prime Minister Trudeau"; capitals and demonyms that stand for a country become that
country (ISO 3166 code); roles (government, opposition, military, business, party) where
the words around a mention give them.

The key of an entity is stable across reports ("country:CN", "person:justin trudeau"),
so corroboration can merge entities by key and only has to join short names to full ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.analyze.lexicon import Lexicon
from storyline.analyze.outlets import outlet_name
from storyline.models import Entity, Mention

# spaCy labels that name an actor or a place; dates and numbers are slots, not entities.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# Dependency labels under which a capital acts ("Beijing denied", "accused Beijing of").
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative", "appos"})
# When a mention's context gives several roles, the most specific wins.
ROLE_PRIORITY = ("opposition", "military", "police", "government", "party", "business")
# Roles a country mention can take from its context ("Chinese government", "Russian army").
STATE_ROLES = frozenset({"government", "military", "police"})
# Countries that share their name with a US state, and the words that place a report in US
# politics (then the name is the state) or abroad (then it stays the country).
US_NAMESAKES = frozenset({"GE"})
_US_POLITICS = re.compile(r"\b(?:Republicans?|Democrats?|Democratic|GOP|Atlanta|runoffs?|county|counties|Gov\.|governor|electoral)\b")
_US_NAMESAKE_ABROAD = re.compile(r"\b(?:Tbilisi|Georgians?|Abkhazia|South Ossetia|Caucasus)\b")
_TICKER = re.compile(r"^(?:[A-Z0-9]{1,6}\.[A-Z]{1,3}|\d{4,})$")
_CORPORATE = frozenset({"corp", "corp.", "corporation", "inc", "inc.", "ltd", "ltd.", "plc", "llc", "co", "co.", "sa", "ag", "nv", "limited", "group", "holdings"})
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass
class _Builder:
    key: str
    name: str
    kind: str
    country: str = ""
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0


@dataclass
class EntityTable:
    """Entities of one report and, for each token inside a mention, the entity it names."""

    entities: dict[str, _Builder] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    spans: list[tuple[int, str]] = field(default_factory=list)

    def records(self, report_id: str) -> tuple[Entity, ...]:
        """The entities as model records, in order of first mention."""
        return tuple(
            Entity(
                id=b.key,
                name=b.name,
                kind=b.kind,
                country=b.country,
                role=pick_role(b.roles),
                aliases=tuple(sorted(set(b.aliases) - {b.name})),
                mentions=b.mentions,
                reports=(report_id,),
            )
            for b in self.entities.values()
        )

    def entity_of(self, token: Token) -> str:
        """The entity a token belongs to, or ""."""
        return self.by_token.get(token.i, "")


def pick_role(roles: list[str]) -> str:
    """The most specific role among those the mentions gave."""
    present = set(roles)
    return next((role for role in ROLE_PRIORITY if role in present), "")


def find_entities(doc: Doc, report_id: str, lexicon: Lexicon, sentence_of: dict[int, int]) -> EntityTable:
    """Canonical entities and mentions of a parsed report."""
    table = EntityTable()
    full_names: dict[str, str] = {}
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    for ent in people:
        words = _person_words(ent, lexicon)
        if len(words) > 1:
            full_names.setdefault(words[-1].lower(), " ".join(words))
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        resolved = _resolve(ent, lexicon, full_names)
        if resolved is None:
            continue
        key, name, kind, country, role = resolved
        builder = table.entities.get(key)
        if builder is None:
            builder = table.entities[key] = _Builder(key=key, name=name, kind=kind, country=country)
        elif len(name) > len(builder.name) and kind not in ("country",):
            builder.name = name
        builder.mentions += 1
        builder.aliases.append(ent.text)
        if role:
            builder.roles.append(role)
        table.kinds[key] = kind
        table.spans.append((ent.start, key))
        for token in ent:
            table.by_token[token.i] = key
        table.mentions.append(
            Mention(
                entity=key,
                report=report_id,
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                sentence=sentence_of.get(ent.start, -1),
            )
        )
    return table


def _resolve(ent: Span, lexicon: Lexicon, full_names: dict[str, str]) -> tuple[str, str, str, str, str] | None:
    """(key, name, kind, country, role) of one named-entity span."""
    label = ent.label_
    text = _strip_article(ent.text)
    role = _context_role(ent, lexicon)
    if label in ("GPE", "LOC", "FAC", "NORP") and role not in STATE_ROLES:
        role = ""
    if label in ("GPE", "LOC", "FAC"):
        code = lexicon.country_code(text)
        if code in US_NAMESAKES and _US_POLITICS.search(ent.doc.text) and not _US_NAMESAKE_ABROAD.search(ent.doc.text):
            # "Georgia's Republican secretary of state": the US state, not the country.
            return f"place:{text.lower()}", text, "place", "US", ""
        if code:
            return f"country:{code}", lexicon.country_name(code), "country", code, role
        capital = lexicon.capitals.get(ent.text.lower()) or lexicon.capitals.get(text.lower())
        if capital and (ent.root.dep_ in ACTING_DEPS or role == "government"):
            return f"country:{capital}", lexicon.country_name(capital), "country", capital, "government"
        # Outlets named after a place ("the Tamsin Bay Courier reported") are tagged as places.
        outlet = outlet_name(ent.text)
        if not capital and (outlet or _is_outlet_phrase(ent, lexicon)):
            name = outlet or text
            return f"outlet:{name.lower()}", name, "outlet", "", ""
        return f"place:{text.lower()}", text, "place", capital or "", ""
    if label == "NORP":
        demonym_country = lexicon.demonyms.get(text.lower())
        if demonym_country:
            return f"country:{demonym_country}", lexicon.country_name(demonym_country), "country", demonym_country, role
        if text.endswith("s") and text[:1].isupper():
            singular = text[:-1]
            return f"party:{singular.lower()}", f"{singular} Party", "organisation", "", "party"
        return f"group:{text.lower()}", text, "group", "", role
    if label == "PERSON":
        words = _person_words(ent, lexicon)
        if not words:
            return None
        if len(words) == 1:
            full = full_names.get(words[0].lower())
            name = full or words[0]
        else:
            name = " ".join(words)
        return f"person:{name.lower()}", name, "person", "", role
    outlet = outlet_name(ent.text)
    if outlet or _is_outlet_phrase(ent, lexicon):
        name = outlet or text
        return f"outlet:{name.lower()}", name, "outlet", "", ""
    name, country = _organisation_name(ent, text, lexicon)
    if not name:
        return None
    key = name.lower()
    if key.endswith(" party"):
        return f"party:{key[:-6].strip()}", name, "organisation", country, role or "party"
    return f"org:{key}", name, "organisation", country, role


def _strip_article(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip()) if text.endswith(("'s", "’s")) else text.strip()
    return text[4:] if text.lower().startswith("the ") else text


def _person_words(ent: Span, lexicon: Lexicon) -> list[str]:
    words = [t.text for t in ent if not t.is_punct and t.text not in ("'s", "’s")]
    while words and words[0].lower().rstrip(".") in lexicon.titles:
        words = words[1:]
    while len(words) > 1 and " ".join(words[:2]).lower() in lexicon.titles:
        words = words[2:]
    return words


def _organisation_name(ent: Span, text: str, lexicon: Lexicon) -> tuple[str, str]:
    """Name without tickers, and the country of an "X of Canada" suffix."""
    words = [w for w in text.split() if not _TICKER.match(w)]
    country = ""
    if len(words) > 2 and words[-2].lower() == "of":
        code = lexicon.country_code(words[-1])
        if code:
            country = code
            words = words[:-2]
    while len(words) > 1 and words[-1].lower() in _CORPORATE:
        words = words[:-1]
    name = " ".join(words)
    if name.lower().endswith(" party"):
        name = name[:-6] + " Party"
    return name, country


def _is_outlet_phrase(ent: Span, lexicon: Lexicon) -> bool:
    """An organisation followed by "television", "newspaper" or told something is an outlet."""
    root = ent.root
    head = root.head
    if head.i != root.i and head.dep_ in ("dobj", "dative") and root.dep_ == "compound" and head.lemma_.lower() in lexicon.outlet_nouns:
        return True
    if root.dep_ in ("dobj", "dative") and head.lemma_ == "tell":
        return True
    if root.dep_ == "nsubj" and head.lemma_ in ("report", "write", "publish", "broadcast") and head.tag_ != "VBG":
        # "Acme reported record profits" is a company reporting results, not an outlet.
        return not any(c.dep_ == "dobj" for c in head.children) and not any(t.lower_.rstrip(".") in _CORPORATE for t in ent)
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _context_role(ent: Span, lexicon: Lexicon) -> str:
    """A role from the mention's own words, its head noun, its modifiers or its appositive."""
    roles: list[str] = []
    root = ent.root
    for token in ent:
        role = lexicon.roles.get(token.lower_)
        if role:
            roles.append(role)
    head = root.head
    if root.dep_ in ("amod", "compound", "poss", "nmod") and head.i != root.i:
        role = lexicon.roles.get(head.lemma_.lower())
        if role:
            roles.append(role)
        for sibling in head.children:
            if sibling.dep_ in ("amod", "compound") and sibling.i not in range(ent.start, ent.end):
                role = lexicon.roles.get(sibling.lemma_.lower())
                if role:
                    roles.append(role)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        role = lexicon.roles.get(head.head.lemma_.lower())
        if role:
            roles.append(role)
    for child in root.children:
        if child.dep_ in ("compound", "amod") and child.i < ent.start:
            role = lexicon.roles.get(child.lemma_.lower())
            if role:
                roles.append(role)
        if child.dep_ == "appos":
            for token in child.subtree:
                role = lexicon.roles.get(token.lemma_.lower())
                if role:
                    roles.append(role)
    # Titles just before a name ("Prime Minister Justin Trudeau", "party leader Andrew Scheer").
    index = ent.start - 1
    doc = ent.doc
    while index >= 0 and index >= ent.start - 3 and doc[index].dep_ in ("compound", "amod"):
        role = lexicon.roles.get(doc[index].lower_)
        if role:
            roles.append(role)
        index -= 1
    return pick_role(roles)

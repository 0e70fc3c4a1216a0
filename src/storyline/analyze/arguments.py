"""The phrases a clause's verb governs, and the verb's tense, read off the parse.

An event's target is the one acted on: the verb's object ("accused Iran"), its dative
("offered Flynn a pardon"), a prepositional phrase of the verb ("met with Macron",
"sanctions against Iran") or one of the object noun ("held talks with Xi"). Which of these
counts depends on the event (a topic discussed is no partner, "in Canada" is a place, not a
target), so all are kept with their role and the coder chooses.

    arguments = verb_arguments(verb, in_clause, table)   # -> tuple[Argument, ...]
    tense = verb_tense(head)                              # "past-perfect", "perfect", "past", ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from storyline.analyze.entities import EntityTable
from storyline.models import Argument

# Dependencies of a verb's nominal arguments, and the role each is kept under.
NOMINAL_ROLES = {"dobj": "object", "dative": "dative", "attr": "attribute", "oprd": "attribute", "nsubjpass": "patient"}
# Modifiers of a head noun that name whom it belongs to or where it is from ("China's
# leader", "U.S. officials", "Chinese diplomats").
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# Conjunctions of a condition: "unless Israel rescinds", "if the United States goes ahead".
CONDITION_MARKS = frozenset({"unless", "if", "until"})
# Longest argument text kept (tokens): it is a label, the clause carries the detail.
MAX_ARGUMENT_TOKENS = 14


def verb_arguments(verb: Token, in_clause: Callable[[Token], bool], table: EntityTable) -> tuple[Argument, ...]:
    """Object, dative, passive subject ("patient"), agent and prepositional phrases of `verb`,
    prepositional phrases of its nominal arguments ("object with", "by with"), the subject of
    its complement clause ("complement subject") and of a condition ("condition subject"), and
    what a purpose clause acts on ("purpose object", "purpose of"), in text order, each with
    the entity its head names."""
    found: list[Argument] = []
    for child in verb.children:
        if child.dep_ == "ccomp":
            # "demanded that the US cancel ...": who is asked to act, in a clause of its own;
            # "ordered that Kushner be given clearance", "ordered Mueller fired": who is acted on.
            asked = "complement patient" if _passive_complement(child) else "complement subject"
            found.extend(_argument(asked, s, table) for s in child.children if s.dep_ in ("nsubj", "nsubjpass"))
        if child.dep_ == "advcl":
            found.extend(_adverbial(child, table))
        if not in_clause(child):
            continue
        role = NOMINAL_ROLES.get(child.dep_)
        if role is not None:
            # "issued an ultimatum to Russia": the parser may make the preposition the dative;
            # whom it names is its object.
            child = next((c for c in child.children if c.dep_ == "pobj"), child) if child.dep_ == "dative" else child
            found.append(_argument(role, child, table))
            found.extend(_prepositions(child, "object ", in_clause, table))
        elif child.dep_ == "agent":
            found.extend(_argument("agent", pobj, table) for pobj in child.children if pobj.dep_ == "pobj")
        elif child.dep_ == "prep":
            for argument, pobj in _prepositions_with_heads(verb, "", in_clause, table, only=child):
                found.append(argument)
                # "discussed Iran by telephone with Trump": the parser hangs the partner on the noun.
                found.extend(_prepositions(pobj, argument.role + " ", in_clause, table))
    found.sort(key=lambda a: a.start)
    lemma = verb.lemma_.lower()
    return tuple(replace(argument, verb=lemma) for argument in found)


def _passive_complement(clause: Token) -> bool:
    """Whether a complement clause is passive: its subject is acted on ("that Kushner be given
    clearance"), or its verb is a bare participle ("ordered Mueller fired", which the tagger
    may read as a past tense with no auxiliary before it)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in clause.children):
        return True
    auxiliaries = [c for c in clause.children if c.dep_ == "aux"]
    return clause.tag_ in ("VBN", "VBD") and not auxiliaries and not any(c.dep_ == "mark" for c in clause.children)


def _adverbial(clause: Token, table: EntityTable) -> list[Argument]:
    """Whom an adverbial clause names: the subject of a condition ("threatened a strike unless
    Israel rescinded ..." -> "condition subject") and the object or the phrases of a purpose
    ("staged demonstrations to demand the resignation of Suharto", "opened fire to disperse
    demonstrators" -> "purpose object", "purpose of")."""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if marks & CONDITION_MARKS:
        return [_argument("condition subject", s, table) for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")]
    infinitive = clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    if not (infinitive or clause.tag_ == "VBG") or any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return []
    found = []
    for child in clause.children:
        if child.dep_ in ("dobj", "dative"):
            found.append(_argument("purpose object", child, table))
            found.extend(_prepositions(child, "purpose ", lambda _: True, table))
        elif child.dep_ == "prep":
            found.extend(_prepositions(clause, "purpose ", lambda _: True, table, only=child))
        elif child.dep_ == "ccomp":
            found.extend(_argument("purpose object", s, table) for s in child.children if s.dep_ in ("nsubj", "nsubjpass"))
    return found


def verb_tense(head: Token) -> str:
    """"past-perfect" (had agreed), "perfect" (has agreed), "future" (will agree), "modal" (could
    agree), "past", "present", or "" for a verb form without a tense (participle, infinitive)."""
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxiliaries}
    tags = {c.tag_ for c in auxiliaries} | {head.tag_}
    if "had" in words and head.tag_ == "VBN" or "had" in words and "been" in words:
        return "past-perfect"
    if words & {"has", "have", "'ve", "’ve"} or ("'s" in words and head.tag_ == "VBN" and "been" in words):
        return "perfect"
    if words & {"will", "shall", "'ll", "’ll"}:
        return "future"
    if "MD" in tags:
        return "modal"
    if "VBD" in tags:
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return ""


def _prepositions(
    governor: Token, prefix: str, in_clause: Callable[[Token], bool], table: EntityTable, only: Token | None = None
) -> list[Argument]:
    return [argument for argument, _ in _prepositions_with_heads(governor, prefix, in_clause, table, only)]


def _prepositions_with_heads(
    governor: Token, prefix: str, in_clause: Callable[[Token], bool], table: EntityTable, only: Token | None = None
) -> list[tuple[Argument, Token]]:
    """Prepositional phrases of `governor` (or the one `only`), with their object tokens."""
    found = []
    for prep in ([only] if only is not None else governor.children):
        if prep.dep_ != "prep" or not in_clause(prep):
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and in_clause(pobj):
                found.append((_argument(prefix + prep.lower_, pobj, table), pobj))
    return found


def _argument(role: str, head: Token, table: EntityTable) -> Argument:
    """The phrase headed by `head`: the entity the head (or its apposition) names, and one its
    modifiers name as owner or origin."""
    entity = table.entity_of(head) or next((table.entity_of(c) for c in head.children if c.dep_ == "appos" and table.entity_of(c)), "")
    owner = ""
    for child in head.children:
        if child.dep_ in OWNER_DEPS or (child.dep_ == "prep" and child.lower_ == "of"):
            owner = next((table.entity_of(t) for t in child.subtree if table.entity_of(t) and table.entity_of(t) != entity), "")
            if owner:
                break
    words = [t for t in head.subtree if not t.is_space][:MAX_ARGUMENT_TOKENS]
    text = "".join(t.text_with_ws for t in words).strip()
    return Argument(role=role, text=text, head=head.lemma_.lower(), entity=entity, owner=owner, start=head.left_edge.idx)

"""Split parsed sentences into clauses: the units a fact is stated in.

A clause is a verb with its own arguments: the main clause, a complement ("said that X"),
a coordinated finite verb ("denies ..., and says ..."), a relative clause with its own
subject ("a law, which requires ..."), an adverbial clause with its own subject. Examples
introduced by "such as" / "including" become their own unit, and so do long direct
quotations. A reporting clause ("the government said", "the Globe and Mail reported")
is not a claim of its own: it is the attribution of the clause it governs or accompanies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storyline.analyze.lexicon import Lexicon

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})
# "a day when the temperature reached 41 degrees", "the area where the fire crossed the
# road": a relative clause of time or place with its own subject states a claim of its own.
RELATIVE_ADVERBS = frozenset({"when", "where", "whereby"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
VERBAL = frozenset({"VERB", "AUX"})
# An adverbial clause with its own subject is a claim of its own ("even as critics said
# ...", "when the ferry struck the wharf"), except a condition or a deadline of the main
# claim: "suspended until the ferry is inspected". Rerun tests/test_corroborate.py.
BOUND_MARKS = frozenset({"until", "unless", "if", "so"})


@dataclass
class Clause:
    """A clause head, the tokens that belong to it and how it links to the others."""

    index: int
    head: Token
    kind: str
    tokens: list[Token] = field(default_factory=list)
    parent: int = -1
    reporting: bool = False
    attribution: int = -1
    according_to: Token | None = None


@dataclass(frozen=True)
class QuoteSpan:
    """A direct quotation found in the text: token range and the verb that introduces it."""

    start: int
    end: int
    char_start: int
    char_end: int
    text: str
    verb: int
    atomic: bool


def find_clauses(doc: Doc, lexicon: Lexicon, quotes: list[QuoteSpan]) -> list[Clause]:
    """Clauses of the doc in text order, with parents and attributions resolved."""
    quote_of = [-1] * len(doc)
    for number, quote in enumerate(quotes):
        if quote.atomic:
            for i in range(quote.start, quote.end):
                quote_of[i] = number
    clauses: list[Clause] = []
    clause_at: dict[int, int] = {}
    quote_clause: dict[int, int] = {}
    for token in doc:
        if token.is_space or quote_of[token.i] >= 0:
            number = quote_of[token.i]
            if number >= 0 and number not in quote_clause:
                quote_clause[number] = len(clauses)
                clauses.append(Clause(index=len(clauses), head=token, kind="quote"))
            continue
        kind = _clause_kind(token, lexicon, quote_of)
        if kind:
            clause_at[token.i] = len(clauses)
            clauses.append(Clause(index=len(clauses), head=token, kind=kind))
    owner = _assign_tokens(doc, clauses, clause_at, quote_of, quote_clause)
    for clause in clauses:
        if clause.kind == "quote":
            continue
        head = clause.head
        if head.head.i != head.i:
            clause.parent = owner[head.head.i]
    _link_reporting(clauses, owner, lexicon)
    for number, index in quote_clause.items():
        verb = quotes[number].verb
        if verb >= 0 and owner[verb] >= 0 and clauses[owner[verb]].kind == "clause":
            clauses[owner[verb]].reporting = True
            clauses[index].attribution = owner[verb]
    _inherit_attribution(clauses)
    return clauses


def _clause_kind(token: Token, lexicon: Lexicon, quote_of: list[int]) -> str:
    dep = token.dep_
    if dep == "ROOT":
        return "clause"
    if dep == "prep" and token.head.pos_ in ("NOUN", "PROPN") and _is_example_marker(token, lexicon):
        return "example" if any(c.dep_ == "pobj" for c in token.children) else ""
    if token.pos_ not in VERBAL:
        return ""
    children = list(token.children)
    subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
    if dep == "ccomp" and _nonfinite_complement(token, lexicon):
        return ""
    if dep in ("ccomp", "parataxis"):
        return "clause"
    if dep == "relcl":
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
            return "clause"
        adverbial = any(c.dep_ == "advmod" and c.lower_ in RELATIVE_ADVERBS for c in children)
        return "clause" if subject is not None and adverbial else ""
    if dep == "acl":
        return "clause" if _stated_modifier(token) or _named_agent_modifier(token) else ""
    if dep == "pcomp":
        # "with the plant operating by 2030": an absolute construction with its own subject.
        return "clause" if subject is not None and subject.pos_ in ("NOUN", "PROPN") else ""
    if dep == "advcl":
        if subject is None:
            return "clause" if _trailing_participle(token) else ""
        if subject.lower_ in RELATIVE_PRONOUNS:
            return ""
        marks = {c.lower_ for c in children if c.dep_ in ("mark", "advmod")}
        return "" if marks & BOUND_MARKS else "clause"
    if dep == "conj":
        if token.head.pos_ in ("NOUN", "PROPN") and subject is None:
            # A "verb" in a list of nouns is a noun the tagger misread ("paddocks, fences
            # and sheds gone"): verbs coordinate with verbs.
            return ""
        finite = token.tag_ in FINITE_TAGS or any(c.dep_ == "aux" and c.tag_ in FINITE_TAGS for c in children)
        return "clause" if subject is not None or finite else ""
    return ""


def _nonfinite_complement(token: Token, lexicon: Lexicon) -> bool:
    """"could cause patients to receive less insulin", "finding their houses standing": an
    infinitive the parser hangs as a clausal complement of a verb that does not report
    speech, or a bare participle (no auxiliary, no "that") under any verb, completes that
    verb's claim ("patients to receive ..." and "their houses standing" are no claims
    alone; "a dial could cause" says nothing). Speech is never reported in a bare
    participle, so "found their houses standing" is not a finding reported."""
    children = list(token.children)
    if token.tag_ == "VB":
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        return infinitive and token.head.lemma_.lower() not in lexicon.reporting_verbs
    if token.tag_ in ("VBG", "VBN"):
        return not any(c.dep_ in ("aux", "auxpass", "mark") for c in children)
    return False


def _stated_modifier(token: Token) -> bool:
    """A participle modifying a noun that states a fact of its own with its own object ("a
    bus carrying 40 pupils overturned"). One without ("cars sold in Europe", "the tanker,
    owned by a Greek firm,") stays part of its noun, unless it names its agent
    (`_named_agent_modifier`)."""
    if token.tag_ not in ("VBG", "VBN") or token.i < token.head.i:
        return False
    return any(c.dep_ == "dobj" for c in token.children)


def _named_agent_modifier(token: Token) -> bool:
    """A passive participle set off by commas that names who owns, runs or made the noun:
    "the vessel, operated by Carrick Sound Ferries, was carrying ...". It adds a fact of its
    own, which other outlets state in their own clauses. Without the comma ("a line owned by
    Western Plains Power runs near ...") it tells which line is meant and stays part of its
    noun; measured on the example corpus, splitting those off let a bare "line owned by X"
    link "X owns a line" to "X deferred replacing a line". One with an unnamed agent ("cars
    made by robots") also stays."""
    if token.tag_ != "VBN" or token.i < token.head.i:
        return False
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    if agent is None or not any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in agent.children):
        return False
    return _after_comma(token)


def _trailing_participle(token: Token) -> bool:
    """A participle set off by a comma that states a consequence with its own object:
    "the bank lost the case, sending its shares down 8%". It is a claim of its own, and
    kept inside the main clause it would dilute that clause's terms."""
    if token.tag_ != "VBG" or token.i < token.head.i or not _after_comma(token):
        return False
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in token.children)


def _after_comma(token: Token) -> bool:
    """Whether the phrase `token` heads is set off by a comma before it."""
    before = token.left_edge.i - 1
    return before >= 0 and token.doc[before].text == ","


def _is_example_marker(token: Token, lexicon: Lexicon) -> bool:
    doc = token.doc
    for marker in lexicon.example_markers:
        words = marker.split()
        first = token.i - len(words) + 1
        if first >= 0 and [t.lower_ for t in doc[first : token.i + 1]] == words:
            return True
    return False


def _assign_tokens(
    doc: Doc, clauses: list[Clause], clause_at: dict[int, int], quote_of: list[int], quote_clause: dict[int, int]
) -> list[int]:
    """For each token, the clause it belongs to: its nearest clause-head ancestor."""
    owner = [-1] * len(doc)
    for token in doc:
        if token.is_space:
            continue
        if quote_of[token.i] >= 0:
            owner[token.i] = quote_clause[quote_of[token.i]]
            continue
        path: list[int] = []
        current = token
        found = -1
        while True:
            if owner[current.i] >= 0 and current.i != token.i:
                found = owner[current.i]
                break
            if current.i in clause_at:
                found = clause_at[current.i]
                break
            if quote_of[current.i] >= 0:
                found = quote_clause[quote_of[current.i]]
                break
            path.append(current.i)
            if current.head.i == current.i:
                break
            current = current.head
        for i in path:
            owner[i] = found
        owner[token.i] = found
    # A "such as" example takes the "such" that precedes it.
    for clause in clauses:
        if clause.kind == "example" and clause.head.i > 0 and doc[clause.head.i - 1].lower_ == "such":
            owner[clause.head.i - 1] = clause.index
    for token in doc:
        if owner[token.i] >= 0 and not token.is_space:
            clauses[owner[token.i]].tokens.append(token)
    return owner


def _link_reporting(clauses: list[Clause], owner: list[int], lexicon: Lexicon) -> None:
    """Mark reporting clauses and point the clauses they report at them."""
    for clause in clauses:
        head = clause.head
        if clause.kind != "clause":
            continue
        for token in clause.tokens:
            if token.lower_ == "according" and token.dep_ == "prep":
                pobj = next((g for c in token.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    clause.according_to = pobj
        if head.lemma_.lower() not in lexicon.reporting_verbs:
            continue
        complements = [c for c in clauses if c.parent == clause.index and c.head.dep_ == "ccomp" and c.head.head.i == head.i]
        if complements:
            clause.reporting = True
            for complement in complements:
                complement.attribution = clause.index
            continue
        has_object = any(c.dep_ in ("dobj", "attr") for c in head.children if c.lemma_.lower() != "so")
        if head.dep_ in ("advcl", "parataxis", "conj", "ccomp") and clause.parent >= 0 and not has_object:
            parent = clauses[clause.parent]
            if not parent.reporting and parent.attribution < 0:
                clause.reporting = True
                parent.attribution = clause.index
                _give_leading_words(clause, parent, owner)


def _give_leading_words(clause: Clause, parent: Clause, owner: list[int]) -> None:
    """Words a trailing reporting clause took from the claim before its subject belong to the claim.

    "The deal was reached as the results of talks between ..., the government confirmed"
    parses the talks under "confirmed"; they are part of what was confirmed.
    """
    head = clause.head
    subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return
    boundary = subject.left_edge.i
    moved = [t for t in clause.tokens if t.i < boundary and t.i != head.i]
    if not moved:
        return
    keep = [t for t in clause.tokens if t.i >= boundary or t.i == head.i]
    clause.tokens = keep
    parent.tokens = sorted(parent.tokens + moved, key=lambda t: t.i)
    for token in moved:
        owner[token.i] = parent.index


def _inherit_attribution(clauses: list[Clause]) -> None:
    """Clauses nested in a reported clause carry the same attribution."""
    for clause in clauses:
        if clause.attribution >= 0 or clause.reporting:
            continue
        if clause.head.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in clause.head.children):
            continue
        seen: set[int] = set()
        parent = clause.parent
        while parent >= 0 and parent not in seen:
            seen.add(parent)
            ancestor = clauses[parent]
            if ancestor.kind == "quote":
                break
            if ancestor.attribution >= 0 and not ancestor.reporting:
                clause.attribution = ancestor.attribution
                break
            parent = ancestor.parent


def token_text(token: Token) -> str:
    """The token with the space after it, counting a line break the tokenizer made a token of
    (words joined without space tokens would otherwise run together: "reserveStanley")."""
    if not token.whitespace_ and token.i + 1 < len(token.doc) and token.doc[token.i + 1].is_space:
        return token.text + " "
    return token.text_with_ws

"""Turn clauses into propositions with slots: actor, action, object, time, place,
quantities, attribution, the outlet credited as origin, and the terms they are compared by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.analyze.arguments import verb_arguments, verb_tense
from storyline.analyze.claims import Voice, claim_text
from storyline.analyze.clauses import RELATIVE_ADVERBS, RELATIVE_PRONOUNS, SUBJECT_DEPS, Clause, QuoteSpan, token_text
from storyline.analyze.coref import Referent, Resolver
from storyline.analyze.dates import DAY, resolve_dates
from storyline.analyze.entities import EntityTable
from storyline.analyze.lexicon import Lexicon
from storyline.analyze.modality import modality_of
from storyline.analyze.values import FIGURE_SUFFIXES, SCORE_UNIT, normalise_date, parse_number, parse_score
from storyline.models import Argument, Mention, Proposition, Quantity

# A clause with fewer content terms than this says too little to be compared ("This is something").
MIN_TERMS = 2
# Longest slot text kept (tokens); slots are labels, the fact text carries the detail.
MAX_SLOT_TOKENS = 14
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
VALUE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside"})
# Subjects that name nothing by themselves; a core clause leaves them out.
NON_REFERRING = frozenset({"it", "they", "this", "which", "who", "that", "one"})
# Verbs too light to identify a claim ("was", "has"): the core keeps their object instead.
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
# The unit of a count of "people", which an appositive head can make more precise.
GENERIC_UNIT = "person"
# Nouns that name an amount rather than what is counted: "the number of people ... is 2.3
# million" counts people. Tuned on the example corpus (`storyline eval facts`); rerun it and
# tests/test_seed_facts.py after changing.
MEASURE_NOUNS = frozenset({"number", "total", "count", "tally", "toll", "figure", "amount"})
# Endings that turn a verb into the noun naming its action ("closure", "approval",
# "evacuation"): a sentence opening with such a noun refers back to the event.
NOMINAL_SUFFIXES = frozenset({"ure", "al", "ion", "ation", "ment", "ance", "ence", "age"})
GAP_PUNCTUATION = frozenset({",", ";", "-", "–", "—"})
# Dashes between the two numbers of a score ("9-3", "9–3").
SCORE_DASHES = frozenset({"-", "–", "—"})
_GAP = re.compile(r"([,;:–—-])(?:\s*[,;:–—-])+")
_SPACES = re.compile(r"\s{2,}")
EDGE_WORDS = frozenset({"and", "but", "or", ",", ";", ":", "-", "—", "–", "that", "“", "”", '"', "(", ")"})


@dataclass
class _Context:
    doc: Doc
    clauses: list[Clause]
    owner: list[int]
    table: EntityTable
    resolver: Resolver
    lexicon: Lexicon
    token_sentence: list[int]
    value_ent: list[str]
    published: str = ""
    # The doc's text and its entities with their root token, read once: spaCy builds each
    # anew on every access (the text token by token), and each clause used to ask for both.
    text: str = ""
    ents: tuple[tuple[Span, int], ...] = ()


def build_propositions(
    doc: Doc,
    clauses: list[Clause],
    table: EntityTable,
    resolver: Resolver,
    lexicon: Lexicon,
    token_sentence: list[int],
    quotes: list[QuoteSpan],
    report_id: str,
    *,
    published: str = "",
) -> tuple[list[Proposition], list[Mention], dict[int, tuple[Referent | None, str, str]]]:
    """Propositions in text order, mentions found by coreference, and per-clause attribution."""
    owner = [-1] * len(doc)
    for clause in clauses:
        for token in clause.tokens:
            owner[token.i] = clause.index
    value_ent = [""] * len(doc)
    for ent in doc.ents:
        if ent.label_ in VALUE_LABELS:
            for i in range(ent.start, ent.end):
                value_ent[i] = ent.label_
    ctx = _Context(
        doc, clauses, owner, table, resolver, lexicon, token_sentence, value_ent, published,
        text=doc.text, ents=tuple((ent, ent.root.i) for ent in doc.ents),
    )
    actors: dict[int, tuple[Referent | None, str]] = {}
    extra_mentions: list[Mention] = []
    ordered = sorted(clauses, key=lambda c: c.head.i)
    for clause in ordered:
        subject = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            clause.kind == "clause"
            and subject is not None
            and not resolver.description(subject)
            and subject.lower_ not in ("which", "who", "that")
        ):
            resolver.remember(subject, _referent(ctx, subject, clause.index), _is_main(clause))
    for clause in ordered:
        referent, text, subject = _actor(ctx, clause, actors)
        actors[clause.index] = (referent, text)
        if subject is not None and referent is not None and resolver.description(subject):
            resolver.remember(subject, referent, _is_main(clause))
            if referent.entity:
                extra_mentions.append(
                    Mention(entity=referent.entity, report=report_id, text=subject.text, start=subject.idx,
                            end=subject.idx + len(subject.text), sentence=token_sentence[subject.i])
                )
    attributions = {clause.index: _attribution(ctx, clause, actors) for clause in clauses}
    quote_by_start = {q.start: q for q in quotes if q.atomic}
    result: list[Proposition] = []
    for clause in clauses:
        if clause.reporting or not clause.tokens:
            continue
        proposition = _proposition(ctx, clause, actors, attributions[clause.index], quote_by_start, len(result))
        if proposition is not None:
            result.append(proposition)
    return result, extra_mentions, attributions


def _is_main(clause: Clause) -> bool:
    return clause.head.dep_ in ("ROOT", "conj", "ccomp")


def _joined(body: list[Token]) -> str:
    """The clause's words as text, without a comma or dash left at the edge of a clause cut
    out of it: "The vessel, [operated by X,] was carrying" reads "The vessel was carrying"."""
    parts: list[str] = []
    for position, token in enumerate(body):
        if token.text in GAP_PUNCTUATION:
            before = body[position - 1].i if position > 0 else token.i - 1
            after = body[position + 1].i if position + 1 < len(body) else token.i + 1
            if before != token.i - 1 or after != token.i + 1:
                parts.append(" ")
                continue
        parts.append(token_text(token))
    return "".join(parts).strip()


def _tidy(text: str) -> str:
    """Close the gaps a removed example or clause leaves ("countries - - have")."""
    text = _GAP.sub(lambda m: m.group(1), text)
    return _SPACES.sub(" ", text).strip(" ,;:-–—")


def _phrase(ctx: _Context, token: Token, clause: int, limit: int = MAX_SLOT_TOKENS) -> str:
    words = [t for t in token.subtree if ctx.owner[t.i] == clause and not t.is_space]
    while words and words[-1].text in EDGE_WORDS:
        words.pop()
    while words and words[0].text in EDGE_WORDS:
        words.pop(0)
    return "".join(token_text(t) for t in words[:limit]).strip()


def _referent(ctx: _Context, token: Token, clause: int) -> Referent:
    resolved = ctx.resolver.resolve(token)
    if resolved is not None:
        return resolved
    entity = ctx.table.entity_of(token)
    if not entity:
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss", "conj", "appos") or (child.dep_ == "prep" and child.lower_ == "of"):
                entity = ctx.table.entity_of(child) or next(
                    (ctx.table.entity_of(g) for g in child.subtree if ctx.table.entity_of(g)), ""
                )
                if entity:
                    break
    plural = token.tag_ in ("NNS", "NNPS")
    return Referent(text=_phrase(ctx, token, clause), entity=entity, lemma=token.lemma_.lower(), plural=plural)


def _actor(ctx: _Context, clause: Clause, actors: dict[int, tuple[Referent | None, str]]) -> tuple[Referent | None, str, Token | None]:
    head = clause.head
    if clause.kind == "example":
        noun = head.head
        words = [t for t in noun.children if t.dep_ in ("compound", "amod") and t.i < noun.i] + [noun]
        text = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        return Referent(text=text, entity=ctx.table.entity_of(noun), lemma=noun.lemma_.lower()), text, None
    if clause.kind == "quote":
        return None, "", None
    children = list(head.children)
    agent = next((c for c in children if c.dep_ == "agent"), None)
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            referent = _referent(ctx, pobj, clause.index)
            return referent, referent.text, pobj
    subject = next((c for c in children if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl"), None)
    if (subject is not None and subject.lower_ in ("which", "who", "that") and head.dep_ == "relcl") or (
        subject is None and head.dep_ == "acl"
    ):
        noun = head.head
        referent = _referent(ctx, noun, ctx.owner[noun.i])
        return referent, referent.text, None
    if subject is not None:
        referent = _referent(ctx, subject, clause.index)
        return referent, referent.text, subject
    if head.dep_ == "conj" and clause.parent in actors:
        if ctx.clauses[clause.parent].head.i != head.head.i:
            # "Pelosi launches an inquiry amid reports he withheld aid ... and accuses the Dems",
            # "acquitted of charges that he abused his powers and obstructed Congress": the verb
            # is joined to one inside a phrase of the clause (what a report or a charge says),
            # not to the clause's own verb, so the clause's actor is not its actor.
            return None, "", None
        parent_referent, text = actors[clause.parent]
        return parent_referent, text, None
    return None, "", None


def _attribution(ctx: _Context, clause: Clause, actors: dict[int, tuple[Referent | None, str]]) -> tuple[Referent | None, str, str]:
    """(speaker, speaker text, origin outlet) of a clause, from its reporting clause or "according to"."""
    origin = ""
    speaker: Referent | None = None
    text = ""
    if clause.attribution >= 0:
        reporting = ctx.clauses[clause.attribution]
        speaker, text = actors.get(reporting.index, (None, ""))
        verb = reporting.head
        if any(c.dep_ == "nsubjpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
            # "Customers have been told that passwords were not taken": who is told is no
            # speaker, and the teller is not named.
            speaker, text = None, ""
        if speaker is not None and ctx.table.kinds.get(speaker.entity) == "outlet":
            origin = ctx.table.entities[speaker.entity].name
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and verb.lemma_ == "tell":
                via = _referent(ctx, child, reporting.index)
                if via.entity and ctx.table.kinds.get(via.entity) == "outlet":
                    origin = ctx.table.entities[via.entity].name
    if clause.according_to is not None:
        source = _referent(ctx, clause.according_to, clause.index)
        if source.entity and ctx.table.kinds.get(source.entity) == "outlet":
            origin = ctx.table.entities[source.entity].name
        if speaker is None:
            speaker, text = source, source.text
    return speaker, text, origin


def _proposition(
    ctx: _Context,
    clause: Clause,
    actors: dict[int, tuple[Referent | None, str]],
    attribution: tuple[Referent | None, str, str],
    quote_by_start: dict[int, QuoteSpan],
    index: int,
) -> Proposition | None:
    tokens = [t for t in clause.tokens if not t.is_space]
    speaker, speaker_text, origin = attribution
    referent, actor_text = actors.get(clause.index, (None, ""))
    head = clause.head
    if clause.kind == "quote":
        quote = next((q for t in tokens for q in quote_by_start.values() if q.start <= t.i < q.end), None)
        if quote is None:
            return None
        start, end, text = quote.char_start, quote.char_end, quote.text.rstrip(",;: ")
        referent, actor_text, action, obj, negated = speaker, speaker_text, "say", "", False
        arguments: tuple[Argument, ...] = ()
        tense = ""
        tokens = [t for t in tokens if quote.char_start <= t.idx < quote.char_end]
    else:
        body = _trim(tokens)
        if not body:
            return None
        start, end = body[0].idx, body[-1].idx + len(body[-1].text)
        text = _joined(body)
        start = min(start, _antecedent_start(ctx, clause))
        relative = head.dep_ in ("relcl", "acl") and not _has_own_subject(head)
        modified = _agent_modified_noun(head)
        noun_phrase = ctx.doc[modified.left_edge.i : modified.i + 1] if modified is not None else None
        if modified is not None and noun_phrase is not None:
            # "the vessel, operated by X,": the noun is what X operates, and the fact's subject.
            text = f"{noun_phrase.text} {text}"
            start = min(start, noun_phrase.start_char)
            tokens = [*tokens, modified]
        elif clause.kind == "clause" and (relative or (head.dep_ == "conj" and not _has_subject(head))) and actor_text:
            if body[0].lower_ in ("which", "who", "that"):
                text = ctx.text[body[1].idx:end] if len(body) > 1 else text
            text = f"{_relative_subject(ctx, clause) or actor_text} {text}"
        action, obj, negated = _action(ctx, clause)
        if noun_phrase is not None:
            obj = noun_phrase.text
        arguments = tuple(
            argument
            for verb in (_verb_chain(ctx, clause) if clause.kind == "clause" else [])
            for argument in verb_arguments(verb, lambda t: ctx.owner[t.i] == clause.index, ctx.table)
        )
        tense = verb_tense(head) if clause.kind == "clause" else ""
    text = _tidy(text)
    dates, time_text, quantities, place, place_entity = _values(ctx, clause, tokens)
    terms = _terms(ctx, tokens, referent) + tuple(dict.fromkeys(f"#{q.value}" for q in quantities)) + tuple(
        dict.fromkeys(f"#{d}" for d in dates if d[:1].isdigit())
    )
    if len(terms) < MIN_TERMS:
        return None
    entities = tuple(dict.fromkeys(t[2:] for t in terms if t.startswith("@:")))
    core = _core(ctx, clause, referent, negated, terms) if clause.kind == "clause" else ()
    claim = _claim(ctx, clause, text, attribution)
    return Proposition(
        index=index,
        sentence=ctx.token_sentence[tokens[0].i],
        start=start,
        end=end,
        text=text,
        kind=clause.kind,
        actor=actor_text,
        actor_entity=referent.entity if referent else "",
        action=action,
        object=obj,
        negated=negated,
        time=time_text,
        dates=dates,
        place=place,
        place_entity=place_entity,
        quantities=quantities,
        attribution=speaker_text,
        attribution_entity=speaker.entity if speaker else "",
        origin=origin,
        entities=entities,
        terms=terms,
        core=core,
        claim=claim,
        modality=modality_of(head, tokens, ctx.lexicon.hedges) if clause.kind == "clause" else "",
        arguments=arguments,
        tense=tense,
    )


def _claim(ctx: _Context, clause: Clause, text: str, attribution: tuple[Referent | None, str, str]) -> str:
    """The clause's claim as a reader can quote it alone (analyze/claims.py): an example is
    shown in the clause it belongs to, a pronoun subject by what it stands for, reported
    speech with its speaker."""
    if clause.kind == "example" and 0 <= clause.parent < len(ctx.clauses):
        parent = ctx.clauses[clause.parent]
        body = _trim(sorted(parent.tokens + clause.tokens, key=lambda t: t.i))
        text = _tidy(_joined(body)) or text
        clause = parent
    root = _embedding_root(ctx, clause)
    embedded = _embedded_under(ctx, root)
    if root is not clause or embedded:
        # "at first I thought | it was an earthquake", "trying to determine | whether the
        # president would sit": a complement of a verb that does not report speech is part
        # of its governor's claim, and the governor's claim is cut short without it.
        body = _trim(sorted([t for c in (root, *embedded) for t in c.tokens], key=lambda t: t.i))
        text = _tidy(_joined(body)) or text
        clause = root
    head = clause.head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    written = ctx.resolver.description(subject) if subject is not None and clause.kind == "clause" else ""
    stands_for = ""
    if written and subject is not None:
        resolved = ctx.resolver.resolve(subject)
        stands_for = resolved.text if resolved is not None else ""
    elif subject is not None and clause.kind == "clause" and _demonstrative_opener(subject):
        written, stands_for = subject.text, _previous_topic(ctx, subject)
    _speaker, speaker_text, _origin = attribution
    voice = None
    if speaker_text:
        if clause.kind == "quote":
            voice = Voice(speaker=speaker_text, quotation=True)
        elif clause.attribution >= 0:
            voice = Voice(speaker=speaker_text, verb=ctx.clauses[clause.attribution].head.text)
        elif clause.according_to is not None:
            voice = Voice(speaker=speaker_text, according=True)
    body = _trim(clause.tokens)
    opens_with_name = bool(body) and (body[0].pos_ == "PROPN" or bool(ctx.table.entity_of(body[0])))
    if body and not text.startswith(body[0].text):
        # The text opens with what a relative pronoun stands for ("Dunmarrow, which also drew
        # ..."): a name there keeps its capital after the speaker.
        first = text.split(" ", 1)[0]
        opens_with_name = any(t.text == first and (t.pos_ == "PROPN" or bool(ctx.table.entity_of(t))) for t in head.sent)
    return claim_text(text, subject=written, stands_for=stands_for, voice=voice, opens_with_name=opens_with_name)


def _embedded(ctx: _Context, clause: Clause) -> bool:
    """A complement clause of a verb in a clause that reports no speech ("thought", "trying
    to determine"): not a claim of its own, but the end of its governor's."""
    if clause.kind != "clause" or clause.head.dep_ != "ccomp" or not 0 <= clause.parent < len(ctx.clauses):
        return False
    parent = ctx.clauses[clause.parent]
    return parent.kind == "clause" and not parent.reporting and ctx.owner[clause.head.head.i] == parent.index


def _embedding_root(ctx: _Context, clause: Clause) -> Clause:
    while _embedded(ctx, clause):
        clause = ctx.clauses[clause.parent]
    return clause


def _embedded_under(ctx: _Context, root: Clause) -> list[Clause]:
    """The clauses embedded in `root`, at any depth, in text order."""
    found: list[Clause] = []
    frontier = [root.index]
    while frontier:
        parent = frontier.pop()
        for candidate in ctx.clauses:
            if candidate.parent == parent and _embedded(ctx, candidate):
                found.append(candidate)
                frontier.append(candidate.index)
    return sorted(found, key=lambda c: c.head.i)


def _demonstrative_opener(subject: Token) -> bool:
    """A sentence opening with a bare "This" or "That" as its subject ("This may include ...")."""
    return subject.lower_ in ("this", "that") and subject.pos_ == "PRON" and subject.i == subject.sent.start


def _previous_topic(ctx: _Context, subject: Token) -> str:
    """What a sentence-opening "This" refers back to: the last noun phrase of the sentence
    before ("..., aka economic cyber espionage. This may include hacking"), or ""."""
    start = subject.sent.start
    if start == 0:
        return ""
    previous = ctx.doc[start - 1].sent
    chunks = [chunk for chunk in previous.noun_chunks if chunk.root.pos_ in ("NOUN", "PROPN")]
    if not chunks:
        return ""
    words = [t for t in chunks[-1] if t.pos_ not in ("ADV", "CCONJ", "PUNCT") and not (t.dep_ == "det" and t.lower_ in ("a", "an"))]
    return "".join(token_text(t) for t in words).strip()


def _relative_subject(ctx: _Context, clause: Clause) -> str:
    """What a passive relative clause with an agent says something about: "the pen, which is
    used by people with diabetes" is about the pen, though its actor is the people."""
    head = clause.head
    if head.dep_ != "relcl" or not any(c.dep_ == "agent" for c in head.children):
        return ""
    if not any(c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS for c in head.children):
        return ""
    return _phrase(ctx, head.head, ctx.owner[head.head.i])


def _agent_modified_noun(head: Token) -> Token | None:
    """The noun a passive participle with a named agent modifies ("the vessel, operated by
    X,"), the one clause kind whose actor (X) is not the noun it hangs from."""
    if head.dep_ != "acl" or head.tag_ != "VBN" or not any(c.dep_ == "agent" for c in head.children):
        return None
    return head.head if head.head.pos_ in ("NOUN", "PROPN") else None


def _antecedent_start(ctx: _Context, clause: Clause) -> int:
    """Where the event a sentence-opening nominalization refers back to was stated, or the
    clause's own start.

    "The port will close from May 4 ... The closure is expected to last six weeks":
    the second claim is about the first event and means nothing without it, so its span
    takes in the clause that states the event (a sentence-pair fact).
    """
    head = clause.head
    own = len(ctx.text)
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if head.dep_ != "ROOT" or subject is None or subject.pos_ != "NOUN":
        return own
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children):
        return own
    sentence = ctx.token_sentence[head.i]
    if sentence == 0 or subject.left_edge.i != head.sent.start:
        return own
    for other in ctx.clauses:
        if other.kind != "clause" or other.reporting or not other.tokens or ctx.token_sentence[other.head.i] != sentence - 1:
            continue
        if other.head.pos_ in ("VERB", "AUX") and _nominalizes(subject.lemma_.lower(), other.head.lemma_.lower()):
            return min(t.idx for t in other.tokens if not t.is_space)
    return own


def _nominalizes(noun: str, verb: str) -> bool:
    """Whether a noun names the action of a verb: "recall"/"recall", "closure"/"close",
    "approval"/"approve", "evacuation"/"evacuate"."""
    if noun == verb:
        return True
    stem = verb.removesuffix("e")
    return len(stem) >= 3 and noun.startswith(stem) and noun[len(stem):] in NOMINAL_SUFFIXES


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _dangling(token: Token, body: list[Token]) -> bool:
    """A trailing preposition whose object went to another clause ("..., with"), or a
    trailing verb whose complement did ("... after finding" of "after finding that X")."""
    if token.dep_ == "prep":
        return not any(c in body for c in token.children)
    return (
        token.pos_ == "VERB"
        and token.dep_ in ("pcomp", "advcl", "xcomp")
        and any(c.dep_ == "ccomp" and c not in body for c in token.children)
        and not any(c in body for c in token.children)
    )


def _has_own_subject(token: Token) -> bool:
    """A subject that is not a relative pronoun standing for the noun the clause modifies."""
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ not in RELATIVE_PRONOUNS for c in token.children)


def _trim(tokens: list[Token]) -> list[Token]:
    body = [t for t in tokens if not t.is_space]
    while body and (body[-1].is_punct or body[-1].lower_ in EDGE_WORDS or _dangling(body[-1], body)):
        body.pop()
    while body and (
        body[0].is_punct
        or body[0].lower_ in EDGE_WORDS - {"that"}
        or body[0].dep_ in ("cc", "mark")
        or (body[0].dep_ == "advmod" and body[0].lower_ in RELATIVE_ADVERBS)
        or (body[0].dep_ == "prep" and body[0].lower_ == "with" and body[0].head.dep_ != "ROOT")
    ):
        body.pop(0)
    return body


def _action(ctx: _Context, clause: Clause) -> tuple[str, str, bool]:
    """Verb lemmas (with xcomp chain), the object phrase and whether it is negated."""
    head = clause.head
    if clause.kind == "example":
        pobj = next((c for c in head.children if c.dep_ == "pobj"), head)
        return "include", _phrase(ctx, pobj, clause.index), False
    chain = _verb_chain(ctx, clause)
    lemmas = [verb.lemma_.lower() for verb in chain]
    negated = any(c.dep_ == "neg" for verb in chain for c in verb.children)
    current = chain[-1]
    obj = ""
    for dep in ("dobj", "attr", "acomp", "oprd", "dative"):
        child = next((c for c in current.children if c.dep_ == dep and ctx.owner[c.i] == clause.index), None)
        if child is not None:
            obj = _phrase(ctx, child, clause.index)
            break
    if not obj:
        prep = next((c for c in current.children if c.dep_ == "prep" and ctx.owner[c.i] == clause.index), None)
        if prep is not None:
            obj = _phrase(ctx, prep, clause.index)
    action = " ".join(lemmas)
    return ("not " + action if negated else action), obj, negated


def _verb_chain(ctx: _Context, clause: Clause) -> list[Token]:
    """The clause's verb and the open complements it governs ("agreed to give up": agree, give)."""
    chain = [clause.head]
    for _ in range(3):
        xcomp = next((c for c in chain[-1].children if c.dep_ == "xcomp" and ctx.owner[c.i] == clause.index), None)
        if xcomp is None:
            break
        chain.append(xcomp)
    return chain


def _negation(ctx: _Context, token: Token) -> str:
    """The canonical negation a token starts ("no one" -> "nobody", "n't" -> "not"), or ""."""
    negations = ctx.lexicon.negations
    if token.i + 1 < len(ctx.doc):
        pair = f"{token.lower_} {ctx.doc[token.i + 1].lower_}"
        if pair in negations:
            return negations[pair]
    return negations.get(token.lower_, "")


def _none_of(ctx: _Context, token: Token) -> str:
    """"no deaths" -> "no die": a claim that none of a thing exists is about that absence.

    Reports word it "no deaths were reported", "no deaths had been linked to the fault";
    the shared absence, not the verb, is what they agree on (and what a count such as
    "two died" would contradict).
    """
    if token.lower_ != "no" or token.dep_ != "det" or token.head.pos_ not in ("NOUN", "PROPN"):
        return ""
    lemma = token.head.lemma_.lower()
    return "no " + ctx.lexicon.synonyms.get(lemma, lemma)


def _core(ctx: _Context, clause: Clause, referent: Referent | None, negated: bool, terms: tuple[str, ...]) -> tuple[str, ...]:
    """Subject head, verbs, object head, negation, numbers and entities of the clause."""
    synonyms = ctx.lexicon.synonyms
    seen: dict[str, None] = {}
    subject = next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl"), None)
    negative = (
        _negation(ctx, subject.left_edge) or _negation(ctx, subject) or _none_of(ctx, subject.left_edge) if subject is not None else ""
    )
    if negative:
        seen[negative] = None
    elif referent is not None and referent.entity:
        seen[f"@:{referent.entity}"] = None
    elif referent is not None and referent.lemma.isalpha() and referent.lemma not in NON_REFERRING:
        seen[synonyms.get(referent.lemma, referent.lemma)] = None
    current: Token | None = clause.head
    for _ in range(4):
        if current is None:
            break
        lemma = current.lemma_.lower()
        if lemma not in LIGHT_VERBS and lemma.isalpha():
            seen[synonyms.get(lemma, lemma)] = None
        obj = next((c for c in current.children if c.dep_ in OBJECT_DEPS and ctx.owner[c.i] == clause.index), None)
        if obj is not None and not obj.like_num:
            entity = ctx.table.entity_of(obj)
            lemma = obj.lemma_.lower()
            seen[f"@:{entity}" if entity else synonyms.get(lemma, lemma)] = None
        current = next((c for c in current.children if c.dep_ == "xcomp" and ctx.owner[c.i] == clause.index), None)
    if negated:
        seen[ctx.lexicon.negations.get("not", "not")] = None
    for term in terms:
        if term.startswith(("@:", "#")):
            seen[term] = None
    return tuple(seen)


def _terms(ctx: _Context, tokens: list[Token], referent: Referent | None) -> tuple[str, ...]:
    """Canonical content lemmas and "@:" entity ids: what the clause is compared by."""
    seen: dict[str, None] = {}
    synonyms = ctx.lexicon.synonyms
    for token in tokens:
        negative = _negation(ctx, token) or _none_of(ctx, token)
        if negative and negative != ctx.lexicon.negations.get("not", "not"):
            # "nobody" is who the claim is about; plain "not" is polarity, kept in the core.
            seen[negative] = None
        if token.is_space or token.is_punct or token.like_num or ctx.value_ent[token.i]:
            continue
        entity = ctx.table.entity_of(token)
        if entity:
            seen[f"@:{entity}"] = None
            if not entity.startswith("country:") and token.pos_ == "PROPN":
                seen[token.lower_] = None
            continue
        if token.is_stop or token.pos_ not in CONTENT_POS or _attribution_word(token):
            continue
        lemma = token.lemma_.lower()
        if len(lemma) < 2 or not lemma[0].isalpha():
            continue
        seen[synonyms.get(lemma, lemma)] = None
    if referent is not None:
        if referent.entity:
            seen[f"@:{referent.entity}"] = None
        elif referent.lemma and referent.lemma.isalpha() and referent.lemma not in NON_REFERRING:
            seen[synonyms.get(referent.lemma, referent.lemma)] = None
    return tuple(seen)


def _attribution_word(token: Token) -> bool:
    """"according" of "according to X" names a source, not content (its lemma is "accord")."""
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def _values(ctx: _Context, clause: Clause, tokens: list[Token]) -> tuple[tuple[str, ...], str, tuple[Quantity, ...], str, str]:
    """Dates, time text, quantities and place of the clause's own tokens."""
    members = {t.i for t in tokens}
    dates: list[str] = []
    times: list[str] = []
    quantities: list[Quantity] = []
    place = place_entity = ""
    for ent, root in ctx.ents:
        if root not in members:
            continue
        if ent.label_ in ("DATE", "TIME"):
            times.append(ent.text)
            normal = _resolved_day(ent.text, ctx.published) or normalise_date(ent.text)
            if normal:
                dates.append(normal)
        elif ent.label_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
            quantity = _score(ent) or _quantity(ctx, _figure_text(ent), ent.label_, _number_root(ent), ent.start)
            if quantity is not None:
                quantities.append(quantity)
        elif (
            ent.label_ in ("GPE", "LOC", "FAC")
            and not place
            and ent.root.dep_ == "pobj"
            and ent.root.head.lower_ in PLACE_PREPOSITIONS
        ):
            place, place_entity = ent.text, ctx.table.entity_of(ent.root)
    return tuple(dates), "; ".join(times), tuple(quantities), place, place_entity


def _score(ent: Span) -> Quantity | None:
    """A score the parser split into "9", "-", "3", of which the number entity holds "9"."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or ent[-1].whitespace_ or doc[ent.end].whitespace_:
        return None
    dash, second = doc[ent.end], doc[ent.end + 1]
    if dash.text not in SCORE_DASHES or not second.like_num:
        return None
    text = f"{ent.text}{dash.text}{second.text}"
    value = parse_score(text)
    return Quantity(value=value, unit=SCORE_UNIT, text=text) if value else None


def _figure_text(ent: Span) -> str:
    """The number entity's text with what the tokenizer split off it: a currency sign right
    before it ("£" of "£88m") and a multiplier right after it ("m" of "2m")."""
    doc, text = ent.doc, ent.text
    if ent.start > 0 and doc[ent.start - 1].is_currency and not doc[ent.start - 1].whitespace_:
        text = doc[ent.start - 1].text + text
    if ent.end < len(doc) and not ent[-1].whitespace_ and doc[ent.end].lower_ in FIGURE_SUFFIXES:
        text += doc[ent.end].text
    return text


def _attached_suffix(number: Token) -> bool:
    """Whether the number's head is a multiplier written onto it ("m" of "2m")."""
    head = number.head
    return head.i == number.i + 1 and not number.whitespace_ and head.lower_ in FIGURE_SUFFIXES


def _number_root(ent: Span) -> Token:
    """The token a number entity hangs on: its root, or its last numeral when the root is a
    determiner the parser put first ("all 90 workers", where "all" and "90" both modify "workers")."""
    root = ent.root
    if root.like_num or root.pos_ in ("NOUN", "PROPN"):
        return root
    numerals = [t for t in ent if t.like_num]
    return numerals[-1] if numerals else root


def _quantity(ctx: _Context, text: str, label: str, root: Token, start: int) -> Quantity | None:
    value, approximate = parse_number(text)
    if not value:
        return None
    if start > 0 and ctx.doc[start - 1].lower_ in ("about", "around", "nearly", "almost", "some", "over", "than", "least", "roughly"):
        approximate = True
    if label == "MONEY":
        unit = "money"
    elif label == "PERCENT":
        unit = "percent"
    elif root.dep_ == "nummod" and _attached_suffix(root):
        # "2m users": the parser hangs "2" on the "m"; what is counted is what "m" modifies.
        suffix = root.head
        unit = _unit(ctx, suffix.head.lemma_.lower()) if suffix.dep_ == "compound" and suffix.head.pos_ in ("NOUN", "PROPN") else ""
    elif root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        unit = _unit(ctx, _counted(ctx, root.head).lemma_.lower())
    elif not root.like_num and root.pos_ in ("NOUN", "PROPN") and any(t.like_num for t in root.lefts):
        # The entity spans the count and what it counts ("around 4,800 hectares"): its root is the unit.
        unit = _unit(ctx, root.lemma_.lower())
    else:
        of = next((c for c in root.children if c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        unit = _unit(ctx, pobj.lemma_.lower()) if pobj is not None and not pobj.like_num else ""
        if not unit and root.dep_ == "attr":
            unit = _subject_unit(ctx, root.head)
    if not unit:
        return None
    return Quantity(value=value, unit=unit, text=text, approximate=approximate)


def _counted(ctx: _Context, noun: Token) -> Token:
    """What a count of people in apposition counts: "the remaining staff, around 70 people"
    counts staff, as the other reports that say "70 employees" do."""
    if noun.dep_ == "appos" and noun.head.pos_ == "NOUN" and _unit(ctx, noun.lemma_.lower()) == GENERIC_UNIT:
        return noun.head
    return noun


def _unit(ctx: _Context, lemma: str) -> str:
    """The canonical unit a count of `lemma` is compared by (through the synonym table)."""
    return ctx.lexicon.synonyms.get(lemma, lemma)


def _subject_unit(ctx: _Context, verb: Token) -> str:
    """What a figure given as the complement of "be" counts: the subject's noun, or what a
    measure noun subject counts ("the total number of people affected is about 2.3 million")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.lower_ in NON_REFERRING:
        return ""
    lemma = subject.lemma_.lower()
    if lemma in MEASURE_NOUNS:
        of = next((c for c in subject.children if c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        return _unit(ctx, pobj.lemma_.lower()) if pobj is not None and not pobj.like_num else ""
    return _unit(ctx, lemma)


def _resolved_day(text: str, published: str) -> str:
    """The calendar day a date expression names ("on Sunday", "June 22"), given the publication date.

    Only day-precise dates are resolved: "last week" stays a period, compared as text.
    """
    if not published:
        return ""
    resolved = resolve_dates(text, published)
    return resolved[0].date.isoformat() if len(resolved) == 1 and resolved[0].precision == DAY else ""

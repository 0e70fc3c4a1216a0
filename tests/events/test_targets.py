"""Whom an event acts on, chosen among the phrases its verb governs (hand-made records)."""

from __future__ import annotations

from dataclasses import replace

from storyline.events.targets import event_target
from storyline.models import Argument, Entity, Mention, Proposition, ReportAnalysis

ENTITIES = (
    Entity(id="person:kim", name="Kim Jong Un", kind="person", country="KP"),
    Entity(id="person:trump", name="Donald Trump", kind="person", country="US", role="government"),
    Entity(id="person:netanyahu", name="Benjamin Netanyahu", kind="person"),
    Entity(id="person:frederick", name="Frederick", kind="person"),
    Entity(id="country:IR", name="Iran", kind="country", country="IR"),
    Entity(id="country:KP", name="North Korea", kind="country", country="KP"),
    Entity(id="country:CA", name="Canada", kind="country", country="CA"),
    Entity(id="country:RS", name="Serbia", kind="country", country="RS"),
    Entity(id="country:AL", name="Albania", kind="country", country="AL"),
    Entity(id="place:tokyo", name="Tokyo", kind="place", country="JP"),
    Entity(id="org:fvra", name="Federal Vacancies Reform Act", kind="organisation"),
)


def _target(code: str, trigger: str, source: str, *arguments: Argument, mentions: tuple[Mention, ...] = ()) -> str:
    proposition = Proposition(index=0, sentence=0, start=0, end=100, text="", actor_entity=source, arguments=arguments)
    analysis = ReportAnalysis(report="r", entities=ENTITIES, mentions=mentions, propositions=(proposition,))
    return event_target(proposition, analysis, code=code, trigger=trigger, source=source).entity


def test_the_partner_of_a_talk_not_its_topic() -> None:
    # "Netanyahu discussed Iran by telephone with Trump"
    topic = Argument(role="object", text="Iran", entity="country:IR", start=30)
    partner = Argument(role="by with", text="Donald Trump", entity="person:trump", start=60)
    assert _target("040", "discuss", "person:netanyahu", topic, partner) == "person:trump"
    assert _target("040", "discuss", "person:netanyahu", topic) == ""


def test_a_phrase_of_the_object_counts_when_the_object_names_the_act() -> None:
    talks = Argument(role="object", text="talks with Donald Trump", head="talk", start=10)
    partner = Argument(role="object with", text="Donald Trump", entity="person:trump", start=21)
    assert _target("040", "hold", "person:netanyahu", talks, partner) == "person:trump"
    # "Trump denied collusion with Iran": what is denied names no one acted on.
    collusion = Argument(role="object", text="collusion with Iran", head="collusion", start=10)
    iran = Argument(role="object with", text="Iran", entity="country:IR", start=25)
    assert _target("120", "deny", "person:trump", collusion, iran) == ""
    # "in a heated exchange with Kim": a phrase of time or place names no target.
    exchange = Argument(role="in with", text="Kim Jong Un", entity="person:kim", start=40)
    assert _target("051", "support", "person:trump", exchange) == ""


def test_a_place_is_where_a_person_acted_not_whom() -> None:
    place = Argument(role="in", text="Canada", entity="country:CA", start=40)
    assert _target("190", "kill", "person:frederick", Argument(role="object", text="his father", head="father"), place) == ""
    # A state acting in a place acts on it; a visit's place is the place visited.
    assert _target("0832", "lift", "country:RS", Argument(role="object", text="a curfew", head="curfew"), place) == "country:CA"
    assert _target("042", "visit", "person:trump", Argument(role="object", text="Tokyo", entity="place:tokyo")) == "place:tokyo"


def test_the_owner_of_the_object_unless_it_is_the_actors_own_country() -> None:
    weapons = Argument(role="object", text="North Korea's nuclear weapons", head="weapon", owner="country:KP")
    assert _target("030", "agree", "person:kim", weapons) == ""
    assert _target("111", "criticize", "person:trump", weapons) == "country:KP"


def test_a_demand_reaches_who_is_asked_to_act() -> None:
    asked = Argument(role="complement subject", text="Iran", entity="country:IR")
    assert _target("100", "demand", "person:trump", asked) == "country:IR"
    assert _target("111", "say", "person:trump", asked) == ""


def test_a_states_act_reaches_who_is_named_deeper_in_its_object() -> None:
    crime = Argument(role="object", text="the suppression of unrest in Kosovo by Serbia", head="suppression", start=10)
    serbia = Mention(entity="country:RS", report="r", text="Serbia", start=50, end=56)
    assert _target("111", "denounce", "country:AL", crime, mentions=(serbia,)) == "country:RS"
    assert _target("111", "denounce", "person:frederick", crime, mentions=(serbia,)) == ""


def test_a_law_named_like_a_body_is_no_target() -> None:
    law = Argument(role="object", text="the Federal Vacancies Reform Act", entity="org:fvra")
    assert _target("128", "violate", "person:trump", law) == ""


MORE = (
    Entity(id="org:navy", name="U.S. Navy", kind="organisation", role="military"),
    Entity(id="country:US", name="United States", kind="country", country="US"),
    Entity(id="person:marsh", name="Ellen Marsh", kind="person"),
    Entity(id="person:president marsh", name="Marsh", kind="person"),
    Entity(id="group:republican", name="Republican", kind="group"),
    Entity(id="party:democrat", name="Democrat Party", kind="organisation", role="party"),
    Entity(id="org:un", name="United Nations", kind="organisation"),
)


def _more(code: str, trigger: str, source: str, *arguments: Argument) -> str:
    proposition = Proposition(index=0, sentence=0, start=0, end=100, text="", actor_entity=source, arguments=arguments)
    analysis = ReportAnalysis(report="r", entities=ENTITIES + MORE, propositions=(proposition,))
    return event_target(proposition, analysis, code=code, trigger=trigger, source=source).entity


def test_a_body_named_after_its_country_does_not_target_that_country() -> None:
    # "The U.S. Navy shot down a drone over the U.S. coast"
    coast = Argument(role="over", text="the U.S. coast", head="coast", owner="country:US", verb="shoot")
    assert _more("190", "shoot", "org:navy", coast) == ""


def test_what_is_withdrawn_is_no_target() -> None:
    # "Marsh withdrew the United States from the compact"
    moved = Argument(role="object", text="the United States", entity="country:US", verb="withdraw")
    assert _more("087", "withdraw", "person:marsh", moved) == ""


def test_the_actor_named_again_is_no_target() -> None:
    # "President Marsh denounced the inquiry into Marsh's donors"
    inquiry = Argument(role="object", text="the inquiry into Marsh's donors", head="inquiry", owner="person:president marsh", verb="denounce")
    assert _more("111", "denounce", "person:marsh", inquiry) == ""


def test_a_party_naming_one_persons_title_is_no_target() -> None:
    governor = Argument(role="with", text="the state's Republican governor", head="governor", owner="group:republican", verb="clash")
    assert _more("111", "clash", "person:marsh", governor) == ""
    senators = Argument(role="with", text="Republican senators", head="senator", owner="group:republican", verb="meet")
    assert _more("040", "meet", "person:marsh", senators) == "group:republican"


def test_a_refusal_of_a_request_targets_who_made_it() -> None:
    request = Argument(role="object", text="a request from House Democrats", head="request", verb="deny", start=10)
    maker = Argument(role="object from", text="House Democrats", entity="party:democrat", verb="deny", start=20)
    assert _more("120", "deny", "person:marsh", request, maker) == "party:democrat"
    # "rejected an offer by the lawyer for a witness at the center of the Democrats' inquiry"
    offer = Argument(role="object", text="an offer by the lawyer", head="offer", verb="reject", start=10)
    lawyer = Argument(role="object by", text="the lawyer", head="lawyer", verb="reject", start=20)
    inquiry = Argument(role="at of", text="the Democrats' inquiry", head="inquiry", owner="party:democrat", verb="reject", start=40)
    assert _more("125", "reject", "person:marsh", offer, lawyer, inquiry) == ""


def test_an_appeal_to_a_body_is_addressed_to_it() -> None:
    body = Argument(role="to", text="the United Nations", entity="org:un", verb="appeal")
    assert _more("023", "appeal", "person:marsh", body) == "org:un"


def test_a_part_of_the_actors_own_name_is_no_target() -> None:
    extra = (Entity(id="org:state department", name="State Department", kind="organisation"),
             Entity(id="org:state", name="State", kind="organisation"))
    inquiry = Argument(role="object", text="its inquiry into the Secretary of State's emails", head="inquiry", owner="org:state", verb="complete")
    proposition = Proposition(index=0, sentence=0, start=0, end=100, text="", actor_entity="org:state department", arguments=(inquiry,))
    analysis = ReportAnalysis(report="r", entities=ENTITIES + extra, propositions=(proposition,))
    assert event_target(proposition, analysis, code="090", trigger="complete", source="org:state department").entity == ""


def test_the_speaker_of_the_clause_is_no_target() -> None:
    # "Iran's leaders deny pursuing weapons," Netanyahu said: Netanyahu tells it, no one denies him.
    speaker = Argument(role="object", text="Benjamin Netanyahu", entity="person:netanyahu", verb="deny")
    proposition = Proposition(index=0, sentence=0, start=0, end=100, text="", actor_entity="country:IR", arguments=(speaker,),
                              attribution="Benjamin Netanyahu", attribution_entity="person:netanyahu")
    analysis = ReportAnalysis(report="r", entities=ENTITIES, propositions=(proposition,))
    assert event_target(proposition, analysis, code="120", trigger="deny", source="country:IR").entity == ""


def test_a_platform_is_where_not_whom() -> None:
    # "blasted the media on Twitter", Twitter tagged as a person.
    platform = (Entity(id="person:twitter", name="Twitter", kind="person"),)
    media = Argument(role="object", text="the media", head="medium", verb="blast", start=10)
    twitter = Argument(role="on", text="Twitter", entity="person:twitter", verb="blast", start=25)
    proposition = Proposition(index=0, sentence=0, start=0, end=100, text="", actor_entity="person:trump", arguments=(media, twitter))
    analysis = ReportAnalysis(report="r", entities=ENTITIES + platform, propositions=(proposition,))
    assert event_target(proposition, analysis, code="111", trigger="blast", source="person:trump").entity == ""


def test_an_unresolved_pronoun_in_the_targets_place_leaves_no_target() -> None:
    # "criticized him for his handling of the Iran file": Iran is the reason, "him" the target.
    him = Argument(role="object", text="him", head="he", verb="criticize", start=10)
    reason = Argument(role="for", text="his handling of the Iran file", head="handling", owner="country:IR", verb="criticize", start=20)
    assert _target("111", "criticize", "country:KP", him, reason) == ""
    assert _target("111", "criticize", "country:KP", reason) == "country:IR"


def test_a_place_deep_in_the_object_comes_after_whom_the_act_is_against() -> None:
    kurds = (Entity(id="group:kurdish", name="Kurdish", kind="group"), Entity(id="country:SY", name="Syria", kind="country", country="SY"),
             Entity(id="country:TR", name="Turkey", kind="country", country="TR"))
    text = "an offensive against Kurdish forces in Syria"
    offensive = Argument(role="object", text=text, head="offensive", verb="launch", start=0)
    against = Argument(role="object against", text="Kurdish forces in Syria", head="force", owner="group:kurdish", verb="launch", start=21)
    syria = Mention(entity="country:SY", report="r", text="Syria", start=text.index("Syria"), end=len(text))
    proposition = Proposition(index=0, sentence=0, start=0, end=100, text="", actor_entity="country:TR", arguments=(offensive, against))
    analysis = ReportAnalysis(report="r", entities=ENTITIES + kurds, mentions=(syria,), propositions=(proposition,))
    assert event_target(proposition, analysis, code="190", trigger="launch", source="country:TR", cue="offensive").entity == "group:kurdish"
    alone = Proposition(index=0, sentence=0, start=0, end=100, text="", actor_entity="country:TR", arguments=(offensive,))
    assert event_target(alone, replace_propositions(analysis, alone), code="190", trigger="launch", source="country:TR").entity == "country:SY"


def replace_propositions(analysis: ReportAnalysis, proposition: Proposition) -> ReportAnalysis:
    from dataclasses import replace

    return replace(analysis, propositions=(proposition,))


def test_a_place_naming_a_treaty_is_no_party_to_it() -> None:
    # "Canada pulled out of the Tokyo Fisheries Accord": Tokyo is where it was signed.
    accord = Argument(role="out of", text="the Tokyo Fisheries Accord", head="accord", entity="place:tokyo", start=20)
    assert _target("160", "quit", "country:CA", accord) == ""
    # "Canada signed a deal with Tokyo": the place is the party.
    deal = Argument(role="object", text="a deal with Tokyo", head="deal", entity="place:tokyo", start=20)
    assert _target("057", "sign", "country:CA", deal) == "place:tokyo"


def test_one_member_described_is_not_the_party() -> None:
    analysis_entities = Entity(id="group:democrat", name="Democrat", kind="group", country="US")
    member = Argument(role="object", text="the Vermont Democrat", head="democrat", entity="group:democrat", start=20)
    proposition = Proposition(index=0, sentence=0, start=0, end=100, text="", actor_entity="country:CA", arguments=(member,))
    analysis = ReportAnalysis(report="r", entities=(*ENTITIES, analysis_entities), propositions=(proposition,))
    assert event_target(proposition, analysis, code="051", trigger="praise", source="country:CA").entity == ""
    party = replace(member, text="Democrats")
    proposition = replace(proposition, arguments=(party,))
    assert event_target(proposition, analysis, code="051", trigger="praise", source="country:CA").entity == "group:democrat"


def test_a_treaty_known_by_its_acronym_is_no_target() -> None:
    nafta = Entity(id="org:nafta", name="NAFTA", kind="organisation")
    deal = Argument(role="object", text="NAFTA", head="nafta", entity="org:nafta", start=20)
    proposition = Proposition(index=0, sentence=0, start=0, end=100, text="", actor_entity="country:CA", arguments=(deal,))
    analysis = ReportAnalysis(report="r", entities=(*ENTITIES, nafta), propositions=(proposition,))
    assert event_target(proposition, analysis, code="111", trigger="criticize", source="country:CA").entity == ""

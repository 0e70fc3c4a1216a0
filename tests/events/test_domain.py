"""A story told in the words of sports reporting codes only violence and coercion."""

from __future__ import annotations

from storyline.events.domain import sports_story
from storyline.models import Report


def test_a_game_is_a_sports_story_and_a_summit_is_not() -> None:
    game = Report(id="g", body="The Saints signed rookie Joique Bell after the game. The coach said the season "
                               "is not over and the NFL playoffs are close.")
    summit = Report(id="s", body="China and Canada signed an agreement not to hack each other's companies after "
                                 "talks in Beijing, officials said.")
    assert sports_story([game])
    assert not sports_story([summit])
    assert not sports_story([])


def test_a_film_named_games_is_not_sport() -> None:
    film = Report(id="f", body="Lionsgate is getting ready for the sequel to The Hunger Games. The Hunger Games made "
                               "money, and Catching Fire follows The Hunger Games next year.")
    assert not sports_story([film])

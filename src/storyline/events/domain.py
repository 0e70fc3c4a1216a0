"""Whether a story is about sport, where event data has little to record.

Event data record political interactions: who cooperates with or confronts whom. A story
about a game is told in the same verbs ("signed a rookie", "offered a contract", "met
Klitschko in 2008", "defended his title", "beat Tennessee"), and none of it is a political
event. In a story whose reports are written in the words of sports reporting
(`sports_words.txt`), only violence and coercion (CAMEO 17, 18, 20: an arrest, an assault)
are coded.

    sports_story(reports)   # -> bool
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from storyline.models import Report
from storyline.wordlists import entries

# Sports words per thousand words of a story's reports above which it is about sport. Tuned on
# the topics of ECB+ and NewsWCL50: sports topics measure 11 to 49, the others 1 at most; the
# AllSides leads on a politician at a game measure about 20. Read a fresh `storyline eval
# event-sample` after changing it.
SPORTS_WORDS_PER_THOUSAND = 5.0
# Roots that stand in a sports story: coercion (an arrest), assault, mass violence; not 19
# (fight, capture), which is how a game is told ("captured the title").
VIOLENT_ROOTS = frozenset({"17", "18", "20"})
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def sports_story(reports: Sequence[Report]) -> bool:
    """Whether the reports are written in the words of sports reporting."""
    words = [word for report in reports for word in _WORD.findall(report.body)]
    if not words:
        return False
    terms = _sports_words()
    hits = sum(1 for word in words if (word if word.islower() else word.upper()) in terms)
    return hits * 1000 / len(words) > SPORTS_WORDS_PER_THOUSAND


@functools.lru_cache(maxsize=1)
def _sports_words() -> frozenset[str]:
    return frozenset(word if word.islower() else word.upper() for word in (line.strip() for line in entries("sports_words.txt")))

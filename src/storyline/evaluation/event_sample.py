"""A seeded random sample of coded events from stores, to be read one by one.

Story events have no answer key on real news: whether an event is right (its type, its
actors, its date) is judged by reading the sentence it came from. This draws the events to
read, the same ones for the same stores and seed, with the text a reader needs.

    storyline eval event-sample ecbplus.db newswcl50.db --count 40 --seed 19 --json
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from storyline.store import EventQuery, open_store


def sample_events(stores: list[Path], *, count: int = 40, seed: int = 19) -> list[dict[str, Any]]:
    """`count` events drawn at random (seeded), an equal share from each store, in a stable order."""
    rng = random.Random(seed)
    share, extra = divmod(count, len(stores)) if stores else (0, 0)
    sample: list[dict[str, Any]] = []
    for position, path in enumerate(stores):
        with open_store(path) as store:
            events = sorted(store.query_events(EventQuery(limit=-1)), key=lambda e: (e.story, e.id))
            chosen = rng.sample(events, min(len(events), share + (1 if position < extra else 0)))
            for event in chosen:
                story = store.get_story(event.story)
                sample.append({
                    "store": path.name, "story": event.story, "headline": story.headline if story else "",
                    "type": event.plover, "cameo": event.cameo,
                    "actor": event.actor1, "actor_country": event.actor1_country,
                    "target": event.actor2, "target_country": event.actor2_country,
                    "date": event.date, "date_precision": event.date_precision, "mentions": len(event.support),
                    "text": event.text,
                })
    return sample

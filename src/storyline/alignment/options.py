"""Records and options of cross-document alignment: mentions in, chain ids out."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.alignment.weights import (
    ENTITY_LINKAGE,
    ENTITY_THRESHOLD,
    ENTITY_WEIGHTS,
    EVENT_LINKAGE,
    EVENT_THRESHOLD,
    EVENT_WEIGHTS,
    FEATURES,
)
from storyline.errors import ConfigError

MENTION_KINDS = ("event", "entity")
LINKAGES = ("average", "mixed", "single", "complete")


@dataclass(frozen=True, kw_only=True)
class MentionSpan:
    """A mention to align: an event trigger or an entity name at a character span of a doc."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    kind: str = "event"


@dataclass(frozen=True, kw_only=True)
class AlignmentOptions:
    """How mentions are compared and when two chains merge.

    `weights` are the logistic-regression coefficients of the pair features, one mapping
    per mention kind (feature name -> weight, plus "bias"); the thresholds are the lowest
    linkage of link probabilities at which two clusters still merge, and the linkages say
    how two clusters are compared (see `storyline.alignment.clustering.cluster_links`).
    Defaults come from `storyline.alignment.weights`, fitted on the ECB+ train split.
    """

    event_threshold: float = EVENT_THRESHOLD
    entity_threshold: float = ENTITY_THRESHOLD
    event_linkage: str = EVENT_LINKAGE
    entity_linkage: str = ENTITY_LINKAGE
    event_weights: dict[str, float] = field(default_factory=lambda: dict(EVENT_WEIGHTS))
    entity_weights: dict[str, float] = field(default_factory=lambda: dict(ENTITY_WEIGHTS))

    def __post_init__(self) -> None:
        for name in ("event_threshold", "entity_threshold"):
            value = getattr(self, name)
            if not 0.0 < value < 1.0:
                raise ConfigError(f"alignment.{name} must be between 0 and 1 (exclusive), got {value}")
        for name in ("event_linkage", "entity_linkage"):
            value = getattr(self, name)
            if value not in LINKAGES:
                raise ConfigError(f"alignment.{name} must be one of {', '.join(LINKAGES)}, got {value!r}")
        for name in ("event_weights", "entity_weights"):
            unknown = set(getattr(self, name)) - set(FEATURES) - {"bias"}
            if unknown:
                raise ConfigError(f"alignment.{name} has unknown features {sorted(unknown)}; known: {', '.join(FEATURES)}")

    def threshold(self, kind: str) -> float:
        """The merge threshold for mentions of `kind`."""
        return self.event_threshold if kind == "event" else self.entity_threshold

    def linkage(self, kind: str) -> str:
        """How clusters of mentions of `kind` are compared when merging."""
        return self.event_linkage if kind == "event" else self.entity_linkage

    def weights(self, kind: str) -> dict[str, float]:
        """The pair-feature weights for mentions of `kind`."""
        return self.event_weights if kind == "event" else self.entity_weights

"""Options per stage, read from default.toml, an optional user file, then command-line flags.

Precedence: built-in defaults < the file given with `--config` (or $STORYLINE_CONFIG) <
flags. Every section is a frozen dataclass; an unknown key or a value of the wrong type is
a `ConfigError` that names the key and says what is expected.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError


@dataclass(frozen=True, kw_only=True)
class IngestOptions:
    max_file_bytes: int = 50 * 1024 * 1024
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 20 * 1024 * 1024
    fetch_max_redirects: int = 5
    allow_private_addresses: bool = False
    user_agent: str = "storyline/0.1 (+https://github.com/storyline-news/storyline)"
    host_delay: float = 1.0


@dataclass(frozen=True, kw_only=True)
class AnalyzeOptions:
    enabled: bool = True
    batch_size: int = 16
    max_chars: int = 50_000
    workers: int = 0


@dataclass(frozen=True, kw_only=True)
class EncodeOptions:
    """Which sentence encoder gives each report its meaning vector (see storyline.encode)."""

    stories: str = "full"
    claims: str = "static"
    threads: int = 0


ENCODER_CHOICES = ("static", "full", "off")
CLAIM_ENCODER_CHOICES = ("static", "off")


@dataclass(frozen=True, kw_only=True)
class ExecutorOptions:
    """Where per-report and per-story work runs (see storyline.pipeline.executor)."""

    kind: str = "local"
    scheduler: str = ""


EXECUTOR_CHOICES = ("local", "dask")


@dataclass(frozen=True, kw_only=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str = ""
    max_upload_bytes: int = 20 * 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class Config:
    """All options, one section per stage."""

    ingest: IngestOptions = field(default_factory=IngestOptions)
    analyze: AnalyzeOptions = field(default_factory=AnalyzeOptions)
    encode: EncodeOptions = field(default_factory=EncodeOptions)
    executor: ExecutorOptions = field(default_factory=ExecutorOptions)
    serve: ServeOptions = field(default_factory=ServeOptions)
    copies: dict[str, Any] = field(default_factory=dict)
    stories: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.analyze.batch_size < 1:
            raise ConfigError("analyze.batch_size must be at least 1 (try 16)")
        if self.encode.stories not in ENCODER_CHOICES:
            raise ConfigError(f"encode.stories must be one of {', '.join(ENCODER_CHOICES)}, not {self.encode.stories!r}")
        if self.encode.claims not in CLAIM_ENCODER_CHOICES:
            raise ConfigError(f"encode.claims must be one of {', '.join(CLAIM_ENCODER_CHOICES)}, not {self.encode.claims!r}")
        if self.executor.kind not in EXECUTOR_CHOICES:
            raise ConfigError(f"executor.kind must be one of {', '.join(EXECUTOR_CHOICES)}, not {self.executor.kind!r}")
        if self.executor.scheduler and self.executor.kind != "dask":
            raise ConfigError("executor.scheduler is the address of a Dask scheduler: set executor.kind = \"dask\" too")
        if self.encode.threads < 0:
            raise ConfigError("encode.threads must be at least 0 (0: every core)")
        if self.analyze.workers < 0:
            raise ConfigError("analyze.workers must be at least 0 (0: one per core, 1: no worker processes)")
        if self.analyze.max_chars < 1:
            raise ConfigError("analyze.max_chars must be at least 1 (try 50000)")
        if not 0 < self.serve.port < 65536:
            raise ConfigError(f"serve.port {self.serve.port} is not a TCP port (try 8000)")


_SECTIONS: dict[str, type] = {
    "ingest": IngestOptions,
    "analyze": AnalyzeOptions,
    "encode": EncodeOptions,
    "executor": ExecutorOptions,
    "serve": ServeOptions,
}


def default_toml() -> str:
    return (files("storyline") / "default.toml").read_text("utf-8")


def load_config(path: str | Path | None = None, overrides: dict[str, dict[str, Any]] | None = None) -> Config:
    """Defaults, then the file at `path` (or $STORYLINE_CONFIG), then `overrides`."""
    merged = _parse(default_toml(), "default.toml")
    location = path or os.environ.get("STORYLINE_CONFIG")
    if location:
        try:
            text = Path(location).read_text("utf-8")
        except OSError as exc:
            raise ConfigError(f"{location}: cannot read config file ({exc.strerror})") from None
        _merge(merged, _parse(text, str(location)))
    _merge(merged, overrides or {})
    return _build(merged)


def _parse(text: str, name: str) -> dict[str, dict[str, Any]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: invalid TOML ({exc})") from None
    for key, value in data.items():
        if not isinstance(value, dict):
            raise ConfigError(f"{name}: top-level key {key!r} must be a [section]")
    return data


def _merge(into: dict[str, dict[str, Any]], update: dict[str, dict[str, Any]]) -> None:
    for section, values in update.items():
        into.setdefault(section, {}).update({k: v for k, v in values.items() if v is not None})


def _build(data: dict[str, dict[str, Any]]) -> Config:
    known = set(_SECTIONS) | {"copies", "stories"}
    for section in data:
        if section not in known:
            raise ConfigError(f"unknown config section [{section}]; known: {', '.join(sorted(known))}")
    kwargs: dict[str, Any] = {}
    for section, cls in _SECTIONS.items():
        values = data.get(section, {})
        _check_values(section, cls, values)
        kwargs[section] = cls(**values)
    kwargs["copies"] = dict(data.get("copies", {}))
    kwargs["stories"] = dict(data.get("stories", {}))
    _check_stage_options(kwargs["copies"], kwargs["stories"])
    return Config(**kwargs)


def _check_stage_options(copies: dict[str, Any], stories: dict[str, Any]) -> None:
    """The [copies] and [stories] sections must build their stages' option objects."""
    from storyline.copies import CopyOptions
    from storyline.stories import StoryOptions

    for section, cls, values in (("copies", CopyOptions, copies), ("stories", StoryOptions, stories)):
        _check_values(section, cls, values)
        cls(**values)


def _check_values(section: str, cls: type, values: dict[str, Any]) -> None:
    """Every option of a section is known and of its default's type (an int does for a float)."""
    names = sorted(f.name for f in dataclasses.fields(cls))
    defaults = cls()
    for key, value in values.items():
        if key not in names:
            raise ConfigError(f"unknown option {section}.{key}; known: {', '.join(names)}")
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            continue
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise ConfigError(f"{section}.{key} must be {expected.__name__}, not {type(value).__name__}")

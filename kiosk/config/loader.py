"""Find, read and check a configuration file; turn every problem into one plain line.

A technician reads these lines over SSH, so each says which key is wrong, what is wrong with it
and what would be right:

    config/examples/broken.toml: kiosk.orientation: "sideways" is not allowed; allowed: ...

`--set KEY=VALUE` overrides from the command line are applied before checking, so they are
checked exactly like the file.
"""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kiosk.config.models import KioskConfig
from kiosk.errors import ConfigError

ENV_VAR = "KIOSK_CONFIG"
SYSTEM_CONFIG = Path("/etc/zwkiosk/kiosk.toml")
REPO_CONFIG = Path(__file__).resolve().parents[2] / "config" / "kiosk.toml"


def default_config_path() -> Path:
    """`$KIOSK_CONFIG`, else /etc/zwkiosk/kiosk.toml if present, else the repository default."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    if SYSTEM_CONFIG.exists():
        return SYSTEM_CONFIG
    return REPO_CONFIG


def load_config(path: Path | None = None, overrides: Sequence[str] = ()) -> KioskConfig:
    """Read, override and validate; raise `ConfigError` listing every problem found."""
    path = path or default_config_path()
    source = str(path)
    data = read_toml(path)
    override_keys = apply_overrides(data, overrides, source)
    try:
        config = KioskConfig.model_validate(data, context={"base_dir": path.resolve().parent})
    except ValidationError as exc:
        problems = [_describe(err, override_keys) for err in exc.errors()]
        raise ConfigError(source, problems) from exc
    problems = cross_check(config)
    if problems:
        raise ConfigError(source, problems)
    return config


def read_toml(path: Path) -> dict[str, Any]:
    source = str(path)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(source, ["file not found"]) from exc
    except IsADirectoryError as exc:
        raise ConfigError(source, ["is a directory, not a configuration file"]) from exc
    except PermissionError as exc:
        raise ConfigError(source, ["cannot be read: permission denied"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, [f"not valid TOML: {exc}"]) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(source, ["not valid TOML: the file is not UTF-8 text"]) from exc


def apply_overrides(data: dict[str, Any], overrides: Iterable[str], source: str) -> set[str]:
    """Apply `section.key=value` overrides in place; values are TOML (`60`, `true`, `"x"`)."""
    keys: set[str] = set()
    for item in overrides:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or "." not in key:
            raise ConfigError(source, [f"--set {item!r}: write it as section.key=value"])
        try:
            value = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw.strip()  # a bare word is taken as a string
        *sections, leaf = key.split(".")
        node = data
        for name in sections:
            child = node.setdefault(name, {})
            if not isinstance(child, dict):
                raise ConfigError(source, [f"--set {key}: '{name}' is not a section"])
            node = child
        node[leaf] = value
        keys.add(key)
    return keys


def cross_check(config: KioskConfig) -> list[str]:
    """Problems that involve more than one key."""
    problems = []
    kiosk = config.kiosk
    if kiosk.default_language not in kiosk.languages:
        problems.append(
            f"kiosk.default_language: \"{kiosk.default_language}\" is not in kiosk.languages "
            f"{kiosk.languages}; allowed: one of kiosk.languages"
        )
    if len(set(kiosk.languages)) != len(kiosk.languages):
        problems.append("kiosk.languages: a language is listed twice; allowed: each once")
    platform = config.platform
    has_key, has_key_file = platform.kiosk_key is not None, platform.kiosk_key_file is not None
    if platform.url != "embedded" and not (has_key or has_key_file):
        problems.append("platform.kiosk_key: missing; allowed: this kiosk's secret key, or "
                        "platform.kiosk_key_file pointing at it (needed unless url is "
                        "\"embedded\")")
    if has_key and has_key_file:
        problems.append("platform.kiosk_key_file: give either kiosk_key or kiosk_key_file, "
                        "not both")
    return problems


def environment_problems(config: KioskConfig) -> list[str]:
    """Files the configuration names that are missing on this machine.

    `kiosk config check` shows these as warnings (the file may be meant for another machine);
    `kiosk run` refuses to start with them.
    """
    problems = []
    named = {"kiosk.font": config.kiosk.font,
             "platform.kiosk_key_file": config.platform.kiosk_key_file,
             "platform.ca_bundle": config.platform.ca_bundle}
    for key, value in named.items():
        if value is not None and not value.is_file():
            problems.append(f"{key}: {value} does not exist on this machine")
    return problems


def _describe(error: Any, override_keys: set[str]) -> str:
    loc = tuple(error["loc"])
    key = ".".join(str(part) for part in loc if not isinstance(part, int)) or "(top level)"
    field = _field_extra(loc)
    allowed = field.get("allowed")
    shown = "(hidden)" if field.get("secret") else _show(error.get("input"))
    kind = error["type"]
    ctx = error.get("ctx") or {}

    if kind == "missing":
        what = "missing"
    elif kind == "extra_forbidden":
        what, allowed = _unknown_key(loc)
    elif kind == "literal_error":
        what = f"{shown} is not allowed"
        allowed = allowed or ctx.get("expected")
    elif kind in ("greater_than_equal", "greater_than"):
        what = f"{shown} is too small"
    elif kind in ("less_than_equal", "less_than"):
        what = f"{shown} is too large"
    elif kind in ("string_too_short", "string_too_long", "too_short", "too_long"):
        what = f"{shown} is too {'short' if 'short' in kind else 'long'}"
    elif kind == "string_pattern_mismatch":
        what = f"{shown} is not in the right form"
    elif kind == "model_type":
        what = f"should be a table [{key}], not {shown}"
    elif kind.endswith("_type") or kind.endswith("_parsing"):
        what = f"{shown} is {_type_words(kind)}"
    elif kind == "value_error":
        what = str(ctx.get("error", error["msg"]))
    else:
        what = error["msg"]
    line = f"{key}: {what}"
    if allowed and "allowed:" not in what:
        line += f"; allowed: {allowed}"
    if key in override_keys:
        line += " (set on the command line)"
    return " ".join(line.splitlines())  # one problem, one line, whatever the input held


def _type_words(kind: str) -> str:
    words = {
        "int": "not a whole number", "float": "not a number", "bool": "not true or false",
        "string": "not text in quotes", "list": "not a list [...]", "dict": "not a table",
        "path": "not a path",
    }
    return words.get(kind.split("_")[0], "of the wrong type")


def _show(value: Any) -> str:
    if isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)  # quotes, and \n for a line break
        return shown if len(shown) <= 80 else shown[:76] + '..."'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def _model_at(loc: Sequence[Any]) -> type[BaseModel] | None:
    """The model class that owns the last key of `loc`."""
    model: type[BaseModel] = KioskConfig
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        annotation = getattr(info, "annotation", None)
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    return model


def _field_extra(loc: Sequence[Any]) -> dict[str, Any]:
    names = [p for p in loc if not isinstance(p, int)]
    model = _model_at(names)
    if model is None or not names:
        return {}
    info = model.model_fields.get(str(names[-1]))
    extra = info.json_schema_extra if info is not None else None
    return dict(extra) if isinstance(extra, dict) else {}


def _unknown_key(loc: Sequence[Any]) -> tuple[str, str]:
    model = _model_at(loc)
    known = list(model.model_fields) if model is not None else []
    name = str(loc[-1])
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    kind = "section" if len(loc) == 1 else "key"
    what = f"unknown {kind}" + (f" (did you mean \"{guess[0]}\"?)" if guess else "")
    return what, (f"{kind}s " + ", ".join(known)) if known else f"no {kind}s here"

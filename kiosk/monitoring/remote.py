"""Settings the county pushes to this kiosk (`PUT /api/v1/admin/kiosks/{id}/config`).

They are `section.key` → value, laid over the local file like `--set` overrides, validated like
it, and kept in `state_dir/monitoring/remote-config.json` so they survive restarts. A version
the kiosk refused (a value out of range) is remembered and not fetched again until the county
pushes a newer one; the refusal is logged with the one-line problems.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class RemoteSettings:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.version = 0
        self.settings: dict[str, Any] = {}
        self.refused_version = 0
        self.problems: list[str] = []
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.version = int(data.get("version", 0))
            self.settings = dict(data.get("settings", {}))
            self.refused_version = int(data.get("refused_version", 0))
        except FileNotFoundError:
            pass
        except (ValueError, TypeError, AttributeError) as exc:
            log.error("pushed settings %s unreadable (%s); ignored", self.path, exc)

    def wanted(self, version: int) -> bool:
        """Whether the platform's config version is one to fetch and apply."""
        return version != self.version and version != self.refused_version

    def accept(self, version: int, settings: dict[str, Any]) -> None:
        self.version, self.settings, self.problems = version, dict(settings), []
        self._save()

    def refuse(self, version: int, problems: list[str]) -> None:
        self.refused_version, self.problems = version, problems
        self._save()
        log.error("settings pushed by the platform refused", extra={"version": version,
                                                                    "problems": problems})

    def _save(self) -> None:
        from kiosk.config.editor import write_atomically

        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, json.dumps({"version": self.version,
                                                "settings": self.settings,
                                                "refused_version": self.refused_version},
                                               ensure_ascii=False, indent=1))


def remote_settings_file(state_dir: Path) -> Path:
    return state_dir / "monitoring" / "remote-config.json"


def pushed_overrides(state_dir: Path) -> list[str]:
    """The accepted pushed settings as `--set` overrides, for starting the kiosk."""
    path = remote_settings_file(state_dir)
    if not path.exists():
        return []
    from kiosk.reconfigure import remote_overrides

    return remote_overrides(RemoteSettings(path).settings)

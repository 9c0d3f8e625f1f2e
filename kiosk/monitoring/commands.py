"""Commands from the county platform (reload config, reprint the last ticket, restart the app):
carried out once each, and their outcome reported in the next heartbeat.

Outcomes and the ids already carried out are kept in `state_dir/monitoring/commands.json`
(written atomically), so a restart command's own outcome survives the restart it causes and
no command runs twice, even when its acknowledgement was lost.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from kiosk.platform.contract import Command, CommandKind, CommandResult

log = logging.getLogger(__name__)

Handler = Callable[[], str]   # returns what was done, in words; raises when it could not
KEEP_DONE_IDS = 200


class CommandRunner:
    def __init__(self, state_file: Path) -> None:
        self.state_file = state_file
        self.handlers: dict[CommandKind, Handler] = {}
        self._lock = threading.Lock()
        self._done: list[str] = []
        self._unreported: list[CommandResult] = []
        self._load()

    def handle(self, kind: CommandKind, handler: Handler) -> None:
        self.handlers[kind] = handler

    # what the heartbeat reports ---------------------------------------------------------------

    def unreported(self) -> list[CommandResult]:
        with self._lock:
            return list(self._unreported)

    def reported(self, results: list[CommandResult]) -> None:
        """The platform acknowledged these (the heartbeat carrying them was answered)."""
        ids = {r.id for r in results}
        with self._lock:
            self._unreported = [r for r in self._unreported if r.id not in ids]
            self._save()

    # carrying them out ------------------------------------------------------------------------

    def run(self, command: Command) -> CommandResult | None:
        """Carry out `command` unless it was already; its result waits for the next heartbeat.

        A restart is recorded as done *before* it happens (it ends this process)."""
        with self._lock:
            if command.id in self._done:
                return None
        handler = self.handlers.get(command.kind)
        log.warning("platform command received", extra={"command": command.kind.value,
                                                        "command_id": command.id})
        if handler is None:
            result = CommandResult(id=command.id, ok=False,
                                   message=f"{command.kind.value}: not possible in this "
                                           "kiosk process (no app running)")
            self._record(result)
            return result
        if command.kind is CommandKind.RESTART_APP:
            self._record(CommandResult(id=command.id, ok=True, message="restarting"))
            handler()
            return None
        try:
            message = handler()
            result = CommandResult(id=command.id, ok=True, message=message[:500])
        except Exception as exc:
            log.error("platform command failed: %s: %s", command.kind.value, exc)
            result = CommandResult(id=command.id, ok=False, message=f"{exc}"[:500])
        self._record(result)
        return result

    def _record(self, result: CommandResult) -> None:
        with self._lock:
            self._done.append(result.id)
            self._done = self._done[-KEEP_DONE_IDS:]
            self._unreported.append(result)
            self._save()

    # the file --------------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
            self._done = [str(i) for i in data.get("done", [])][-KEEP_DONE_IDS:]
            self._unreported = [CommandResult.model_validate(r)
                                for r in data.get("unreported", [])]
        except FileNotFoundError:
            pass
        except (ValueError, TypeError, AttributeError) as exc:
            log.error("command record %s unreadable (%s); starting afresh", self.state_file, exc)

    def _save(self) -> None:
        data = {"done": self._done,
                "unreported": [r.model_dump(mode="json") for r in self._unreported]}
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.state_file.parent, prefix=".commands-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.state_file)

"""What the client remembers between runs: your name and profession, and the resume
token of each session you joined, so a crashed laptop rejoins as the same person; and,
until the welcome, the join id of a join under way, so a client stopped before its
welcome arrived is the same person too when it is started again.

A resume token is the participant: whoever reads it can act as them. The file is 0600 in
a 0700 folder, and replaced whole on each save (never half-written by a crash)."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from server.private import write_private


def default_dir() -> Path:
    override = os.environ.get("KERNE_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("kerne", appauthor=False))


@dataclass
class Memory:
    path: Path
    name: str = ""
    profession: str = ""
    tokens: dict[str, str] = field(default_factory=dict)
    joins: dict[str, str] = field(default_factory=dict)  # join ids not yet welcomed

    @classmethod
    def load(cls, directory: Path | None = None) -> Memory:
        path = (directory or default_dir()) / "client.json"
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(data, dict):
            return cls(path)
        return cls(
            path,
            str(data.get("name", "")),
            str(data.get("profession", "")),
            _strings(data.get("tokens", {})),
            _strings(data.get("joins", {})),
        )

    def save(self) -> None:
        """Best effort: a read-only home must not stop anyone from joining."""
        data = {
            "name": self.name,
            "profession": self.profession,
            "tokens": self.tokens,
            "joins": self.joins,
        }
        with contextlib.suppress(OSError):
            write_private(self.path, json.dumps(data, ensure_ascii=False, indent=2).encode())

    @staticmethod
    def key(server: str, code: str, role: str) -> str:
        return f"{server}|{code}|{role}"


def _strings(value: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

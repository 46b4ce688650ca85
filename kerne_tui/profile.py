"""What the client remembers between runs: your name and profession, and the resume
token of each session you joined, so a crashed laptop rejoins as the same person.

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

    @classmethod
    def load(cls, directory: Path | None = None) -> Memory:
        path = (directory or default_dir()) / "client.json"
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(data, dict):
            return cls(path)
        tokens = data.get("tokens", {})
        return cls(
            path,
            str(data.get("name", "")),
            str(data.get("profession", "")),
            {str(k): str(v) for k, v in tokens.items()} if isinstance(tokens, dict) else {},
        )

    def save(self) -> None:
        """Best effort: a read-only home must not stop anyone from joining."""
        data = {"name": self.name, "profession": self.profession, "tokens": self.tokens}
        with contextlib.suppress(OSError):
            write_private(self.path, json.dumps(data, ensure_ascii=False, indent=2).encode())

    @staticmethod
    def key(server: str, code: str, role: str) -> str:
        return f"{server}|{code}|{role}"

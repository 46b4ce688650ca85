"""`python -m server` as a real process, as a facilitator runs it, killable with SIGKILL."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


class ServerProcess:
    """`python -m server` on 127.0.0.1, port 0, with a ready file: shared by every test
    that needs a real process (restarts, SIGKILL, TLS, the CLI)."""

    def __init__(
        self,
        db: Path,
        ready: Path,
        *extra: str,
        preexec_fn: Callable[[], None] | None = None,
    ) -> None:
        self.ready = ready
        ready.unlink(missing_ok=True)
        # A file, not a pipe: a server that logs a lot must never block on stderr.
        self.stderr_path = ready.with_suffix(".stderr")
        with self.stderr_path.open("wb") as stderr:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "server",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--db",
                    str(db),
                    "--ready-file",
                    str(ready),
                    *extra,
                ],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                preexec_fn=preexec_fn,
            )

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    async def info(self) -> dict[str, str]:
        """The ready file's content once the server listens."""
        for _ in range(300):
            if self.ready.exists() and self.ready.read_text():
                return dict(json.loads(self.ready.read_text()))
            if self.proc.poll() is not None:
                raise AssertionError(f"the server exited: {self.stderr}")
            await asyncio.sleep(0.05)
        raise AssertionError("the server did not start")

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; its exit status once it has ended."""
        if self.proc.poll() is None:
            self.proc.terminate()
        return self.proc.wait(timeout=15)

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed by the server itself."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

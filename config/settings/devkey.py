from __future__ import annotations

import os
import secrets
from pathlib import Path


def development_secret_key(var_dir: Path) -> str:
    """A key made once per checkout and kept in var/ (ignored by git)."""
    path = var_dir / "dev-secret-key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        # Written whole under another name, then renamed: two processes starting at once
        # (CI runs two suites side by side) never read a half-written key.
        draft = var_dir / f"dev-secret-key.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(50))
        os.replace(draft, path)
    return path.read_text().strip()

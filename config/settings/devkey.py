from __future__ import annotations

import secrets
from pathlib import Path


def development_secret_key(var_dir: Path) -> str:
    """A key made once per checkout and kept in var/ (ignored by git)."""
    path = var_dir / "dev-secret-key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()

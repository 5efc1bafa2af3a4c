"""What the tests share, in one place (no test imports another test file)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

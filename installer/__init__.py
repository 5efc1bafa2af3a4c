"""Build helpers for build_installer.py: icons and the per-platform packages (not shipped in the wheel)."""

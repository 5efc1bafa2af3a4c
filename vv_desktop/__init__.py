"""Stappenplan: a desktop app for clubs that make performance pressure discussable."""

__version__ = "0.1.0"
APP_NAME = "Stappenplan"
ORG_NAME = "Vleuten Versterkt"
# One id for the app on every desktop: the Linux .desktop file, AppStream and MIME files, the
# window's desktop file name, the macOS bundle identifier and the Windows registry class.
APP_ID = "nl.vleutenversterkt.Stappenplan"
# The file a colleague mails: its extension and MIME type (registered by the installers).
PLAN_EXTENSION = ".vvplan"
PLAN_MIME_TYPE = "application/x-vvplan"

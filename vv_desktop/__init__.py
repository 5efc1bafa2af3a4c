"""Stappenplan: a desktop app for clubs that make performance pressure discussable."""

__version__ = "0.1.0"
APP_NAME = "Stappenplan"
ORG_NAME = "Vleuten Versterkt"

"""Bindings declare i18n keys as descriptions; what shows a key translates it as
it draws (relance draws its own footer and help: `KeysFooter`, `dialogs.help`)."""

from __future__ import annotations

from textual.binding import Binding

from relance_tui import i18n


def label(binding: Binding) -> str:
    """What the binding does, in the user's language ("" for a key without words)."""
    return i18n.t(binding.description) if binding.description else ""

"""Bindings declare i18n keys as descriptions; nodes translate them on creation."""

from __future__ import annotations

import dataclasses

from textual.binding import BindingsMap
from textual.dom import DOMNode

from relance_tui import i18n


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description (an i18n key) with its translation."""
    translated = BindingsMap()
    for key, bindings in node._bindings.key_to_bindings.items():
        translated.key_to_bindings[key] = [
            dataclasses.replace(
                binding,
                description=i18n.t(binding.description) if binding.description else "",
                tooltip=i18n.t(binding.tooltip) if binding.tooltip else "",
            )
            for binding in bindings
        ]
    node._bindings = translated

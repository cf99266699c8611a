"""Modal dialogs, one module each; each dismisses with a typed result or None."""

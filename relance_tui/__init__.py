"""relance: a keyboard-driven terminal call station for media follow-up calls."""

__version__ = "0.1.0"

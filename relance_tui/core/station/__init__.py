"""The call station's orchestration, the top of core: the call session (a card, a
key, the next card), the Bilan, the exports. It may use every package below it;
nothing below imports it (tests/core/test_layers.py)."""

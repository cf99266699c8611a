"""Calling: the relance window and newsroom hours, the queue, the call session, the report."""

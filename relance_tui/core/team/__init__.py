"""Several callers on one call list: shares dealt out and merged back."""

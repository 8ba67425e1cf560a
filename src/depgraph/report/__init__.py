"""The self-contained HTML proposal report a client reads."""

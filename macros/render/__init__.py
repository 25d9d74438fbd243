"""From validated data to escaped HTML: pure functions, and the table of macros.

Imports from ``data`` only."""

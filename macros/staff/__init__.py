"""The staff's commands: `make check`, `make publish`, `make reviews`, `make linkcheck`."""

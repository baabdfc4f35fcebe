"""All of rasid's exceptions, in one place.

Library code raises these and never prints or exits; only the CLI maps them to messages and
exit codes. Each message says what went wrong and, where it can, what to do next.
"""

from __future__ import annotations


class RasidError(Exception):
    """Base class of every error rasid raises on purpose."""

    exit_code = 1


class InputError(RasidError):
    """A document could not be read. ``path`` and ``line`` locate it (line for JSONL)."""

    exit_code = 2

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class InvalidRecord(RasidError):
    """A record does not satisfy the schema or the offset invariants."""


class ModelError(RasidError):
    """A trained model or data resource is missing or corrupt."""

    def __init__(self, path: str, reason: str, fix: str | None = None) -> None:
        self.path = path
        msg = f"{path}: {reason}"
        if fix:
            msg += f" ({fix})"
        super().__init__(msg)


class PipelineConfigError(RasidError):
    """The pipeline was built with components in an impossible order or configuration."""


class StoreError(RasidError):
    """The corpus store could not be opened, migrated or written."""


class BatchError(RasidError):
    """A batch run (``rasid batch``) cannot start or its output cannot be read."""

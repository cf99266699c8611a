"""Domain errors. Each carries a message fit to show a user, in their language."""

from __future__ import annotations

import errno
from typing import Any

from relance_tui import i18n


def os_words(problem: BaseException) -> str:
    """What went wrong with a file, in the user's language ("le disque est plein"),
    not the system's English ("No space left on device")."""
    code = getattr(problem, "errno", None) or 0
    known = f"cli.errno.{errno.errorcode.get(code, '')}"
    if i18n.has(known):
        return i18n.t(known)
    return getattr(problem, "strerror", None) or str(problem)


class RelanceError(Exception):
    """Base of our errors: `key` names an i18n message, `params` fill it."""

    key = "error.generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key)

    def __str__(self) -> str:
        return i18n.t(self.key, **self.params)


class FieldsInvalid(RelanceError):
    """A form handed in text that is not right: one message per field, nothing saved."""

    key = "event.invalid"

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(count=len(errors))
        self.errors = errors


class StoreError(RelanceError):
    key = "store.error"


class StoreLocked(StoreError):
    key = "store.locked"


class CorruptDataFile(StoreError):
    """The data file (or its journal) cannot be read; it is never overwritten.

    `detail_key` names the i18n message saying what is wrong; `backup` is the
    path of the newest usable backup, if any.
    """

    key = "store.corrupt"

    def __init__(
        self, path: str, detail_key: str, backup: str | None = None, **detail: Any
    ) -> None:
        super().__init__(path=path, detail_key=detail_key, **detail)
        self.path = path
        self.detail_key = detail_key
        self.detail = detail
        self.backup = backup

    def __str__(self) -> str:
        if self.backup:
            backup = i18n.t("store.corrupt.backup", backup=self.backup, path=self.path)
        else:
            backup = i18n.t("store.corrupt.no_backup")
        detail = i18n.t(self.detail_key, **self.detail)
        return i18n.t(self.key, path=self.path, detail=detail, backup=backup)


class NewerSchema(StoreError):
    key = "store.newer_schema"


class StoreWriteFailed(StoreError):
    key = "store.write_failed"


class StoreTakenOver(StoreError):
    """Another relance took the file's lock (its lock file was deleted): this one writes
    nothing more, so neither overwrites the other."""

    key = "store.taken_over"


class StoreReplaced(StoreError):
    """The data file was replaced while the app had it open: never written over.
    `copy` names where this session's work was kept."""

    key = "store.replaced"

    def __init__(self, path: str, copy: str = "") -> None:
        super().__init__(path=path)
        self.path = path
        self.copy = copy

    def __str__(self) -> str:
        key = "store.replaced.kept" if self.copy else self.key
        return i18n.t(key, path=self.path, copy=self.copy)


class HardLinked(StoreError):
    """The data file has another name (a hard link): a second writer could use it."""

    key = "store.hard_linked"


class DemoTargetExists(StoreError):
    key = "demo.exists"

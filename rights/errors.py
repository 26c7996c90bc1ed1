"""The exception tree. Every error the library raises on purpose descends from `RightsError`.

    RightsError                      exit 3  could not evaluate
    ├── UsageError                   exit 2  the caller asked for something impossible
    │   ├── InputError               exit 2  a bad URL, a missing file, a page that is not HTML
    │   ├── ConfigError              exit 2  a bad setting (names the key and the allowed range)
    │   └── PolicyError              exit 2  a bad policy file (names the file and the key)
    ├── FetchError                   exit 3  a page could not be fetched (names the URL and the reason)
    └── StoreError                   exit 3  the database cannot be used (names the path)
        └── AlreadyRunningError      exit 75 another run holds the lock (EX_TEMPFAIL, for cron)

A missing attribution or a refused licence is never an exception: it is a finding, a value.
Messages are one line that says what is wrong and what to do next.
"""

from __future__ import annotations


class RightsError(Exception):
    """Base of every error raised on purpose by `rights`."""

    exit_code = 3

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(RightsError):
    """The request cannot be carried out as given; nothing was fetched or written."""

    exit_code = 2


class InputError(UsageError):
    """A bad command-line input: URL, file or page."""


class ConfigError(UsageError):
    """A setting is missing, malformed or out of range."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


class PolicyError(UsageError):
    """A policy file is invalid; the message reads `FILE: key: what was expected`."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")
        self.path = path
        self.key = key
        self.problem = problem


_WHAT_TO_DO = {
    "blocked_address": "to read a page on an intranet or this machine, add --allow-private",
}


class FetchError(RightsError):
    """A page could not be fetched. `reason` is a short stable code such as `timeout_total`."""

    def __init__(self, url: str, reason: str, detail: str = "") -> None:
        text = f"could not fetch {url}: {reason}"
        if detail:
            text += f" ({detail})"
        if reason in _WHAT_TO_DO:
            text += f"; {_WHAT_TO_DO[reason]}"
        super().__init__(text)
        self.url = url
        self.reason = reason
        self.detail = detail


class StoreError(RightsError):
    """The database cannot be opened, migrated or written."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class AlreadyRunningError(StoreError):
    """Another run holds the database's run lock."""

    exit_code = 75

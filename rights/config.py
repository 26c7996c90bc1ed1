"""Settings with polite defaults, and `load_settings()`: defaults < rights.toml < environment < CLI.

Every value is validated with its allowed range; a bad value raises `ConfigError` naming the key.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from rights import __version__
from rights.errors import ConfigError

DEFAULT_SPLIT = "256MB"  # `rights scan`: gzip archives larger than this are read as byte ranges of it

DEFAULT_CONTACT_URL = "https://github.com/rights-tool/rights"
DEFAULT_USER_AGENT = f"rights/{__version__} (+{DEFAULT_CONTACT_URL})"
PRODUCT_TOKEN = "rights"
CONFIG_FILENAME = "rights.toml"


def default_db_path(env: Mapping[str, str] | None = None) -> Path:
    """The per-user database file: `$XDG_DATA_HOME/rights/rights.db` or the platform's equivalent."""
    env = os.environ if env is None else env
    if sys.platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "rights" / "rights.db"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything a run can be told. Defaults are the polite ones (DESIGN §8)."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0  # seconds, per connection attempt
    read_timeout: float = 20.0  # seconds, per read
    total_timeout: float = 30.0  # seconds, whole request including body (httpx timeouts are per read)
    max_bytes: int = 10 * 1024 * 1024  # decoded body size cap
    max_redirects: int = 5
    delay: float = 1.0  # seconds between requests to one host
    max_crawl_delay: float = 30.0  # Crawl-delay above this skips the host
    concurrency: int = 8  # hosts fetched at once
    max_per_host: int = 1  # requests in flight to one host (raise only for servers you run yourself)
    retries: int = 2
    max_retry_after: float = 3600.0
    allow_private: bool = False  # SSRF guard off (intranets, tests)
    obey_robots: bool = True
    robots_ttl: float = 24 * 3600.0
    max_pages: int = 500
    max_depth: int = 100  # the page budget bounds a crawl; the frontier is breadth-first
    max_links_per_page: int = 1000
    max_parse_bytes: int = 8 * 1024 * 1024  # larger pages are parsed up to this many bytes
    follow_hops: int = 3
    offline: bool = False  # no site-level fetches (robots.txt, tdmrep.json, RSL) for AI-usage preferences
    db_path: Path | None = None  # None: default_db_path()
    warc_path: Path | None = None  # crawls also write every response they fetch to this WARC file (--warc)
    policy_dirs: tuple[Path, ...] = ()
    # Fixed name resolution, like curl --resolve: "host=address" or "host=address:port" (tests, intranets).
    resolve: tuple[str, ...] = ()
    # crawl
    max_retry_wait: float = 30.0  # a longer Retry-After defers the host to a later run instead of waiting
    robots_auth_disallows: bool = False  # robots.txt 401/403: RFC 9309 says allow all; True disallows all
    transport: str = "aiohttp"  # aiohttp (httpx API over aiohttp, faster) | httpx (httpx's own pool)
    parse_workers: int = 1  # crawl pages are parsed in this many worker processes (0: in-process)
    parse_timeout: float = 30.0  # a page that takes longer to parse is abandoned (worker killed)

    def database(self) -> Path:
        return self.db_path if self.db_path is not None else default_db_path()


_RANGES: dict[str, tuple[float, float]] = {
    "connect_timeout": (0.1, 600),
    "read_timeout": (0.1, 600),
    "total_timeout": (0.1, 3600),
    "max_bytes": (1024, 1 << 31),
    "max_redirects": (0, 20),
    "delay": (0, 3600),
    "max_crawl_delay": (0, 86400),
    "concurrency": (1, 256),
    "retries": (0, 10),
    "max_retry_after": (0, 86400),
    "robots_ttl": (0, 30 * 86400),
    "max_pages": (1, 10_000_000),
    "max_depth": (0, 100),
    "max_links_per_page": (1, 1_000_000),
    "max_parse_bytes": (1024, 1 << 31),
    "follow_hops": (0, 10),
    "max_retry_wait": (0, 86400),
    "max_per_host": (1, 64),
    "parse_workers": (0, 64),
    "parse_timeout": (0.001, 3600),
}

_ENV_PREFIX = "RIGHTS_"


def _coerce(key: str, value: Any, kind: Any) -> Any:
    kind_name = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
    try:
        if "bool" in kind_name:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if kind_name.startswith("tuple[str"):
            items = value if isinstance(value, list | tuple) else str(value).split(",")
            return tuple(str(v).strip() for v in items if str(v).strip())
        if "tuple" in kind_name:
            items = value if isinstance(value, list | tuple) else str(value).split(os.pathsep)
            return tuple(Path(str(v)).expanduser() for v in items if str(v))
        if "Path" in kind_name:
            return None if value in (None, "") else Path(str(value)).expanduser()
        if kind_name.startswith("int"):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if kind_name.startswith("float"):
            if isinstance(value, bool):
                raise ValueError(value)
            return float(value)
        if kind_name.startswith("str"):
            if not isinstance(value, str) or not value.strip():
                raise ValueError(value)
            return value
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {key}: {value!r} is not a valid {kind_name.split(' ')[0]}", key) from exc
    return value


def validate(settings: Settings) -> Settings:
    """Check every numeric setting against its allowed range."""
    for key, (low, high) in _RANGES.items():
        value = getattr(settings, key)
        if not low <= value <= high:
            raise ConfigError(f"setting {key}: {value} is out of range; allowed {low:g} to {high:g}", key)
    return settings


def settings_from(values: Mapping[str, Any], base: Settings | None = None) -> Settings:
    """Overlay `values` (already-parsed keys, dashes or underscores) on `base`, coercing and validating."""
    base = base or Settings()
    known = {f.name: f.type for f in fields(Settings)}
    changes: dict[str, Any] = {}
    for raw_key, value in values.items():
        key = raw_key.replace("-", "_")
        if key not in known:
            raise ConfigError(f"unknown setting {raw_key!r}; known: {', '.join(sorted(known))}", raw_key)
        if value is None:
            continue
        changes[key] = _coerce(key, value, known[key])
    return validate(replace(base, **changes))


def read_config_file(path: Path) -> dict[str, Any]:
    """The `[settings]` table of a rights.toml file (the other tables belong to watchlists)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: config file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    table = data.get("settings", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: settings: expected a table", "settings")
    return table


def load_settings(
    *,
    config_path: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build Settings from defaults < rights.toml < RIGHTS_* environment < explicit overrides.

    Without `config_path`, `./rights.toml` is read when it exists.
    """
    env = os.environ if env is None else env
    settings = Settings()
    path = config_path
    if path is None and Path(CONFIG_FILENAME).is_file():
        path = Path(CONFIG_FILENAME)
    if path is not None:
        settings = settings_from(read_config_file(path), settings)
    known = {f.name for f in fields(Settings)}
    from_env = {
        k[len(_ENV_PREFIX) :].lower(): v
        for k, v in env.items()
        if k.startswith(_ENV_PREFIX) and k[len(_ENV_PREFIX) :].lower() in known
    }
    if env.get("RIGHTS_DB"):
        from_env["db_path"] = env["RIGHTS_DB"]
    settings = settings_from(from_env, settings)
    return settings_from(dict(overrides or {}), settings)

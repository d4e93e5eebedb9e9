"""The foundation: a real server, the schema, configuration errors, the CLI's shape."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from graph.schema import ensure_schema, show_schema
from imr.cli import SUBCOMMANDS, cli

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def run_cli(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, args, env=env, catch_exceptions=False)


def test_status_reports_a_running_526_server(neo4j_server: None) -> None:
    result = run_cli(["neo4j", "status", "--json"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.output)
    if os.environ.get("NEO4J_URI"):
        pytest.skip("a remote server is configured; the local server is not in use")
    assert status["running"] is True
    assert status["version"].startswith("5.26")
    assert status["uri"].startswith("bolt://127.0.0.1:")
    assert isinstance(status["pid"], int)


def test_credentials_file_is_private_and_not_the_default(settings, neo4j_server: None) -> None:
    if settings.neo4j_uri:
        pytest.skip("a remote server is configured")
    credentials = settings.server_dir / "credentials.json"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    data = json.loads(credentials.read_text())
    assert data["password"] not in ("neo4j", "password", "")
    assert len(data["password"]) >= 24


def test_schema_apply_twice_gives_the_same_schema(empty_graph, database: str, embedder) -> None:
    first = ensure_schema(empty_graph, database, embedder.dimensions)
    second = ensure_schema(empty_graph, database, embedder.dimensions)
    names = sorted(i["name"] for i in first.indexes)
    assert names == sorted(i["name"] for i in second.indexes)
    assert "decision_rationale_embedding" in names and "decision_text" in names
    assert all(i["state"] == "ONLINE" for i in second.indexes)
    assert second.vector_dimensions() == 384
    assert len(second.constraints) == 10


def test_schema_refuses_another_vector_dimension(empty_graph, database: str) -> None:
    from graph.errors import SchemaError

    with pytest.raises(SchemaError, match="384-dimensional"):
        ensure_schema(empty_graph, database, 768)
    assert show_schema(empty_graph, database).vector_dimensions() == 384


def test_unreachable_server_is_a_one_line_usage_error(tmp_path: Path) -> None:
    env = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x", "IMR_HOME": str(tmp_path)}
    result = run_cli(["schema", "show"], env=env)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: Neo4j is not reachable at bolt://127.0.0.1:9 (ServiceUnavailable): start the "
        "local server with `imr neo4j start`, or set NEO4J_URI to a running server"
    ]


def test_wrong_password_is_a_one_line_usage_error(settings, neo4j_server: None) -> None:
    from imr.settings import connection_info

    uri = connection_info(settings).uri
    env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": "certainly-wrong"}
    result = run_cli(["schema", "show"], env=env)
    assert result.exit_code == 2
    assert "refused the credentials of user 'neo4j'" in result.output
    assert "certainly-wrong" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_uri_without_password_names_the_variable(tmp_path: Path) -> None:
    result = run_cli(["schema", "show"], env={"NEO4J_URI": "bolt://x:1", "NEO4J_PASSWORD": ""})
    assert result.exit_code == 2
    assert "NEO4J_PASSWORD is not set" in result.output


def fake_java(tmp_path: Path, version: str) -> Path:
    home = tmp_path / f"jdk-{version}"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2030-01-01' >&2\n")
    java.chmod(0o755)
    return home


def test_unsupported_java_is_refused(tmp_path: Path) -> None:
    env = {
        "JAVA_HOME": str(fake_java(tmp_path, "11.0.2")),
        "IMR_HOME": str(tmp_path / "home"),
        "NEO4J_URI": "",
    }
    result = run_cli(["neo4j", "start"], env=env)
    assert result.exit_code == 2
    assert "needs Java 17 or 21" in result.output and "Java 11" in result.output


def test_missing_maven_is_refused(tmp_path: Path) -> None:
    java17 = next(Path("/usr/lib/jvm").glob("java-17-openjdk*"), None)
    if java17 is None:
        pytest.skip("no Java 17 under /usr/lib/jvm")
    env = {
        "JAVA_HOME": str(java17),
        "PATH": "/nonexistent",
        "XDG_CACHE_HOME": str(tmp_path),
        "IMR_HOME": str(tmp_path / "home"),
        "NEO4J_URI": "",
    }
    result = run_cli(["neo4j", "start"], env=env)
    assert result.exit_code == 2
    assert "Maven (mvn) not found" in result.output


def test_every_command_has_help_with_an_example() -> None:
    for name in SUBCOMMANDS:
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None, f"imr {name} is not built"
        result = run_cli([name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output or "example" in result.output, f"imr {name} --help"


def test_docker_compose_is_valid() -> None:
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["neo4j"]["image"].startswith("neo4j:5.26")
    assert "community" in services["neo4j"]["image"]
    assert "healthcheck" in services["neo4j"]
    assert {"ingest", "ui"} <= set(services)
    for name in ("ingest", "ui"):
        assert services[name]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert "neo4j-data" in compose["volumes"]
    # Published on loopback only, like the local server.
    assert services["ui"]["ports"] == ["127.0.0.1:8501:8501"]
    assert all(str(p).startswith("127.0.0.1:") for p in services["neo4j"]["ports"])


def test_env_example_names_every_setting() -> None:
    text = (PROJECT_ROOT / ".env.example").read_text()
    for variable in (
        "NEO4J_URI",
        "NEO4J_USER",
        "NEO4J_PASSWORD",
        "NEO4J_DATABASE",
        "IMR_HOME",
        "IMR_EMBED_MODEL",
    ):
        assert variable in text

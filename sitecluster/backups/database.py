"""Database dump and load per vendor: SQLite's online backup API, PostgreSQL's pg_dump/pg_restore.

SQLite: the dump is a consistent copy made with ``sqlite3.Connection.backup``; the restore
copies a verified file back into the live database with the same API, in one write transaction,
so every open connection (web, worker) sees the old or the new database, never a mixture, and
the WAL files stay consistent (renaming a file over a database other processes hold open would
leave them on the old inode).

PostgreSQL: ``pg_dump -Fc``; the restore loads the dump into a new database, and only when that
succeeded renames the live database away and the new one into its place in one transaction,
then drops the old one. Nothing is changed if the load fails.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import time
from pathlib import Path

from django.db import connections

logger = logging.getLogger(__name__)

DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class DatabaseError(RuntimeError):
    """A dump or load step failed; ``chinese`` is shown to the user."""

    def __init__(self, english: str, chinese: str):
        super().__init__(english)
        self.chinese = chinese


def vendor(using: str = "default") -> str:
    return connections[using].vendor


def dump(target: Path, using: str = "default") -> Path:
    """Write a consistent dump of the database to ``target`` (a file name chosen by vendor)."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            # The backup API would wait forever for the lock this connection holds.
            raise DatabaseError(
                "SQLite backup cannot run inside a transaction",
                "不能在数据库事务中备份 SQLite 数据库。",
            )
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return target
    if connection.vendor == "postgresql":
        _run(["pg_dump", "-Fc", "--no-owner", "--no-acl", "-f", str(target)], connection)
        return target
    raise DatabaseError(
        f"Unsupported database vendor {connection.vendor}",
        f"不支持的数据库类型：{connection.vendor}",
    )


def check(staged: Path, db_vendor: str) -> None:
    """Make sure a staged dump can be read before anything is replaced."""
    if db_vendor == "sqlite":
        try:
            probe = sqlite3.connect(f"file:{staged}?mode=ro", uri=True)
            try:
                result = probe.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                probe.close()
        except sqlite3.DatabaseError as exc:
            result = str(exc)
        if result != "ok":
            raise DatabaseError(
                f"SQLite integrity check failed: {result}",
                "备份中的数据库文件已损坏（完整性检查未通过）。",
            )
    elif db_vendor == "postgresql":
        listing = subprocess.run(
            ["pg_restore", "--list", str(staged)], capture_output=True, text=True
        )
        if listing.returncode != 0:
            raise DatabaseError(
                f"pg_restore cannot read the dump: {listing.stderr.strip()}",
                "备份中的数据库转储无法读取。",
            )


def load(staged: Path, using: str = "default") -> None:
    """Replace the live database with the staged dump (see the module docstring)."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        source = sqlite3.connect(f"file:{staged}?mode=ro", uri=True)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    _load_postgresql(staged, connection)


def _environment(connection) -> dict:
    params = connection.settings_dict
    environ = dict(os.environ)
    for key, value in (
        ("PGHOST", params.get("HOST")),
        ("PGPORT", str(params.get("PORT") or "")),
        ("PGUSER", params.get("USER")),
        ("PGPASSWORD", params.get("PASSWORD")),
        ("PGDATABASE", params.get("NAME")),
    ):
        if value:
            environ[key] = value
    return environ


def _run(command: list[str], connection, database: str | None = None) -> None:
    environ = _environment(connection)
    if database:
        environ["PGDATABASE"] = database
    try:
        result = subprocess.run(command, env=environ, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise DatabaseError(
            f"{command[0]} is not installed",
            f"找不到 {command[0]}：请安装 PostgreSQL 客户端（postgresql-client-15）。",
        ) from exc
    if result.returncode != 0:
        raise DatabaseError(
            f"{command[0]} failed: {result.stderr.strip()[-2000:]}",
            f"{command[0]} 执行失败：{result.stderr.strip()[-300:]}",
        )


def _maintenance(connection):
    import psycopg

    params = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        autocommit=True,
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _load_postgresql(staged: Path, connection) -> None:
    live = connection.settings_dict["NAME"]
    stamp = time.strftime("%Y%m%d%H%M%S")
    fresh, old = f"{live[:40]}_restore_{stamp}", f"{live[:40]}_before_{stamp}"
    with _maintenance(connection) as admin:
        admin.execute(f"CREATE DATABASE {_quote(fresh)} TEMPLATE template0 ENCODING 'UTF8'")
        try:
            _run(
                ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "-d", fresh]
                + [str(staged)],
                connection,
                database=fresh,
            )
        except DatabaseError:
            admin.execute(f"DROP DATABASE IF EXISTS {_quote(fresh)}")
            raise
        connection.close()
        for attempt in range(5):
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [live],
            )
            try:
                with admin.transaction():
                    admin.execute(f"ALTER DATABASE {_quote(live)} RENAME TO {_quote(old)}")
                    admin.execute(f"ALTER DATABASE {_quote(fresh)} RENAME TO {_quote(live)}")
                break
            except Exception as exc:  # a client reconnected between terminate and rename
                logger.warning("Database swap attempt %s failed: %s", attempt + 1, exc)
                if attempt == 4:
                    admin.execute(f"DROP DATABASE IF EXISTS {_quote(fresh)}")
                    raise DatabaseError(
                        f"Could not swap in the restored database: {exc}",
                        "无法切换到恢复后的数据库：仍有连接占用，请停止网站和后台任务后重试。",
                    ) from exc
                time.sleep(0.5)
        admin.execute(f"DROP DATABASE IF EXISTS {_quote(old)} WITH (FORCE)")

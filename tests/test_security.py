"""The promises of README.md, section Security, checked on the code and configuration."""

import ast
import hashlib
import json

import yaml
from conftest import ROOT

from pipeline.fetch import fetch_file
from pipeline.settings import Settings

PACKAGE = ROOT / "pipeline"
# What may be interpolated into SQL text: only values we computed, never input.
FORMATTED_SQL_ALLOWED = {
    ("store.py", "version + 1"),  # an int, formatted with :d
    ("store.py", "t"),  # a table name from a constant tuple
    ("store.py", "','.join('?' * (len(stale) + 1))"),  # placeholders only
    ("store.py", "name"),  # review views (issue 6): names and SQL from the constant REVIEW_VIEWS
    ("store.py", "sql"),
}
SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", "PRAGMA ", "CREATE ", "DROP ",
             "ALTER ", "REPLACE ")


def formatted_sql() -> set[tuple[str, str]]:
    """(file, expression) for every expression formatted into a string that holds SQL."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                words = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if any(w in words.upper() for w in SQL_WORDS):
                    found |= {(path.name, ast.unparse(v.value)) for v in node.values
                              if isinstance(v, ast.FormattedValue)}
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) \
                    and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str) \
                    and any(w in node.left.value.upper() for w in SQL_WORDS):
                found.add((path.name, f"% at line {node.lineno}"))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "format" and isinstance(node.func.value, ast.Constant) \
                    and any(w in str(node.func.value.value).upper() for w in SQL_WORDS):
                found.add((path.name, f".format at line {node.lineno}"))
    return found


def test_sql_is_never_built_by_formatting_anything_but_our_own_constants():
    assert ("store.py", "t") in formatted_sql()  # the check sees what it should
    assert formatted_sql() <= FORMATTED_SQL_ALLOWED, formatted_sql() - FORMATTED_SQL_ALLOWED


def test_yaml_is_only_loaded_safely():
    unsafe = []
    for path in [*PACKAGE.rglob("*.py"), *(ROOT / "scripts").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == "yaml" and node.attr in (
                        "load", "load_all", "unsafe_load", "full_load", "Loader", "UnsafeLoader"):
                unsafe.append(f"{path.name}:{node.lineno} yaml.{node.attr}")
    assert unsafe == []


def test_fetched_names_never_become_file_paths(tmp_path):
    hostile = tmp_path / "in" / "..%2F..%2Fetc%2Fpasswd; rm -rf ~.txt"
    hostile.parent.mkdir()
    hostile.write_bytes(b"Officials from Peru and China met in Lima.")
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    fetched = fetch_file(hostile, settings)
    sha = hashlib.sha256(hostile.read_bytes()).hexdigest()
    kept = [p.relative_to(tmp_path / "cache").as_posix()
            for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert (fetched.sha256, kept) == (sha, [f"{sha[:2]}/{sha}"])


def metadata() -> dict:
    return yaml.safe_load((ROOT / "output" / "metadata.yml").read_text(encoding="utf-8")) or {}


def walk(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield path + (k,), v
            yield from walk(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, path + (i,))


def test_reviewer_password_hashes_come_only_from_the_environment():
    from pipeline.review import metadata as review_metadata

    secret = "pbkdf2_sha256$480000$salt$c2VjcmV0"
    served = review_metadata("corpus.db", {"MILEX_PASSWORD_HASH_ANA": secret, "HOME": "/x"})
    assert served["plugins"]["datasette-auth-passwords"] == {
        "ana_password_hash": {"$env": "MILEX_PASSWORD_HASH_ANA"}}
    assert secret not in json.dumps(served)
    for path, value in walk(metadata()):  # and none is written in the kept metadata
        if str(path[-1]).endswith(("password_hash", "secret")):
            assert isinstance(value, dict) and set(value) == {"$env"}, path


def test_every_writable_query_needs_a_logged_in_reviewer():
    for path, value in walk(metadata()):
        if isinstance(value, dict) and value.get("write") is True:
            allow = value.get("allow")
            assert isinstance(allow, dict) and allow.get("id"), (path, allow)

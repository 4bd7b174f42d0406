from pathlib import Path

import pytest

from pipeline import sources
from pipeline.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_become_typed_records_with_paths_relative_to_the_registry(tmp_path):
    path = write(tmp_path, """
sources:
  - name: one-page
    kind: file
    path: samples/a.html
    language: es
  - name: ministry-news
    kind: url
    url: https://example.org/news/1
    limit: 5
    keywords: [defensa, militar]
""")
    one, two = sources.load(path)
    assert (one.name, one.kind, one.location, one.language) == (
        "one-page", "file", str(tmp_path / "samples" / "a.html"), "es")
    assert (two.kind, two.location, two.limit, two.keywords) == (
        "url", "https://example.org/news/1", 5, ("defensa", "militar"))


@pytest.mark.parametrize("entry, message", [
    ("  - name: x\n    kind: website\n    url: https://a.org",
     "entry 1 (x): kind 'website' is not one of: file, directory, url, feed, sitemap, index"),
    ("  - name: x\n    kind: url\n    url: ftp://a.org",
     "entry 1 (x): kind url needs an http(s) 'url'"),
    ("  - name: x\n    kind: file\n    path: a.html\n    langauge: en",
     "entry 1: unknown key 'langauge'; allowed: name, kind, path, url, language"),
    ("  - name: x\n    kind: file\n    path: a.html\n    language: fr",
     "entry 1 (x): language 'fr' is not one of: en, es, pt"),
    ("  - name: x\n    kind: index\n    url: https://a.org", "needs 'link_pattern'"),
    ("  - name: Bad Name\n    kind: file\n    path: a", "entry 1: 'name' must be lowercase"),
])
def test_bad_entries_fail_naming_file_entry_and_allowed_values(tmp_path, entry, message):
    path = write(tmp_path, "sources:\n" + entry + "\n")
    with pytest.raises(ConfigError) as info:
        sources.load(path)
    assert str(info.value).startswith(str(path))
    assert message in str(info.value)


def test_duplicate_names_and_broken_yaml_are_refused(tmp_path):
    path = write(tmp_path, "sources:\n  - {name: a, kind: file, path: x}\n"
                           "  - {name: a, kind: file, path: y}\n")
    with pytest.raises(ConfigError, match="entry 2: duplicate name 'a'"):
        sources.load(path)
    with pytest.raises(ConfigError, match="not valid YAML"):
        sources.load(write(tmp_path, "sources: [\n"))


def test_directory_source_lists_document_files_in_order(tmp_path):
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "notes.docx").write_text("ignored")
    src = sources.Source(name="d", kind="directory", location=str(tmp_path))
    assert [p.name for p in sources.local_files(src)] == ["a.html", "b.pdf"]

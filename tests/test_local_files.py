"""Local sources read only regular files, and only those inside the folder or the registry's
folder: no named pipe that hangs the run, no device, no file reached through a link."""

import os
import signal
import subprocess
import sys

import pytest
from conftest import ROOT

from pipeline import sources
from pipeline.errors import ConfigError
from pipeline.fetch import fetch, fetch_file
from pipeline.records import Source

STORY = ("Cooperation notice\n\nChinese Defense Minister Wei Han met Peruvian Army Commander "
         "Ana Duarte in Beijing on 3 May 2023.\n")


def folder_with(tmp_path, **links):
    """tmp_path/in with one real story and the given links; tmp_path/secret.txt outside it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("api_key=do-not-publish\n", encoding="utf-8")
    for name, target in links.items():
        (folder / name.replace("_", ".")).symlink_to(target)
    return folder


def rows(folder, settings):
    src = Source(name="d", kind="directory", location=str(folder))
    return {os.path.basename(r.url): r for r in fetch(src, settings)}


def test_a_named_pipe_in_a_folder_is_refused_and_the_run_goes_on(tmp_path):
    folder = folder_with(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    config = tmp_path / "settings.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(tmp_path / "c.db"),
         "--config", str(config), "--quiet"], cwd=ROOT, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = child.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        pytest.fail("the run hung on the named pipe")
    assert child.returncode == 1, err
    assert out.startswith("Run 1: 1 documents processed (1 with text, 0 empty, 0 unchanged), "
                          "1 failed.")
    assert f"not_a_file: {folder / 'pipe.txt'} is a named pipe, not a regular file; not read" \
        in out


def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path, settings):
    folder = folder_with(tmp_path, zero_txt="/dev/zero")
    found = rows(folder, settings)
    assert (found["zero.txt"].error_class, found["zero.txt"].body) == ("not_a_file", b"")
    assert found["zero.txt"].error.endswith("is a character device, not a regular file; "
                                            "not read")
    assert found["story.txt"].body == STORY.encode()


def test_links_leading_outside_the_folder_are_refused_and_links_inside_are_read(
        tmp_path, settings):
    folder = folder_with(tmp_path, passwd_txt="/etc/passwd", secret_txt="../secret.txt",
                         again_txt="story.txt")
    (folder / "etc").symlink_to("/etc")  # a linked folder is not walked
    src = Source(name="d", kind="directory", location=str(folder))
    assert [(os.path.basename(r.url), r.error_class) for r in fetch(src, settings)] == [
        ("story.txt", None),  # again.txt: a link inside the folder, read as what it points at
        ("passwd.txt", "outside_folder"), ("secret.txt", "outside_folder"), ("story.txt", None)]
    found = rows(folder, settings)
    for name, target in (("passwd.txt", "/etc/passwd"), ("secret.txt", tmp_path / "secret.txt")):
        row = found[name]
        assert (row.error_class, row.body, row.sha256) == ("outside_folder", b"", None)
        assert row.error == (f"{folder / name} leads outside the folder {folder} (to {target}); "
                             "not read")
    assert found["story.txt"].body == STORY.encode()
    cache = [p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert cache == [STORY.encode()]


def test_registry_paths_stay_inside_the_registry_folder(tmp_path):
    (tmp_path / "reg" / "samples").mkdir(parents=True)
    (tmp_path / "reg" / "samples" / "a.html").write_text("<p>x</p>")
    (tmp_path / "reg" / "samples" / "hostname.html").symlink_to("/etc/hostname")
    registry = tmp_path / "reg" / "sources.yaml"
    for path in ("/etc/passwd", "../../etc/hostname", "samples/hostname.html", "..", "/"):
        registry.write_text(f"sources:\n  - {{name: x, kind: file, path: '{path}'}}\n")
        with pytest.raises(ConfigError) as info:
            sources.load(registry)
        assert str(info.value).startswith(
            f"{registry}: entry 1 (x): path {path!r} leads outside the registry's folder "
            f"{tmp_path / 'reg'}; a registry reads only files under its own folder")
    registry.write_text("sources:\n  - {name: x, kind: file, path: samples/a.html}\n"
                        "  - {name: y, kind: directory, path: samples}\n")
    assert [s.location for s in sources.load(registry)] == [
        str(tmp_path / "reg" / "samples" / "a.html"), str(tmp_path / "reg" / "samples")]


def test_a_file_named_on_the_command_line_is_read_wherever_it_is(tmp_path, settings):
    outside = tmp_path / "elsewhere" / "note.txt"
    outside.parent.mkdir()
    outside.write_text(STORY, encoding="utf-8")
    from pipeline.run import sources_from_args

    (source,) = sources_from_args([str(outside)])
    assert fetch_file(outside, settings, source).body == STORY.encode()

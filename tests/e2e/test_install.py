#!/usr/bin/python3
"""`make install` and `make uninstall` (PREFIX and DESTDIR, as Debian
packaging uses them) into a staging folder whose path has a space and
Chinese; the installed ogi runs; the man pages render without a warning
and cover every command `ogi --help` lists, with every option each
command's --help lists, and every exit status.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import finish, test

OGI = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ogi")
BUILD = os.path.dirname(OGI)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGES = {"en": os.path.join(REPO, "docs", "ogi.1"), "zh": os.path.join(REPO, "docs", "ogi.zh_CN.1")}
with open(os.path.join(REPO, "src", "include", "ogi.h"), encoding="utf-8") as f:
    VERSION = re.search(r'#define OGI_VERSION "([^"]+)"', f.read()).group(1)
TMP = tempfile.mkdtemp(prefix="ogi-install-")


def make(*args):
    """make in the checkout, for the build folder under test; the parent
    make's flags (jobserver, -s) are not passed on."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    # BUILD relative to the checkout: make splits a path with spaces into words
    build = os.path.relpath(BUILD, REPO)
    p = subprocess.run(["make", "--no-print-directory", "-C", REPO, f"BUILD={build}"] + list(args),
                       capture_output=True, env=env, timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def files_under(root):
    return sorted(os.path.relpath(os.path.join(d, f), root)
                  for d, _, names in os.walk(root) for f in names)


def man(page, lang):
    """(stdout, stderr) of man -l on a page file, 80 columns, warnings on."""
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MANPAGER="cat", PAGER="cat")
    p = subprocess.run(["man", "--warnings", "-l", page], capture_output=True, env=env, timeout=60)
    return p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def usage_commands():
    """The commands `ogi --help` lists: "  ogi NAME ..." lines."""
    out = subprocess.run([OGI, "--help", "--lang", "en"], capture_output=True).stdout.decode()
    return [m for m in re.findall(r"^\s+ogi ([a-z][a-z-]*)\b", out, re.M)]


def sections(text):
    """The page's subsections (.SS) and their text."""
    parts = re.split(r'^\.SS "?([^"\n]*)"?\n', text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def roff_plain(text):
    """Options as written in roff (\\-\\-outdir) as typed (--outdir)."""
    return text.replace("\\-", "-")


STAGE = os.path.join(TMP, "打包 目录")
DOCS = sorted(n for n in os.listdir(os.path.join(REPO, "docs")) if n.endswith((".md", ".png")))
WANT = sorted(["usr/local/bin/ogi", "usr/local/libexec/ogi/ogi-serve", "usr/local/share/man/man1/ogi.1",
               "usr/local/share/man/zh_CN/man1/ogi.1",
               "usr/local/lib/systemd/system/ogi-watch.service",
               "usr/local/lib/systemd/system/ogi-serve.service", "usr/local/share/ogi/ogi.oxt"]
              + [f"usr/local/share/doc/ogi/{n}" for n in DOCS])
rc, out, err = make("install", f"DESTDIR={STAGE}")
INSTALL = (rc, out, err)


@test
def install_puts_every_file_in_place():
    rc, out, err = INSTALL
    assert rc == 0, f"make install: {rc}: {err[-1500:]}"
    got = files_under(STAGE)
    assert got == WANT, f"missing {sorted(set(WANT) - set(got))}, extra {sorted(set(got) - set(WANT))}"
    assert os.stat(os.path.join(STAGE, "usr/local/bin/ogi")).st_mode & 0o777 == 0o755
    for name in WANT[1:]:
        if not name.endswith(("/ogi", "/ogi-serve")):
            assert os.stat(os.path.join(STAGE, name)).st_mode & 0o777 == 0o644, name


@test
def installed_ogi_runs_and_says_its_version():
    ogi = os.path.join(STAGE, "usr/local/bin/ogi")
    p = subprocess.run([ogi, "--version"], capture_output=True, timeout=60)
    assert p.returncode == 0 and p.stdout.decode() == f"ogi {VERSION}\n", p
    p = subprocess.run([ogi, "check", "--format", "json", os.path.join(REPO, "samples", "tianjin-2019.xls")],
                       capture_output=True, timeout=60)
    assert p.returncode == 0 and b'"status": "pass"' in p.stdout, p
    # ogi serve runs PREFIX/libexec/ogi/ogi-serve, found from the installed ogi
    p = subprocess.run([ogi, "serve", "--lang", "en", "--help"], capture_output=True, timeout=60)
    assert p.returncode == 0 and p.stdout.decode().startswith("usage: ogi serve"), p


@test
def installed_pages_are_found_by_man():
    env = dict(os.environ, MANPATH=os.path.join(STAGE, "usr/local/share/man"), MANWIDTH="80",
               LC_ALL="C.UTF-8", MANPAGER="cat", PAGER="cat")
    p = subprocess.run(["man", "ogi"], capture_output=True, env=env, timeout=60)
    text = p.stdout.decode("utf-8", "replace")
    assert p.returncode == 0 and "ogi - check the statistical tables" in text, text[:300]
    p = subprocess.run(["man", "-L", "zh_CN", "ogi"], capture_output=True, env=env, timeout=60)
    text = p.stdout.decode("utf-8", "replace")
    assert p.returncode == 0 and "审核政府信息公开工作年度报告的统计表" in text, text[:300]


@test
def unit_and_page_name_the_prefix():
    with open(os.path.join(STAGE, "usr/local/lib/systemd/system/ogi-watch.service")) as f:
        unit = f.read()
    assert "\nExecStart=/usr/local/bin/ogi watch /srv/ogi\n" in unit, unit
    # another PREFIX: the unit runs the ogi installed there
    other = os.path.join(TMP, "other")
    rc, _, err = make("install", f"DESTDIR={other}", "PREFIX=/opt/ogi")
    assert rc == 0, err[-1000:]
    with open(os.path.join(other, "opt/ogi/lib/systemd/system/ogi-watch.service")) as f:
        unit = f.read()
    assert "\nExecStart=/opt/ogi/bin/ogi watch /srv/ogi\n" in unit, unit
    assert "file:///opt/ogi/share/doc/ogi/watch.md" in unit, unit
    assert os.path.exists(os.path.join(other, "opt/ogi/share/doc/ogi/watch.md"))
    with open(os.path.join(other, "opt/ogi/lib/systemd/system/ogi-serve.service")) as f:
        unit = f.read()
    assert "\nExecStart=/opt/ogi/bin/ogi serve --listen 127.0.0.1:8080 /srv/ogi\n" in unit, unit
    assert "file:///opt/ogi/share/doc/ogi/serve.md" in unit, unit
    assert os.path.exists(os.path.join(other, "opt/ogi/bin/ogi"))


@test
def uninstall_removes_every_file():
    rc, _, err = make("uninstall", f"DESTDIR={STAGE}")
    assert rc == 0, err[-1000:]
    assert files_under(STAGE) == [], files_under(STAGE)


@test
def pages_render_without_warnings():
    for lang, page in PAGES.items():
        text, err = man(page, lang)
        assert err == "", f"{page}: {err[:800]}"
        heading = "EXIT STATUS" if lang == "en" else "退出状态"
        assert "ogi check" in text and heading in text, text[:300]


@test
def english_page_is_ascii():
    # it must render in any locale, a C locale included
    with open(PAGES["en"], "rb") as f:
        data = f.read()
    bad = [i for i, b in enumerate(data) if b > 127]
    assert not bad, f"non-ASCII byte at {bad[:5]}"
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C", MANPAGER="cat")
    p = subprocess.run(["man", "--warnings", "-l", PAGES["en"]], capture_output=True, env=env)
    assert p.stderr == b"", p.stderr[:500]


@test
def every_command_has_a_section_with_its_options():
    commands = usage_commands()
    assert {"check", "convert", "watch"} <= set(commands), commands
    for lang, page in PAGES.items():
        with open(page, encoding="utf-8") as f:
            text = roff_plain(f.read())
        own = sections(text)
        common = text.split(".SH COMMON OPTIONS" if lang == "en" else ".SH 通用选项")[1].split(".SH ")[0]
        for cmd in commands:
            assert f"ogi {cmd}" in own, f"{page}: no section .SS \"ogi {cmd}\" ({sorted(own)})"
            out = subprocess.run([OGI, cmd, "--help", "--lang", "en"], capture_output=True).stdout.decode()
            options = set(re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z-]*)", out, re.M))
            assert options, out
            for opt in options:
                assert re.search(re.escape(opt) + r"\b", own[f"ogi {cmd}"] + common), \
                    f"{page}: ogi {cmd} {opt} is not described"


@test
def every_exit_status_is_described():
    for lang, page in PAGES.items():
        with open(page, encoding="utf-8") as f:
            text = f.read()
        part = text.split(".SH EXIT STATUS" if lang == "en" else ".SH 退出状态")[1].split(".SH ")[0]
        assert re.findall(r"^\.B ([0-9]+)$", part, re.M) == ["0", "1", "2"], part


shutil.rmtree(TMP, ignore_errors=True)
finish()

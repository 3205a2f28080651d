#!/usr/bin/python3
"""End-to-end tests of the LibreOffice Calc extension (plugin/, docs/plugin.md).

Builds ogi.oxt (or takes $OGI_OXT), installs it into a fresh LibreOffice
profile with unopkg, and runs its test entry point OgiCheck.Main.HeadlessTest
in one headless soffice over several cases (a cases file named by
OGI_PLUGIN_CASES). Each case leaves result.txt (verdict, counts, the dialog
text) and, when ogi ran, the marked-up workbook: both are read back here, the
workbook with openpyxl, and compared with `ogi check --format json` run
directly on the same sample. As root (CI), unopkg refuses a per-user install,
so LibreOffice runs as the unprivileged user nobody with everything it needs
copied into a folder of its own.
"""
import glob
import hashlib
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile

import openpyxl
from harness import results, test

OGI = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ogi")
WRAP = os.environ.get("OGI_WRAP", "")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MACRO = "vnd.sun.star.script:OgiCheck.Main.HeadlessTest?language=Basic&location=application"
NOBODY = 65534


def finish():
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ogi_counts(path):
    """Verdict and counts from the ogi binary itself, run directly."""
    p = subprocess.run(shlex.split(WRAP) + [OGI, "check", "--format", "json", path],
                       capture_output=True, timeout=300)
    doc = json.loads(p.stdout.decode("utf-8"))
    return doc["status"], doc["counts"]


def read_result(folder):
    """result.txt of the test entry point: key=value lines."""
    out = {}
    with open(os.path.join(folder, "result.txt"), encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            out[key] = value
    return out


def others_may_enter(folder):
    """True when a user other than the owner can reach folder's contents."""
    folder = os.path.abspath(folder)
    while True:
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return False
        parent = os.path.dirname(folder)
        if parent == folder:
            return True
        folder = parent


def shared_tmp():
    """A temporary folder user nobody can enter: $TMPDIR may be a 0700
    folder (a home, a mktemp -d), where nobody could not reach its copies."""
    tmp = tempfile.gettempdir()
    return tmp if others_may_enter(tmp) else "/tmp"


def write_script(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o755)


class Run:
    """One installation of the extension and one soffice over every case."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="ogi-plugin-", dir=shared_tmp())
        os.chmod(self.root, 0o755)
        self.as_nobody = os.geteuid() == 0
        self.inputs = os.path.join(self.root, "报告 文件")
        self.out = os.path.join(self.root, "out")
        self.tmp = os.path.join(self.root, "tmp")
        self.bin = os.path.join(self.root, "bin")
        for d in (self.inputs, self.out, self.tmp, self.bin):
            os.makedirs(d)
        self.cases = []
        self.install_ogi()

    def install_ogi(self):
        # a copy nobody can run, behind a wrapper that honours OGI_WRAP
        shutil.copy(OGI, os.path.join(self.bin, "ogi.real"))
        write_script(os.path.join(self.bin, "ogi"),
                     f"#!/bin/sh\nexec {WRAP} '{self.bin}/ogi.real' \"$@\"\n")
        # the option's ogi, off PATH: reached only through the stored setting
        self.custom = os.path.join(self.root, "自选 ogi", "ogi-custom")
        os.makedirs(os.path.dirname(self.custom))
        write_script(self.custom, f"#!/bin/sh\necho used >'{self.custom}.used'\n"
                     f"exec '{self.bin}/ogi' \"$@\"\n")
        # an ogi that finds the copy unreadable (as over its size limits):
        # convert writes nothing, check says why in its JSON
        self.unreadable = os.path.join(self.root, "unreadable-ogi")
        write_script(self.unreadable, "#!/bin/sh\n"
                     "[ \"$1\" = convert ] && { echo 'ogi: too big' >&2; exit 2; }\n"
                     "cat <<'J'\n"
                     '{"file": "x \\"y\\".xls", "status": "unreadable", "message": '
                     '"\\u8d85\\u8fc7\\u9650\\u5236 \\"--max-cells\\"\\n\\t2", '
                     '"counts": {"error": 0, "warning": 0, "info": 0}, "cells": {}, "findings": []}\n'
                     "J\nexit 2\n")
        self.broken = os.path.join(self.root, "broken-ogi")
        write_script(self.broken, "#!/bin/sh\necho 'ogi: 模拟的失败 simulated failure' >&2\nexit 2\n")

    def add_input(self, source, name):
        path = os.path.join(self.inputs, name)
        shutil.copy(source, path)
        return path

    def add_case(self, name, path, ogi, lang):
        folder = os.path.join(self.out, name)
        os.makedirs(folder)
        self.cases.append("\t".join(("check", path, folder, ogi, lang)))
        return folder

    def add_menu_case(self, name, path, option=None):
        """The menu's routine; option: an ogi path stored as the extension's option."""
        folder = os.path.join(self.out, name)
        os.makedirs(folder)
        self.cases.append("\t".join(("menu", path, folder) + ((option,) if option else ())))
        return folder

    def oxt(self):
        if os.environ.get("OGI_OXT"):
            path = os.path.join(self.root, "ogi.oxt")
            shutil.copy(os.environ["OGI_OXT"], path)
            return path
        path = os.path.join(self.root, "ogi.oxt")
        subprocess.run(["sh", "plugin/build.sh", path], cwd=REPO, check=True, timeout=60)
        return path

    def command(self, argv):
        env = {k: v for k, v in os.environ.items() if k != "LC_ALL"}
        # the UI is en-US (no language pack): a Chinese locale makes the
        # menu's routine speak Chinese (LC_MESSAGES only: file names keep LC_CTYPE)
        env.update(HOME=self.root, TMPDIR=self.tmp, LC_MESSAGES="zh_CN.UTF-8",
                   PATH=self.bin + ":" + os.environ.get("PATH", "/usr/bin:/bin"),
                   OGI_PLUGIN_CASES=os.path.join(self.root, "cases.txt"),
                   OGI_PLUGIN_MESSAGES=os.path.join(self.root, "messages.txt"))
        prefix = ["timeout", "-k", "5", "120"]
        if self.as_nobody:
            prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] + prefix
        # cwd: nobody may not be able to enter the checkout (a clone in
        # /root or in any 0700 folder), and unopkg starts with a cd to it
        return subprocess.run(prefix + argv, env=env, cwd=self.root, capture_output=True,
                              timeout=200)

    def run(self):
        oxt = self.oxt()
        with open(os.path.join(self.root, "cases.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(self.cases) + "\n")
        if self.as_nobody:
            for dirpath, _, files in os.walk(self.root):
                for name in [dirpath] + [os.path.join(dirpath, n) for n in files]:
                    os.lchown(name, NOBODY, NOBODY)
        profile = "file://" + os.path.join(self.root, "profile")
        p = self.command(["unopkg", "add", f"-env:UserInstallation={profile}", oxt])
        assert p.returncode == 0, f"unopkg add: {p.stderr.decode(errors='replace')}"
        p = self.command(["soffice", "--headless", "--norestore",
                          f"-env:UserInstallation={profile}", MACRO])
        self.soffice_status = p.returncode  # 124: timeout ended it
        self.soffice_err = p.stderr.decode(errors="replace")

    def messages(self):
        path = os.path.join(self.root, "messages.txt")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()


def main():
    missing = [t for t in ("soffice", "unopkg") if not shutil.which(t)]
    if missing:
        print("[ SKIP ] test_plugin: LibreOffice is not installed (no %s); "
              "`make deps` as root installs libreoffice-calc-nogui" % ", ".join(missing))
        finish()
    os.chdir(REPO)
    run = Run()
    fail_src = "samples/foshan-2019.xls"
    fail_in = run.add_input(fail_src, "佛山 人社局 2019.xls")
    pass_in = run.add_input("tests/fixtures/plugin/tianjin-2019.ods", "tianjin-2019.ods")
    none_in = run.add_input("samples/huadu-2017.xls", "huadu-2017.xls")
    menu_in = run.add_input(fail_src, "menu 佛山.xls")
    fail_out = run.add_case("审核 结果", fail_in, os.path.join(run.bin, "ogi"), "zh")
    pass_out = run.add_case("pass", pass_in, os.path.join(run.bin, "ogi"), "en")
    none_out = run.add_case("no_tables", none_in, os.path.join(run.bin, "ogi"), "zh")
    gone_out = run.add_case("missing", fail_in, "/nonexistent/目录/ogi", "zh")
    broken_out = run.add_case("broken", fail_in, run.broken, "zh")
    unreadable_out = run.add_case("unreadable", fail_in, run.unreadable, "en")
    menu_out = run.add_menu_case("menu", menu_in)
    option_in = run.add_input("samples/synthetic-2021.xls", "synthetic-2021.xls")
    option_out = run.add_menu_case("option", option_in, run.custom)
    before = {os.path.join(run.inputs, n): sha256(os.path.join(run.inputs, n))
              for n in os.listdir(run.inputs)}
    try:
        run.run()
        run.error = None
    except Exception as e:  # reported by the first test, the others fail on their own
        run.error = f"{type(e).__name__}: {e}"

    @test
    def soffice_ran_every_case_and_ended():
        assert run.error is None, run.error
        done = os.path.join(run.root, "cases.txt.done")
        assert run.soffice_status == 0, f"soffice exit {run.soffice_status}: {run.soffice_err[-500:]}"
        assert os.path.exists(done), "HeadlessTest did not finish"
        with open(done, encoding="utf-8") as f:
            first = f.readline().strip()
        assert first == "done", f"HeadlessTest ended with a Basic error: {first}"

    @test
    def menu_toolbar_and_icon_registered():
        with open(os.path.join(run.root, "cases.txt.done"), encoding="utf-8") as f:
            lines = f.read().splitlines()[1:]
        got = dict(line.partition("=")[::2] for line in lines)
        check = "vnd.sun.star.script:OgiCheck.Main.CheckCurrentDocument?language=Basic&location=application"
        assert got.get("menu") == check and got.get("toolbar") == check, got
        assert got.get("settings_menu", "").startswith("vnd.sun.star.script:OgiCheck.Main.ConfigureOgiPath?"), got
        assert got.get("menu_title") in ("Check disclosure tables", "年报表格审核"), got
        assert got.get("icon", "").endswith("/ogi.oxt/icons/ogi_16.png"), got

    @test
    def failing_report_verdict_matches_ogi():
        r = read_result(fail_out)
        status, counts = ogi_counts(fail_src)
        assert (r["kind"], r["status"]) == ("ok", status), r
        got = {"error": int(r["errors"]), "warning": int(r["warnings"]), "info": int(r["infos"])}
        assert got == counts, f"{got} != {counts}"
        assert "审核结论：未通过" in r["message"], r["message"]
        assert f"错误 {counts['error']} 项，警告 {counts['warning']} 项" in r["message"], r["message"]

    @test
    def failing_report_workbook_opens_on_results_sheet():
        r = read_result(fail_out)
        book = os.path.join(fail_out, "佛山 人社局 2019.checked.xlsx")
        assert r["workbook"] == book, r["workbook"]
        assert r["sheet"] == "审核结果", r["sheet"]
        wb = openpyxl.load_workbook(book)
        assert wb.sheetnames[0] == "审核结果", wb.sheetnames
        texts = [str(c.value) for row in wb["审核结果"].iter_rows() for c in row if c.value is not None]
        assert any("未通过" in t for t in texts), texts[:20]
        with open(os.path.join(fail_out, "佛山 人社局 2019.json"), encoding="utf-8") as f:
            doc = json.load(f)
        sheets = {src.split("!")[0].strip("'") for src in
                  (c["source"] for c in doc["cells"].values())}
        assert sheets and sheets <= set(wb.sheetnames), f"{sheets} not in {wb.sheetnames}"

    @test
    def working_folder_keeps_only_results():
        names = sorted(os.listdir(fail_out))
        assert names == ["result.txt", "佛山 人社局 2019.checked.xlsx", "佛山 人社局 2019.json"], names

    @test
    def users_files_untouched():
        assert sorted(os.listdir(run.inputs)) == sorted(map(os.path.basename, before)), \
            os.listdir(run.inputs)
        for path, digest in before.items():
            assert sha256(path) == digest, f"{path} changed"

    @test
    def ods_input_passes_in_english():
        r = read_result(pass_out)
        status, counts = ogi_counts("samples/tianjin-2019.xls")
        assert status == "pass" and (r["kind"], r["status"]) == ("ok", "pass"), r
        assert int(r["errors"]) == 0 and int(r["infos"]) == counts["info"], r
        assert r["message"].startswith("Verdict: PASS\\n0 errors"), r["message"]
        wb = openpyxl.load_workbook(r["workbook"])
        assert r["sheet"] == wb.sheetnames[0] == "Check results", (r["sheet"], wb.sheetnames)

    @test
    def no_tables_says_so():
        r = read_result(none_out)
        assert (r["kind"], r["status"], r["workbook"]) == ("no_tables", "no_tables", ""), r
        assert "没有找到法定统计表格" in r["message"], r["message"]
        assert not glob.glob(os.path.join(none_out, "*.xlsx")), os.listdir(none_out)

    @test
    def missing_ogi_says_so():
        r = read_result(gone_out)
        assert (r["kind"], r["exit"], r["workbook"]) == ("missing", "127", ""), r
        assert "找不到 ogi 程序（/nonexistent/目录/ogi）" in r["message"], r["message"]

    @test
    def failing_ogi_shows_its_message():
        r = read_result(broken_out)
        assert (r["kind"], r["exit"], r["workbook"]) == ("failed", "2", ""), r
        assert "ogi 运行失败（退出状态 2）" in r["message"], r["message"]
        assert "模拟的失败 simulated failure" in r["message"], r["message"]

    @test
    def unreadable_copy_shows_ogis_reason():
        r = read_result(unreadable_out)
        assert (r["kind"], r["status"], r["workbook"]) == ("unreadable", "unreadable", ""), r
        # the JSON string unescaped: \uXXXX, \", \n, \t
        assert r["message"] == 'ogi could not read this workbook: \\n超过限制 "--max-cells"\\n\t2', r["message"]

    @test
    def menu_path_uses_path_and_a_private_folder():
        r = read_result(menu_out)
        assert r["kind"] == "menu", r
        folder = os.path.dirname(r["workbook"])
        assert os.path.dirname(folder) == run.tmp, r["workbook"]
        assert os.path.basename(r["workbook"]) == "menu 佛山.checked.xlsx", r["workbook"]
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, oct(os.stat(folder).st_mode)
        wb = openpyxl.load_workbook(r["workbook"])
        assert r["sheet"] == wb.sheetnames[0] == "审核结果", (r["sheet"], wb.sheetnames)
        names = sorted(os.listdir(folder))
        assert names == ["menu 佛山.checked.xlsx", "menu 佛山.json"], names
        _, counts = ogi_counts(fail_src)
        said = run.messages()
        assert len(said) == 2, said
        assert said[0].startswith("48 审核结论：未通过\\n"), said  # the warning icon: a failed report
        assert f"错误 {counts['error']} 项，警告 {counts['warning']} 项" in said[0], said
        assert said[0].endswith(r["workbook"]), said

    @test
    def stored_option_names_ogi():
        r = read_result(option_out)
        assert r["kind"] == "menu" and r["workbook"].endswith("/synthetic-2021.checked.xlsx"), r
        assert os.path.exists(run.custom + ".used"), "the stored ogi path was not used"
        status, counts = ogi_counts("samples/synthetic-2021.xls")
        said = run.messages()
        assert len(said) == 2, said
        assert f"错误 {counts['error']} 项" in said[1] and status == "fail", said

    shutil.rmtree(run.root, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()

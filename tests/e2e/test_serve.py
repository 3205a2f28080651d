#!/usr/bin/python3
"""End-to-end tests of `ogi serve` in a real browser: headless chromium,
driven by Selenium, uploads a failing and a passing workbook through the
upload form, reads the verdict and the findings from the page, downloads
the marked-up workbook and reads it back with openpyxl; the office's page
refuses without the token and shows the new submissions with it.

What the page says is compared with what `ogi check --format json` says
of the same file, and with what the box holds afterwards (outbox/index.csv,
archive/, the outputs), never with numbers written here.

OGI_SCREENSHOTS=DIR keeps a screenshot of each page there (docs/ has them).
"""
import csv
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import openpyxl
import serve_process
from harness import WRAP, finish, test

OGI = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ogi")
FAILING = os.path.abspath("samples/foshan-2019.xls")
PASSING = os.path.abspath("samples/tianjin-2019.xls")
SHOTS = os.environ.get("OGI_SCREENSHOTS")
ROSTER = ["市人力资源和社会保障局", "市统计局", "市教育局"]
ROSTER_XLSX = [("区财政局", "czj"), ("区审计局", "审计")]


def start_server(box, *extra):
    """ogi serve on a free port chosen by the kernel: (process, base URL)."""
    p, port = serve_process.start_server(OGI, box, *extra, wait=60 if WRAP else 15)
    return p, f"http://127.0.0.1:{port}"


def browser(downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="ogi-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                 "--window-size=1280,1400", "--lang=zh-CN"):
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {"download.default_directory": downloads,
                                           "download.prompt_for_download": False,
                                           "intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    driver.set_page_load_timeout(60)
    return driver, profile


def expected_report(path):
    """What ogi check says of the file: the oracle of the page."""
    p = subprocess.run([OGI, "check", "--format", "json", path], capture_output=True)
    return json.loads(p.stdout.decode("utf-8"))


def wait_for(driver, css, timeout=30):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def upload(driver, base, agency, path):
    from selenium.webdriver.common.by import By
    driver.get(base + "/")
    field = driver.find_element(By.ID, "agency")
    field.clear()
    field.send_keys(agency)
    driver.find_element(By.ID, "file").send_keys(path)
    driver.find_element(By.ID, "submit").click()
    wait_for(driver, "#verdict")
    return driver.find_element(By.ID, "verdict")


def page_findings(driver):
    from selenium.webdriver.common.by import By
    rows = []
    for tr in driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr"):
        cells = [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
        rows.append({"rule": tr.get_attribute("data-rule"), "severity": cells[0],
                     "table": cells[1], "position": cells[2], "cell": cells[3],
                     "expected": cells[4], "actual": cells[5], "message": cells[6]})
    return rows


def number(text):
    return float(text) if text else None


def index_rows(box):
    with open(os.path.join(box, "outbox", "index.csv"), encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, name))


def run_browser_tests():
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        raise AssertionError("chromium and chromium-driver are needed (make deps)")
    work = tempfile.mkdtemp(prefix="ogi serve 测试 ")
    box = os.path.join(work, "box")
    downloads = os.path.join(work, "downloads")
    os.makedirs(box)
    os.makedirs(downloads)
    with open(os.path.join(box, "roster.csv"), "w", encoding="utf-8-sig") as f:
        f.write("单位,分组\n" + "".join(f"{a},市直\n" for a in ROSTER))
    server, base = start_server(box)
    driver, profile = None, None
    try:
        driver, profile = browser(downloads)
        state = {}

        @test
        def failing_workbook_shows_its_findings_in_statutory_words():
            from selenium.webdriver.common.by import By
            want = expected_report(FAILING)
            verdict = upload(driver, base, ROSTER[0], FAILING)
            assert verdict.get_attribute("data-verdict") == want["status"] == "fail", verdict.text
            assert "未通过" in verdict.text, verdict.text
            rows = page_findings(driver)
            assert len(rows) == len(want["findings"]), (len(rows), len(want["findings"]))
            assert sorted(r["rule"] for r in rows) == sorted(f["rule"] for f in want["findings"])
            by_message = {f["message"]: f for f in want["findings"]}
            for r in rows:
                f = by_message.get(r["message"])
                assert f, f"page shows a finding ogi check does not: {r}"
                # the row and column in statutory words, the cell in the clerk's own sheet
                assert r["position"].startswith(r["table"].split(" ")[0]), r
                assert r["cell"].startswith("'") and "!" in r["cell"], r
                if "expected" in f:
                    assert number(r["expected"]) == f["expected"], (r, f)
                    assert number(r["actual"]) == f["actual"], (r, f)
            errors = [r for r in rows if r["severity"] == "错误"]
            assert len(errors) == want["counts"]["error"], (len(errors), want["counts"])
            summary = driver.find_element(By.ID, "summary").text
            assert f"错误 {want['counts']['error']}" in summary, summary
            state["failing_url"] = driver.current_url
            shot(driver, "serve-upload.png")

        @test
        def passing_workbook_passes_and_its_workbook_downloads():
            from selenium.webdriver.common.by import By
            want = expected_report(PASSING)
            verdict = upload(driver, base, ROSTER[1], PASSING)
            assert verdict.get_attribute("data-verdict") == want["status"] == "pass", verdict.text
            rows = page_findings(driver)
            assert not [r for r in rows if r["severity"] == "错误"], rows
            assert len(rows) == len(want["findings"]), rows
            driver.find_element(By.ID, "download").click()
            deadline = time.monotonic() + 30
            got = []
            while time.monotonic() < deadline:
                got = [p for p in glob.glob(os.path.join(downloads, "*.xlsx"))]
                if got and not glob.glob(os.path.join(downloads, "*.crdownload")):
                    break
                time.sleep(0.2)
            assert len(got) == 1, os.listdir(downloads)
            assert os.path.basename(got[0]) == "tianjin-2019.checked.xlsx", got
            kept = os.path.join(box, "outbox", ROSTER[1], "tianjin-2019.checked.xlsx")
            with open(got[0], "rb") as a, open(kept, "rb") as b:
                assert a.read() == b.read(), "the download is not the box's marked-up workbook"
            wb = openpyxl.load_workbook(got[0])
            summary = {r[0]: r[3] for r in wb[wb.sheetnames[0]].iter_rows(values_only=True)
                       if r and r[0]}
            with open(PASSING, "rb") as f:
                assert summary.get("原表 SHA-256") == hashlib.sha256(f.read()).hexdigest(), summary
            assert summary.get("结论") == "通过", summary

        @test
        def each_upload_is_a_submission_of_the_box_exactly_once():
            rows = index_rows(box)
            assert len(rows) == 2, rows
            files = sorted(r["文件"] for r in rows)
            assert files == sorted([f"{ROSTER[0]}/foshan-2019.xls",
                                    f"{ROSTER[1]}/tianjin-2019.xls"]), files
            for sample, agency in ((FAILING, ROSTER[0]), (PASSING, ROSTER[1])):
                archived = os.path.join(box, "archive", agency, os.path.basename(sample))
                with open(archived, "rb") as a, open(sample, "rb") as b:
                    assert a.read() == b.read(), archived
            assert not [p for p in glob.glob(os.path.join(box, "inbox", "**"), recursive=True)
                        if os.path.isfile(p)], "files left in the inbox"

        @test
        def english_page_says_the_same_in_english():
            from selenium.webdriver.common.by import By
            url = state["failing_url"].replace("lang=zh", "lang=en")
            driver.get(url)
            verdict = wait_for(driver, "#verdict")
            assert "FAIL" in verdict.text, verdict.text
            rows = page_findings(driver)
            assert rows and all(r["severity"] in ("error", "warning", "info") for r in rows)
            assert "Statutory" in driver.find_element(By.CSS_SELECTOR, "#findings thead").text

        @test
        def office_page_refuses_without_the_token_and_shows_submissions_with_it():
            from selenium.webdriver.common.by import By
            driver.get(base + "/office")
            wait_for(driver, "#login")
            assert not driver.find_elements(By.ID, "submissions")
            driver.find_element(By.ID, "token").send_keys("not-the-token-at-all")
            driver.find_element(By.ID, "login-submit").click()
            wait_for(driver, "#error")
            assert not driver.find_elements(By.ID, "submissions")
            with open(os.path.join(box, "serve.token"), encoding="utf-8") as f:
                token = f.read().strip()
            driver.find_element(By.ID, "token").send_keys(token)
            driver.find_element(By.ID, "login-submit").click()
            wait_for(driver, "#submissions")
            status = {}
            for tr in driver.find_elements(By.CSS_SELECTOR, "#roster tbody tr"):
                tds = [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
                status[tds[0]] = (tds[3], tds[4])
            assert status[ROSTER[0]] == ("未通过", "1"), status
            assert status[ROSTER[1]][0].startswith("通过"), status
            assert status[ROSTER[2]] == ("未报送", "0"), status
            subs = driver.find_elements(By.CSS_SELECTOR, "#submissions tbody tr")
            assert len(subs) == 2, len(subs)
            shot(driver, "serve-office.png")
            subs[0].find_element(By.LINK_TEXT, "问题").click()
            wait_for(driver, "#submission")
            assert "tianjin-2019.xls" in driver.find_element(By.ID, "submission").text
        @test
        def upload_page_offers_the_agencies_of_roster_xlsx():
            # the office keeps its roster in Excel: a title above the header,
            # 单位名称, each agency's folder; it wins over roster.csv, as for ogi status
            from selenium.webdriver.common.by import By
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append(["2024年度政府信息公开年报报送名单"])
            ws.append(["序号", "单位名称", "文件夹", "分组"])
            for i, (agency, folder) in enumerate(ROSTER_XLSX, 1):
                ws.append([i, agency, folder, "区直"])
            wb.save(os.path.join(box, "roster.xlsx"))
            driver.get(base + "/")
            wait_for(driver, "#agency")
            offered = [o.get_attribute("value")
                       for o in driver.find_elements(By.CSS_SELECTOR, "datalist#roster option")]
            assert offered == [a for a, _ in ROSTER_XLSX], offered
            verdict = upload(driver, base, ROSTER_XLSX[1][0], PASSING)
            assert verdict.get_attribute("data-verdict") == "pass", verdict.text
            # filed under the roster's 文件夹 for that agency
            archived = os.path.join(box, "archive", ROSTER_XLSX[1][1], os.path.basename(PASSING))
            with open(archived, "rb") as a, open(PASSING, "rb") as b:
                assert a.read() == b.read(), archived

    finally:
        if driver:
            driver.quit()
        serve_process.stop_server(server, wait=60)
        shutil.rmtree(work, ignore_errors=True)
        if profile:
            shutil.rmtree(profile, ignore_errors=True)


@test
def browser_session():
    run_browser_tests()


finish()

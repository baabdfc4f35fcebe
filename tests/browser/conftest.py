"""Headless Chromium (Debian's chromium + chromium-driver) driven by Selenium, against a
uvicorn server the fixture starts on a free loopback port. Screenshots go to
$RASID_TEST_ARTIFACTS (default build/test-artifacts/browser/)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REPO = Path(__file__).resolve().parents[2]
TOKEN = "browser-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    path = Path(os.environ.get("RASID_TEST_ARTIFACTS", REPO / "build" / "test-artifacts")) / "browser"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of a live rasid server over a store holding corpus articles 004 and 001
    (facts located in the text, see tests/web_records.py) and an article with a script."""
    uvicorn = pytest.importorskip("uvicorn")
    import web_records

    from rasid.api import create_app
    from rasid.store import Store

    db = tmp_path_factory.mktemp("browser") / "corpus.db"
    with Store(db) as store:
        for rec in (web_records.build("004"), web_records.build("001"),
                    web_records.xss_record()):
            store.upsert(rec)
    port = _free_port()
    config = uvicorn.Config(create_app(db, token=TOKEN), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("browser tests need Debian's headless Chromium: "
                    "apt-get install -y chromium chromium-driver (make test does this)")
    webdriver = pytest.importorskip("selenium.webdriver",
                                    reason="pip install selenium (in the test extras)")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                 "--lang=ar"):
        opts.add_argument(flag)
    profile = tmp_path_factory.mktemp("chromium-profile")
    opts.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)

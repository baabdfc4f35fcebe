"""The web pages in a real browser (headless Chromium): RTL layout, highlights, details on
click, click-through to entity pages, the events filter, and an inert script payload."""

from __future__ import annotations

import json
import urllib.request

import pytest
import web_records

from rasid.document import content_id

pytestmark = pytest.mark.browser

WAIT = 30


def _wait(driver, condition, ignored=()):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, ignored_exceptions=ignored).until(condition)


def _css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def _open(driver, url, ready="main"):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    driver.get(url)
    _wait(driver, ec.presence_of_element_located((By.CSS_SELECTOR, ready)))


def _click(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def _submit(driver, button_id):
    """Click a submit button and wait for the next page to replace this one."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support import expected_conditions as ec

    old = driver.find_element("css selector", "html")
    _click(driver, driver.find_element("id", button_id))
    # while the page is swapped Chromium may answer "unhandled inspector error" instead of
    # "stale element": ask again (this made the suite fail about once in eight runs)
    _wait(driver, ec.staleness_of(old), ignored=(WebDriverException,))
    _wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def test_analyse_page_pastes_an_article_and_highlights_what_the_api_finds(
        server, browser, artifacts):
    text = web_records.read_corpus("004")
    _open(browser, server + "/ui/analyse", "#analyse-form")
    assert browser.find_element("css selector", "html").get_attribute("dir") == "rtl"
    browser.execute_script("document.getElementById('text').value = arguments[0];", text)
    browser.execute_script("document.getElementById('published').value = '2022-05-20';")
    _submit(browser, "analyse-button")
    doc = browser.find_element("id", "doc")
    assert browser.execute_script("return getComputedStyle(arguments[0]).direction;", doc) == "rtl"
    assert doc.text.replace("\n", "").startswith("موسكو تخطط لإنشاء 12 قاعدة")
    font = browser.execute_script("return getComputedStyle(arguments[0]).fontFamily;", doc)
    assert "Noto Naskh Arabic" in font
    assert browser.execute_script(
        "return document.fonts.check('16px \"Noto Naskh Arabic\"', 'عربي');")
    browser.save_screenshot(str(artifacts / "analyse.png"))
    # the page shows exactly the facts the API returns for the same input
    req = urllib.request.Request(server + "/analyze", method="POST",
                                 data=json.dumps({"text": text, "published": "2022-05-20"})
                                 .encode(), headers={"content-type": "application/json"})
    record = json.load(urllib.request.urlopen(req, timeout=120))
    shown = {el.get_attribute("data-facts").split()[0] for el in _css(browser, ".fact.ent")}
    shown_ents = {i for i in shown if i.startswith("e")}
    assert shown_ents == {e["id"] for e in record["entities"] if e["mentions"]}
    assert len(_css(browser, ".sent")) == len(record["sentences"])
    names = {e["id"]: e["name"] for e in record["entities"]}
    badges = [b.text for b in _css(browser, ".speaker-badge")]
    assert sorted(badges) == sorted(names[q["speaker"]] for q in record["quotes"]
                                    if q["speaker"])
    if not record["entities"]:
        pytest.skip("the pipeline has no NER yet: highlights checked on stored articles below")
    # click a person: details, then through to the entity page (the store holds 004, where
    # the linker may have given another id: the page falls back to the name)
    shoigu = [e for e in record["entities"] if e["name"] == "سيرغي شويغو"]
    if not shoigu:
        pytest.skip("the pipeline did not find سيرغي شويغو in 004; click-through tested below")
    piece = [el for el in _css(browser, ".fact.ent")
             if el.get_attribute("data-facts").split()[0] == shoigu[0]["id"]][0]
    _click(browser, piece)
    _wait(browser, lambda d: "سيرغي شويغو" in d.find_element("id", "details-body").text)
    _click(browser, browser.find_element("id", "details-entity-link"))
    _wait(browser, lambda d: "/ui/entity/" in d.current_url and _css(d, "h1"))
    assert "سيرغي شويغو" in browser.find_element("css selector", "h1").text


def test_article_highlights_click_details_and_entity_page(server, browser, artifacts):
    doc_id = content_id(web_records.read_corpus("004"))
    _open(browser, f"{server}/ui/article/{doc_id}", "#doc")
    people = _css(browser, ".fact.ent-PER")
    assert people, "person mentions are highlighted"
    colour = browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor;",
                                    people[0])
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    quotes = _css(browser, ".fact.quote")
    assert quotes and browser.execute_script(
        "return getComputedStyle(arguments[0]).textDecorationLine;", quotes[0]) == "underline"
    badges = {b.text for b in _css(browser, ".speaker-badge")}
    assert {"سيرغي شويغو", "فولوديمير زيلينسكي"} <= badges
    browser.save_screenshot(str(artifacts / "article.png"))

    # a mention far down the article: clicking it fills the details and scrolls its sentence in
    target = [el for el in _css(browser, ".fact.ent-PER") if el.text == "زيلينسكي"][-1]
    browser.execute_script("window.scrollTo(0, 0);")
    target.click()
    details = browser.find_element("id", "details-body")
    _wait(browser, lambda d: "فولوديمير زيلينسكي" in details.text)
    assert "Volodymyr Zelenskyy" in details.text
    sentence = target.find_element("xpath", "ancestor::span[contains(@class,'sent')]")
    _wait(browser, lambda d: "flash" in sentence.get_attribute("class"))
    _wait(browser, lambda d: d.execute_script(
        "var r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight;", target))
    assert "selected" in target.get_attribute("class")
    browser.save_screenshot(str(artifacts / "article-details.png"))

    # a quote: its details name the speaker
    quote = [q for q in _css(browser, ".fact.quote") if "ent" not in q.get_attribute("class")
             and "بحلول نهاية العام" in q.text][0]
    _click(browser, quote)
    _wait(browser, lambda d: "بحلول نهاية العام" in details.text)
    assert "سيرغي شويغو" in details.text

    # click through to the entity page
    _click(browser, people[0])
    _wait(browser, lambda d: _css(d, "#details-entity-link"))
    _click(browser, browser.find_element("id", "details-entity-link"))
    _wait(browser, lambda d: "/ui/entity/" in d.current_url and _css(d, "#mentions-chart"))
    assert "سيرغي شويغو" in browser.find_element("css selector", "h1").text
    assert _css(browser, "#mentions-chart rect")
    assert _css(browser, "#quotes-by li")
    browser.save_screenshot(str(artifacts / "entity.png"))


def test_events_timeline_filters_by_category(server, browser, artifacts):
    from selenium.webdriver.support.ui import Select

    _open(browser, server + "/ui/events", "#events-filter")
    before = {r.get_attribute("data-type") for r in _css(browser, "tr.event-row")}
    assert {"MOBILIZE", "THREATEN", "ACCUSE"} <= before
    assert _css(browser, "#actor-network circle")
    Select(browser.find_element("id", "f-type")).select_by_value("THREATEN")
    _submit(browser, "filter-button")
    assert "type=THREATEN" in browser.current_url
    rows = _css(browser, "tr.event-row")
    assert [r.get_attribute("data-type") for r in rows] == ["THREATEN"]
    assert "موسكو" in rows[0].text and "الناتو" in rows[0].text
    browser.find_element("id", "f-actor").send_keys("شويغو")
    Select(browser.find_element("id", "f-type")).select_by_value("")
    _submit(browser, "filter-button")
    rows = _css(browser, "tr.event-row")        # 004 and its copy with a script in it
    assert rows and {r.get_attribute("data-type") for r in rows} == {"MOBILIZE"}
    assert all("سيرغي شويغو" in r.text for r in rows)
    browser.save_screenshot(str(artifacts / "events.png"))


def test_script_in_an_article_renders_as_inert_text(server, browser, artifacts):
    _open(browser, f"{server}/ui/article/xss-004", "#doc")
    assert browser.execute_script("return window.__xss === undefined;")
    doc = browser.find_element("id", "doc")
    assert "<script>window.__xss = 1</script>" in doc.text
    assert not _css(browser, "#doc script") and not _css(browser, "#doc img")
    assert _css(browser, ".fact.ent-PER")        # the page still works around the payload
    browser.save_screenshot(str(artifacts / "xss.png"))


def test_language_toggle_switches_labels(server, browser):
    _open(browser, server + "/ui/search?q=" + urllib.request.quote("شويغو"), "#search-form")
    assert browser.find_element("css selector", "mark").text == "شويغو"
    _click(browser, browser.find_element("id", "lang-toggle"))
    _wait(browser, lambda d: d.find_element("css selector", "html").get_attribute("lang") == "en")
    assert browser.find_element("css selector", "html").get_attribute("dir") == "ltr"
    assert "Search the archive" in browser.find_element("css selector", "h1").text
    _click(browser, browser.find_element("id", "lang-toggle"))
    _wait(browser, lambda d: d.find_element("css selector", "html").get_attribute("lang") == "ar")

"""Signing in through the real form, and running axe-core in a page, for the browser tests."""

import hashlib
import os
import time
from functools import cache
from pathlib import Path

import axe_playwright_python
import pytest
from flask.testing import FlaskClient
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from leder_web import demo
from tests.browser.pages import PageToVisit
from tests.support.page_shapes import shape_key

# The WCAG 2.2 A and AA rules, which is what the public sector accessibility regulations ask.
AXE_DEADLINE_SECONDS = 30
# BROWSER_PAGE_TIMINGS=1 prints how long each crawled page took (run pytest with -s).
TIMINGS = bool(os.environ.get("BROWSER_PAGE_TIMINGS"))

# The site's CSP refuses inline scripts, so page.add_script_tag(content=axe) is blocked.
# page.evaluate runs through the DevTools protocol, which CSP does not govern, so axe goes
# in that way and the pages keep their real CSP during the tests (no bypass_csp needed).
#
# Where JavaScript is disabled (java_script_enabled=False) page.evaluate still runs, and
# Promise callbacks still run, but setTimeout and queueMicrotask callbacks never fire, and
# axe.run waits on setTimeout(fn, 0) between rules, so it would never finish. In those pages
# only, this shim replaces setTimeout before axe runs: a zero delay becomes a Promise
# callback, and longer delays (axe's watchdogs for frames and preloading, which it clears
# when things go well) are dropped. The page's own scripts are not running, so nothing else
# sees the shim. test_axe_finds_a_known_problem_with_javascript_on_and_off proves it works.
_TIMERS_FOR_PAGES_WITHOUT_JAVASCRIPT = """() => {
  window.setTimeout = (callback, delay, ...args) => {
    if (!delay || delay <= 1) {
      Promise.resolve().then(() => callback(...args));
    }
    return 0;
  };
  window.clearTimeout = () => {};
}"""

# Starts axe and returns at once; Python polls for the result, so a run that never ends
# fails the test after AXE_DEADLINE_SECONDS instead of hanging the suite.
# Every rule axe runs by default: WCAG 2.x A and AA and the best practices (such as all content
# inside landmarks and headings in order); only experimental rules are left out.
_START_AXE = """() => {
  window.__browserTestAxe = null;
  axe.run(document, {resultTypes: ["violations"]}).then(
    (results) => {
      window.__browserTestAxe = {violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({target: n.target, html: n.html})),
      }))};
    },
    (error) => { window.__browserTestAxe = {error: String(error)}; },
  );
}"""


@cache
def axe_source() -> str:
    # axe-core as shipped inside the axe-playwright-python package: no download needed.
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def preload_axe(context: BrowserContext) -> None:
    """Load axe into every page the context opens, before the page's own scripts.

    Optional, for speed: sending half a megabyte of axe through page.evaluate on every page
    of a crawl costs about a tenth of a second a page. Init scripts run through the DevTools
    protocol like evaluate, so CSP does not block them, and they run with JavaScript off too.
    """
    context.add_init_script(script=axe_source())


def run_axe(page: Page, *, javascript: bool = True) -> list[dict]:
    """The violations axe-core finds in the page as it is now: WCAG 2.2 A/AA and best practice."""
    if not javascript:
        page.evaluate(_TIMERS_FOR_PAGES_WITHOUT_JAVASCRIPT)
    if page.evaluate("typeof axe") == "undefined":
        page.evaluate(axe_source())
    page.evaluate(_START_AXE)
    deadline = time.monotonic() + AXE_DEADLINE_SECONDS
    while (result := page.evaluate("window.__browserTestAxe")) is None:
        assert time.monotonic() < deadline, f"axe did not finish on {page.url}"
        time.sleep(0.01)
    assert "error" not in result, f"axe failed on {page.url}: {result['error']}"
    return result["violations"]


def describe_violations(where: str, violations: list[dict]) -> str:
    """One block per violation: rule id, impact, help, and each failing element."""
    lines = [f"{where}:"]
    for violation in violations:
        lines.append(
            f"  {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(
                " >> ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            lines.append(f"    - {target}   {node['html'][:160]}")
    return "\n".join(lines)


def sign_in(page: Page, base_url: str, email: str, password: str | None = None) -> None:
    """Sign in through the real form, as a person would, and wait for the home page."""
    page.goto(f"{base_url}/sign-in")
    page.fill("#email", email)
    page.fill("#password", password or demo.demo_password())
    page.click("button.govuk-button[type=submit]")
    try:
        page.wait_for_url(f"{base_url}/home")
    except PlaywrightTimeoutError:
        errors = page.locator(".govuk-error-summary").all_inner_texts()
        pytest.fail(f"Signing in as {email} did not reach /home: it is on {page.url} {errors}")


def visible_h1_count(page: Page) -> int:
    # One round trip, rather than a locator query: it runs on every page of two crawls.
    return page.evaluate(
        """() => [...document.querySelectorAll("h1")].filter(
          (h1) => h1.checkVisibility({visibilityProperty: true})
        ).length"""
    )


def sideways_overflow(page: Page) -> str | None:
    """Where the page is wider than the window (WCAG 1.4.10 Reflow), or None if it is not."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return null;
          const widest = [...document.body.querySelectorAll("*")].find(
            (element) => element.getBoundingClientRect().right > width + 1
              && !element.closest(".leder-table-scroll")
          );
          const culprit = widest
            ? `, first by <${widest.tagName.toLowerCase()} class="${widest.className}">`
            : "";
          return `${document.documentElement.scrollWidth}px for ${width}px${culprit}`;
        }"""
    )


# The page as axe sees it, without what differs between two people shown the same page: the
# signed-in account in the header (a name, a CSRF token) and the per-request values. Nor what
# differs between the page with JavaScript on and off where the scripts change nothing a
# person meets: the body's classes that say scripts run (the only CSS they select is for
# conditional questions, whose script also sets aria-expanded, so such pages still differ)
# and the data-…-init marks GOV.UK Frontend leaves on each component it has set up. A page
# whose scripts change nothing else is one page to axe, whichever crawl opens it first.
_MARKUP_KEY = """() => {
  const copy = document.documentElement.cloneNode(true);
  copy.querySelectorAll(".leder-account").forEach((account) => account.replaceChildren());
  const drop = (selector, attribute) =>
    copy.querySelectorAll(selector).forEach((element) => element.removeAttribute(attribute));
  drop("[nonce]", "nonce");
  drop("input[name=csrf_token]", "value");
  drop("[data-seconds-left]", "data-seconds-left");
  copy.querySelector("body").classList.remove("js-enabled", "govuk-frontend-supported");
  copy.querySelectorAll("*").forEach((element) => {
    for (const name of element.getAttributeNames()) {
      if (/^data-.+-init$/.test(name)) element.removeAttribute(name);
    }
  });
  // The page's shape, not its data: what axe checks is in the elements, their attributes and
  // whether each text is empty, not in which person, case or date a text names. Two people's
  // case pages, or a table of 3 cases and one of 30, are one shape.
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (text.nodeValue.trim()) text.nodeValue = "text";
  }
  const WORDS = new Set(["href", "action", "value", "aria-label", "title", "alt", "content",
    "placeholder", "datetime"]);
  copy.querySelectorAll("*").forEach((element) => {
    for (const name of element.getAttributeNames()) {
      if (name === "class") continue;
      const value = element.getAttribute(name);
      element.setAttribute(name, WORDS.has(name) && value ? "words" : value.replace(/\\d+/g, "0"));
    }
  });
  // Rows (and items, options...) that are alike once their data is left out: one of them.
  [...copy.querySelectorAll("*")].reverse().forEach((element) => {
    let previous = null;
    for (const child of [...element.children]) {
      if (previous !== null && child.outerHTML === previous) child.remove();
      else previous = child.outerHTML;
    }
  });
  return copy.outerHTML;
}"""


def markup_key(page: Page) -> str:
    return hashlib.sha256(page.evaluate(_MARKUP_KEY).encode()).hexdigest()


def first_to_check(checked_markup: Path | None, key: str) -> bool:
    """Claim this markup for an axe run; False if another crawl of this run (on any worker)
    has claimed it already."""
    if checked_markup is None:
        return True
    try:
        os.close(os.open(checked_markup / key, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def check_pages(
    page: Page,
    base_url: str,
    pages: list[PageToVisit],
    *,
    javascript: bool,
    one_h1: bool = False,
    no_sideways_scroll: bool = False,
    checked_markup: Path | None = None,
    client: FlaskClient | None = None,
) -> list[str]:
    """Open each page in turn and return every problem found, so one run reports them all.

    A page reached twice (a signed-in person asking for / or /sign-in is sent on to /home)
    is checked with axe once. So is markup that two people are shown alike (a reviewer and a
    senior reviewer on the same case's family log): with `checked_markup`, a folder every
    crawl of the run shares, axe runs on each distinct page (its DOM as loaded, less the
    signed-in account and per-request tokens) once, whoever opens it first.

    With `client` (the same person, signed in in-process), each page is first fetched from the
    application directly and its status checked there; the browser then opens only pages
    whose markup as sent has a shape (tests/support/page_shapes.py) that no crawl of this run
    has opened with JavaScript on (or off) yet: the browser's DOM is made from that markup by
    the same scripts, so a page of the same shape shows the browser nothing new.
    """
    problems = []
    checked = set()
    mode = "js" if javascript else "no-js"
    for expected in pages:
        started = time.monotonic()
        if client is not None:
            response = client.get(expected.path, follow_redirects=True)
            if response.status_code != expected.status:
                problems.append(
                    f"{expected.path}: status {response.status_code}, not {expected.status}"
                )
                continue
            shape = shape_key(response.get_data(as_text=True), long_words=no_sideways_scroll)
            if not first_to_check(checked_markup, f"sent-{mode}-{shape}"):
                continue
        response = page.goto(base_url + expected.path)
        where = expected.path
        if page.url != base_url + expected.path:
            where += f" (sent on to {page.url.removeprefix(base_url)})"
        if response is None or response.status != expected.status:
            status = response.status if response else "none"
            problems.append(f"{where}: status {status}, not {expected.status}")
            continue
        if one_h1 and (headings := visible_h1_count(page)) != 1:
            problems.append(f"{where}: {headings} visible <h1> elements, not exactly one")
        if no_sideways_scroll and (wider := sideways_overflow(page)):
            problems.append(f"{where}: scrolls sideways at {wider}")
        if page.url in checked:
            continue
        checked.add(page.url)
        if not first_to_check(checked_markup, markup_key(page)):
            continue
        if violations := run_axe(page, javascript=javascript):
            problems.append(describe_violations(where, violations))
        if TIMINGS:
            print(f"page-time {time.monotonic() - started:.2f} {expected.endpoint} {where}")
    return problems

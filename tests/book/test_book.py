"""The book builds offline with warnings as errors, and works in a real browser.

Headless Chromium (Debian's ``chromium``, installed by .ci/run) loads the landing page and
every chapter, follows every internal link, checks the console, the sidebar and the
search, and saves screenshots of three pages in ``artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import re
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Browser, sync_playwright

from autograder.book.build import BookBuild, build_book
from autograder.book.serve import book_server
from autograder.kata import Catalog
from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
HREF = re.compile(r'href="([^"#]*)(?:#([^"]*))?"')

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built() -> BookBuild:
    """Build the whole book once for this module (cached execution across runs)."""
    result = build_book(REPO / "book", Catalog(REPO).katas)
    assert result.ok, result.output[-6000:]
    return result


@pytest.fixture(scope="module")
def site(built: BookBuild) -> Iterator[str]:
    """Serve the HTML on a free loopback port; stopped when the module ends."""
    with book_server(built.html, 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()


def _pages(built: BookBuild) -> list[str]:
    html = built.html
    chapters = sorted(
        path.relative_to(html).as_posix() for path in (html / "chapters").glob("*.html")
    )
    return ["intro.html", *chapters, "katas/index.html", "checklist.html"]


def test_the_book_builds_with_warnings_as_errors(built: BookBuild) -> None:
    assert built.ok
    assert len(list((built.html / "chapters").glob("*.html"))) == 16
    assert len(list((built.html / "katas").glob("kata-*.html"))) == len(Catalog(REPO).katas)


def test_every_lesson_ran(built: BookBuild) -> None:
    for page in (built.html / "chapters").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "cell_output" in text, f"{page.name} shows no executed output"
        assert "Traceback" not in text or "raises-exception" in text, page.name


def test_no_page_needs_the_network(built: BookBuild) -> None:
    for page in built.html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        external = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', text)
        assert external == [], f"{page.name} loads {external}"


def test_every_internal_link_resolves(built: BookBuild, site: str) -> None:
    seen: set[str] = set()
    broken: list[str] = []
    queue = [urljoin(site, "intro.html")]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        with urllib.request.urlopen(url) as response:  # noqa: S310 - our own loopback server
            text = response.read().decode("utf-8", errors="replace")
        for href, fragment in HREF.findall(text):
            if not href or href.startswith(("http:", "https:", "mailto:")):
                target, target_text = url, text
            else:
                target = urljoin(url, href)
                if urlparse(target).netloc != urlparse(site).netloc:
                    continue
                path = built.html / urlparse(target).path.lstrip("/")
                if not path.exists():
                    broken.append(f"{url} -> {href}")
                    continue
                if not target.endswith(".html"):
                    continue
                target_text = path.read_text(encoding="utf-8", errors="replace")
                queue.append(target)
            if fragment and f'id="{fragment}"' not in target_text:
                broken.append(f"{url} -> {href}#{fragment}")
    assert len(seen) >= 20
    assert broken == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing in CI: .ci/run must install it")
        pytest.skip("Chromium is not installed (apt install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def test_pages_load_without_console_errors(built: BookBuild, site: str, browser: Browser) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in _pages(built):
        response = page.goto(urljoin(site, name), wait_until="networkidle")
        assert response is not None, name
        assert response.status == 200, name
        assert page.title(), f"{name} has no title"
        if name in {"intro.html", "chapters/04-type-hints.html", "checklist.html"}:
            page.screenshot(path=str(ARTIFACTS / f"{Path(name).stem}.png"), full_page=True)
    page.close()
    assert problems == [], problems
    assert len(list(ARTIFACTS.glob("*.png"))) >= 3


def test_the_sidebar_lists_every_chapter_and_navigates(site: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(urljoin(site, "intro.html"), wait_until="networkidle")
    links = page.locator("nav.bd-docs-nav a.reference.internal")
    texts = links.all_inner_texts()
    assert sum(1 for text in texts if re.match(r"\d\d · ", text)) == 16, texts
    page.get_by_role("link", name=re.compile(r"04 · ")).first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("chapters/04-type-hints.html")
    page.close()


def test_search_finds_lessons(site: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(urljoin(site, "search.html?q=exception"), wait_until="networkidle")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 2
    page.close()

"""WCAG 2.1 AA in Chromium: axe-core finds nothing, nothing scrolls sideways at 360 px, footnotes work by
keyboard, and printing shows every text with its notes.

axe-core is the npm package locked in package-lock.json (`make axe` installs it into node_modules/);
it is injected from disk, so no page ever loads a script from elsewhere.
"""

from pathlib import Path

import pytest
from django.conf import settings

from archive.models import Collection
from tests.archive.document_records import build_record
from tests.factories import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = ("home", "search", "document", "collection", "person")
PHONE_WIDTH = 360


@pytest.fixture
def record(translator, second_editor):
    record = build_record(
        author=translator, title="Khrushchev's conversation with Harriman", footnotes=3, people=2
    )
    publish(record, approver=second_editor)
    return record


@pytest.fixture
def addresses(record) -> dict[str, str]:
    """The five pages the issue names; the search has results and a facet filter applied."""
    collection = Collection.objects.get(title="Test Ban Talks")
    return {
        "home": "/",
        "search": f"/search/?q=Harriman&collection={collection.pk}",
        "document": f"/documents/{record.pk}/",
        "collection": f"/collections/{collection.slug}/",
        "person": f"/people/{record.creators.get().pk}/",
    }


@pytest.fixture
def axe_page(browser, live_server):
    """A tab that may run axe: the site's Content-Security-Policy (rightly) refuses injected scripts."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (make axe, or npm ci)")
    page.add_script_tag(path=str(AXE))
    report = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return report["violations"]


def readable(violations: list[dict]) -> str:
    """One paragraph per rule: what it is, where (selectors) and why (axe's summary of the first node)."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_21_aa_violations(axe_page, addresses, name):
    axe_page.goto(addresses[name])
    violations = axe_violations(axe_page)
    assert not violations, f"{addresses[name]}:\n{readable(violations)}"


def test_the_search_page_under_test_has_results_and_facets(page, addresses):
    page.goto(addresses["search"])
    assert page.locator(".search-results").get_by_role("link", name="Khrushchev").count() >= 1
    assert page.locator(".active-filters").is_visible()
    assert page.locator(".facets").get_by_role("link", name="Nikita Khrushchev").is_visible()


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_at_360_pixels(page, addresses, name):
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 780})
    page.goto(addresses[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{addresses[name]} is {width} px wide at {PHONE_WIDTH} px"


def test_tab_to_a_footnote_marker_enter_to_the_note_and_back(page, record):
    page.goto(f"/documents/{record.pk}/")
    marker_id = "note-en-translation-ref-1"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == marker_id:
            break
    else:
        pytest.fail(f"Tab never reached the footnote marker #{marker_id}")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#note-en-translation-1'")
    note = page.locator("#note-en-translation-1")
    assert note.is_visible()
    assert note.evaluate("note => note.contains(document.activeElement) || document.activeElement === note")
    page.keyboard.press("Tab")
    back = page.evaluate("document.activeElement.getAttribute('href')")
    assert back == f"#{marker_id}"
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{marker_id}'")
    assert page.evaluate("document.activeElement.id") == marker_id


def test_the_print_stylesheet_shows_every_text_and_its_notes(page, record):
    page.goto(f"/documents/{record.pk}/")
    assert page.locator("link[rel=stylesheet][media=print][href$='archive/css/print.css']").count() == 1
    assert not page.locator("#text-ru-original").is_visible()
    page.emulate_media(media="print")
    for text in ("ru-original", "en-translation"):
        assert page.locator(f"#text-{text}").is_visible()
        assert page.locator(f"#note-{text}-3").is_visible()

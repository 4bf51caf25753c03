"""The built course opens in Chromium and asks nothing of any other origin."""


def test_home_page_loads_without_outside_requests(page, course_site):
    url, _ = course_site
    page.goto(url)
    assert page.locator("h1").first.inner_text()
    assert page.outside_requests == []


def test_material_landmarks_get_names(page, course_site):
    """Material leaves its search dialog and loading bar unnamed; the engine names them for screen readers."""
    url, _ = course_site
    page.goto(url)
    page.wait_for_function("document.querySelector('.md-search[role=dialog]').getAttribute('aria-label')")
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label") == "Search the course"

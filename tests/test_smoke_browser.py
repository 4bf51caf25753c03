"""The built course opens in Chromium and asks nothing of any other origin."""


def test_home_page_loads_without_outside_requests(page, course_site):
    url, _ = course_site
    page.goto(url)
    assert page.locator("h1").first.inner_text()
    assert page.outside_requests == []

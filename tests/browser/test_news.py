"""A secretary drafts the news release of a meeting from its record, edits it and publishes it; an anonymous
visitor then reads it on /news and finds it with the navbar's search box."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.news.samples import seed_meeting


def test_the_news_release_appears_on_news(page, browser, live_server, users):
    seed = seed_meeting()
    sign_in(page, "secretary@example.com", PASSWORD)
    page.goto(f"/meetings/{seed.meeting.id}")
    page.get_by_role("link", name="News release").click()
    page.get_by_label("Language").select_option(label="English")
    page.get_by_role("button", name="Generate a draft from the record").click()
    expect(page.get_by_text("A draft news release was written from the record.")).to_be_visible()

    body = page.get_by_label("Text (Markdown)")
    expect(body).to_have_value(re.compile(r"Zhu Kebing, General Manager, presided over the meeting\."))
    body.fill(body.input_value().replace("*[The main points of the speech by Chen Dexin.]*",
                                         "Chen Dexin called innovation **the primary driver** of development."))
    page.get_by_label("Headline").fill("Minmetals holds its 2026 S&T Innovation Work Meeting")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The news release was saved.")).to_be_visible()
    page.get_by_role("button", name="Publish the saved version").click()
    expect(page.get_by_text("The news release is published on the news page.")).to_be_visible()

    visitor = browser.new_context(base_url=live_server.url, locale="en-US").new_page()
    visitor.goto("/news")
    visitor.get_by_role("link", name="Minmetals holds its 2026 S&T Innovation Work Meeting").click()
    article = visitor.get_by_role("article")
    expect(article.locator("strong", has_text="the primary driver")).to_be_visible()
    expect(article).to_contain_text("Chen Dexin, Secretary of the Party Leadership Group and Chairman, attended")
    expect(article).to_contain_text("Deep-sea polymetallic nodule mining system")

    visitor.get_by_role("searchbox", name="Search").fill("primary driver")
    visitor.keyboard.press("Enter")
    expect(visitor.get_by_role("link", name="Minmetals holds its 2026 S&T Innovation Work Meeting")).to_be_visible()
    visitor.context.close()

"""Check-in by the camera: Chromium's fake camera films a ticket's QR code; the desk (Chromium on Linux has no
BarcodeDetector, so its frames go to the server to be read) checks the person in once, although the code stays in
view, and answers as it does for a scanner."""

from __future__ import annotations

import contextlib

from playwright.sync_api import expect

from tests.attendance.desk_samples import desk_world
from tests.attendance.test_desk_camera import camera_frame
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, sign_in
from tests.browser.test_checkin_desk import check_ins
from tests.factories import PASSWORD


@contextlib.contextmanager
def filming(browser, live_server, film):
    """A page of a second Chromium whose camera films the MJPEG file ``film``."""
    camera = browser.browser_type.launch(
        executable_path=str(CHROMIUM), headless=True,
        args=[*CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
              f"--use-file-for-fake-video-capture={film}"],
    )
    try:
        context = camera.new_context(base_url=live_server.url, locale="en-US")
        context.grant_permissions(["camera"])
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
    finally:
        camera.close()


def test_staff_check_a_ticket_in_with_the_camera(browser, live_server, users, tmp_path):
    world = desk_world(users)
    film = tmp_path / "ticket.mjpeg"
    film.write_bytes(camera_frame(world.chen.ticket_code) * 30)  # MJPEG: JPEG frames one after another
    with filming(browser, live_server, film) as page:
        sign_in(page, "desk@example.com", PASSWORD)
        page.goto(f"/meetings/{world.meeting.id}/attendance/desk")
        assert page.evaluate("'BarcodeDetector' in window") is False  # this test covers the server's reading

        page.get_by_role("button", name="Scan with the camera").click()
        expect(page.locator("#desk-camera-status")).to_have_text("Hold the ticket’s QR code in front of the camera.")
        result = page.locator("#desk-result")
        expect(result.locator("[data-outcome='checked_in']")).to_be_visible()
        expect(result.get_by_test_id("desk-name")).to_contain_text("Chen Jun")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "desk-camera.png"), full_page=True)
        page.wait_for_timeout(1500)  # the code stays in view: it is not sent again
        expect(result.locator("[data-outcome='checked_in']")).to_be_visible()
        assert check_ins() == {"Chen Jun": 1}
        expect(page.locator("#desk-count")).to_have_text("1")

        page.get_by_role("button", name="Stop the camera").click()
        expect(page.locator("#desk-camera-video")).to_be_hidden()
        expect(page.get_by_role("button", name="Scan with the camera")).to_be_visible()


# What Chrome on Android or macOS offers: the browser reads the code itself. A stand-in reports the ticket once the
# camera runs, so the desk's use of it is what is tested (Chromium on Linux has no reader of its own).
DETECTOR = """
window.BarcodeDetector = class {
  static getSupportedFormats() { return Promise.resolve(["qr_code", "ean_13"]); }
  constructor(options) { window.detectorFormats = options.formats; }
  detect(video) {
    return Promise.resolve(video.videoWidth ? [{rawValue: %r, format: "qr_code"}] : []);
  }
};
"""


def test_a_browser_with_its_own_reader_reads_the_code_itself(browser, live_server, users, tmp_path):
    world = desk_world(users)
    film = tmp_path / "blank.mjpeg"
    film.write_bytes(camera_frame(None) * 30)  # the stand-in reader "sees" the ticket, the server would see none
    with filming(browser, live_server, film) as page:
        page.add_init_script(DETECTOR % world.wang.ticket_code)
        decodes = []
        page.on("request", lambda sent: decodes.append(sent.url) if sent.url.endswith("/desk/decode") else None)
        sign_in(page, "desk@example.com", PASSWORD)
        page.goto(f"/meetings/{world.meeting.id}/attendance/desk")
        page.get_by_role("button", name="Scan with the camera").click()
        result = page.locator("#desk-result")
        expect(result.get_by_test_id("desk-name")).to_contain_text("Wang Li")
        assert page.evaluate("window.detectorFormats") == ["qr_code"]
        assert decodes == []
        assert check_ins() == {"Wang Li": 1}

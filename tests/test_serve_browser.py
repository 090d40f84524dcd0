"""`jwtlint serve` in a real browser: headless Chromium from the system's packages, driven by Selenium.

Skips (with the reason) where Chromium, its driver or selenium is missing; `.ci/run` installs
them. The browser may talk to loopback only (``--host-resolver-rules`` and the test's own
loopback guard), and its performance log records every request the page makes.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from test_serve import SEED, SEED_NOW, SEED_TOKEN, _apex_token, _rsa, loopback_only, running_server

CHROMIUM = os.environ.get("JWTLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("JWTLINT_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"

try:
    import selenium  # noqa: F401

    _missing = None
except ImportError:
    _missing = "selenium is not installed (pip install -e '.[test]')"
if _missing is None and not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    _missing = (
        f"no browser: {CHROMIUM} or {CHROMEDRIVER} is missing "
        "(apt-get install chromium chromium-driver; .ci/run does, or set JWTLINT_CHROMIUM / JWTLINT_CHROMEDRIVER)"
    )
pytestmark = pytest.mark.skipif(_missing is not None, reason=_missing or "")

WAIT = 15  # seconds; each step usually takes milliseconds


def start_browser(port: int):
    """Headless Chromium that resolves no name and reaches only 127.0.0.1."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "1"  # Selenium Manager must never try to download a driver
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1100",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-sync",
        "--disable-component-update", "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):  # fmt: skip
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(options=opts, service=Service(executable_path=CHROMEDRIVER))


@pytest.fixture(scope="module")
def page():
    with running_server() as srv, loopback_only():
        driver = start_browser(srv.port)
        try:
            driver.set_script_timeout(WAIT)
            driver.get(srv.url)
            driver.execute_cdp_cmd(
                "Browser.grantPermissions",
                {"origin": srv.server.origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
            )
            yield Page(driver, srv)
        finally:
            driver.quit()


class Page:
    def __init__(self, driver, srv) -> None:
        self.d = driver
        self.srv = srv
        self.requests: list[str] = []

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def wait(self, condition, what):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.03)
        raise AssertionError(f"timed out waiting for {what}")

    def set(self, element_id, text):
        """Paste ``text`` into a field, as a paste does: the value changes, an input event fires."""
        self.js(
            "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            "e.dispatchEvent(new Event('input', {bubbles: true}));",
            element_id, text,
        )  # fmt: skip

    def findings(self, list_id="findings"):
        return self.js(
            f"return [...document.querySelectorAll('#{list_id} li[data-name]')].map(li => [li.id, li.dataset.name, li.querySelector('.sev').textContent]);"
        )

    def marked(self, finding_id):
        """The token characters marked for a finding."""
        return self.js(
            "return [...document.querySelectorAll('#token-view [data-f]')]"
            ".filter(n => n.dataset.f.split(' ').includes(arguments[0])).map(n => n.textContent).join('');",
            finding_id,
        )

    def settle(self, before):
        """Wait until the page has drawn an answer after ``before`` and has none to come."""
        self.wait(lambda: self.js("const b = document.body.dataset; return b.busy === '0' && Number(b.rendered) > arguments[0]", before), "the page to settle")

    def rendered(self):
        return int(self.js("return Number(document.body.dataset.rendered || 0)"))

    def lint(self, token, *, now=SEED_NOW, expect=None, key=None):
        before = self.rendered()
        self.set("opt-now", str(now) if now is not None else "")
        if key is not None:
            self.set("key", key)
        self.set("input", token)
        self.settle(before)
        found = self.findings()
        if expect is not None:
            assert {n for _, n, _ in found} == expect
        return found

    def record_requests(self):
        for entry in self.d.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])


SEED_FINDINGS = {"std-base64-alphabet", "base64-padding", "time-in-milliseconds"}


def test_the_seed_token_shows_its_four_errors_marked_in_place(page):
    found = page.lint(SEED_TOKEN, expect=SEED_FINDINGS)
    assert len(found) == 4
    assert all(sev.strip().endswith("error") for _, _, sev in found)  # the word, not only a colour
    by_name: dict[str, list[str]] = {}
    for fid, name, _ in found:
        by_name.setdefault(name, []).append(page.marked(fid))
    head, body, _ = SEED_TOKEN.split(".")
    assert by_name["std-base64-alphabet"] == ["/"]
    assert by_name["base64-padding"] == ["==", "=="]
    (ms,) = by_name["time-in-milliseconds"]
    assert ms == body[228:256]
    # the three segments are coloured: each one's characters carry its class
    for role, text in (("header", head), ("payload", body)):
        shown = page.js(f"return [...document.querySelectorAll('#token-view .seg-{role}')].map(n => n.textContent).join('')")
        assert shown == text
    # the decoded payload marks the members the findings point into, with times in words
    flagged = page.js("return [...document.querySelectorAll('#payload-view .member.flagged')].map(n => n.dataset.member)")
    assert flagged == ["sub", "exp"]
    exp_line = page.js("return document.querySelector('#payload-view [data-member=exp]').textContent")
    assert "1603472160417" in exp_line and "2020-10-23T16:56:00Z" in exp_line and "milliseconds" in exp_line
    status = page.js("return document.getElementById('status').textContent")
    assert status.startswith("4 errors, 0 warnings, 0 info")
    # rule codes link to the rule's documentation on the same server
    href = page.js("return document.querySelector('#findings li[data-name=time-in-milliseconds] a.code').getAttribute('href')")
    assert href == "/rules/time-in-milliseconds"


def test_a_jws_json_serialization_is_shown_as_its_json_with_the_finding_marked_in_it(page):
    """A flattened JWS pasted as JSON: the page shows that JSON, colours each member's string as
    its segment, and marks the padding of the signature inside the JSON text."""
    import json

    from cryptography.hazmat.primitives.asymmetric import ec
    import jwt

    key = ec.generate_private_key(ec.SECP256R1())
    head, body, sig = jwt.encode({"sub": "1", "iat": SEED_NOW, "exp": SEED_NOW + 60}, key, algorithm="ES256").split(".")
    text = json.dumps({"protected": head, "payload": body, "signature": sig + "=" * (-len(sig) % 4)}, indent=2)
    found = page.lint(text)
    (fid,) = [fid for fid, name, _ in found if name == "base64-padding"]
    assert page.marked(fid) == "=" * (-len(sig) % 4)
    assert page.js("return document.getElementById('token-view').textContent").startswith("{")
    for role, shown in (("header", head), ("payload", body)):
        assert page.js(f"return [...document.querySelectorAll('#token-view .seg-{role}')].map(n => n.textContent).join('')") == shown


def test_selecting_a_finding_highlights_its_characters_and_member(page):
    found = page.lint(SEED_TOKEN, expect=SEED_FINDINGS)
    ms_id = next(fid for fid, name, _ in found if name == "time-in-milliseconds")
    page.d.find_element("id", ms_id).click()
    selected = page.js("return [...document.querySelectorAll('#token-view .sel')].map(n => n.textContent).join('')")
    assert selected == SEED_TOKEN.split(".")[1][228:256]
    assert page.js("return [...document.querySelectorAll('.member.sel')].map(n => n.dataset.member)") == ["exp"]
    assert page.js(f"return document.getElementById('{ms_id}').classList.contains('sel')")
    # by keyboard: focus another finding and press Enter
    from selenium.webdriver.common.keys import Keys

    std_id = next(fid for fid, name, _ in found if name == "std-base64-alphabet")
    page.js(f"document.getElementById('{std_id}').focus()")
    page.d.switch_to.active_element.send_keys(Keys.ENTER)
    assert page.js("return [...document.querySelectorAll('#token-view .sel')].map(n => n.textContent).join('')") == "/"
    assert page.js("return [...document.querySelectorAll('.member.sel')].map(n => n.dataset.member)") == ["sub"]
    focus = page.js("return getComputedStyle(document.activeElement).outlineStyle")
    assert focus != "none"  # focus is visible


def test_copy_a_fixed_value(page):
    page.lint(SEED_TOKEN, expect=SEED_FINDINGS)
    page.d.find_element("css selector", "#findings li[data-name=time-in-milliseconds] button.copy").click()
    page.wait(lambda: page.js("return document.querySelector('#findings li[data-name=time-in-milliseconds] button.copy').dataset.copied"), "the copy")
    copied = page.d.execute_async_script("const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERROR ' + e));")
    assert copied == "1603472160"


def test_verify_with_a_wrong_key_then_the_right_one(page):
    _, _, wrong = _rsa()
    page.lint(SEED_TOKEN, key=wrong, expect=SEED_FINDINGS | {"signature-invalid"})
    message = page.js("return document.querySelector('#findings li[data-name=signature-invalid] .fmsg').textContent")
    assert message
    page.lint(SEED_TOKEN, key=(SEED / "key.pub.pem").read_text(), expect=SEED_FINDINGS)
    assert "verifies with" in page.js("return document.getElementById('signature-view').textContent")
    page.lint(SEED_TOKEN, key="", expect=SEED_FINDINGS)


def test_fix_the_token_with_the_private_key(page):
    import jwt

    key, private, public = _rsa()
    found = page.lint(_apex_token(key), now=1603471980, key=private)
    assert "time-in-milliseconds" in {n for _, n, _ in found}
    page.d.find_element("id", "fix").click()
    fixed = page.wait(lambda: page.js("const p = document.querySelector('#fix-out pre.fixed-token'); return p && p.textContent"), "the fixed token")
    claims = jwt.decode(fixed, public, algorithms=["RS256"], audience="https://login.salesforce.com", options={"verify_exp": False})
    assert claims["exp"] == 1603472160
    assert "signed again" in page.js("return document.getElementById('fix-out').textContent")
    page.lint(SEED_TOKEN, key="", expect=SEED_FINDINGS)


def test_why_explains_a_message(page):
    page.lint(SEED_TOKEN, expect=SEED_FINDINGS)
    page.js("document.getElementById('whybox').open = true")
    page.set("why-message", "Signature verification failed")
    page.d.find_element("id", "why-run").click()
    text = page.wait(lambda: page.js("return document.getElementById('why-out').textContent"), "the explanation")
    assert "another key" in text or "key" in text


def test_the_key_tab_lints_escaped_newlines_and_gives_a_pem_cryptography_loads(page):
    from cryptography.hazmat.primitives import serialization
    from jwcrypto import jwk

    key, private, public = _rsa()
    page.d.find_element("id", "tab-key").click()
    assert page.js("return document.getElementById('panel-token').hidden && !document.getElementById('panel-key').hidden")
    page.set("key-input", private.strip().replace("\n", "\\n"))
    pem = page.wait(lambda: page.js("const p = document.getElementById('public-pem'); return p && p.textContent"), "the public PEM")
    assert serialization.load_pem_public_key(pem.encode()).public_numbers() == key.public_key().public_numbers()
    assert "escaped-newlines" in {n for _, n, _ in page.findings("key-findings")}
    kid = page.js("return document.querySelector('#key-public code.kid').textContent")
    assert kid == jwk.JWK.from_pem(public.encode()).thumbprint()
    assert "PRIVATE" not in page.js("return document.getElementById('key-public').textContent")
    # the repair of a private key is described, its PEM is not shown unasked
    notes = page.wait(lambda: page.js("const n = document.getElementById('key-repair-notes'); return n && n.textContent"), "the repair notes")
    assert "\\n" in notes or "escape" in notes
    assert "PRIVATE" not in page.js("return document.getElementById('key-repair').textContent")
    page.d.find_element("id", "tab-token").click()


def test_the_key_tab_shows_the_repaired_public_key_ready_to_copy(page):
    from cryptography.hazmat.primitives import serialization

    key, private, public = _rsa()
    page.d.find_element("id", "tab-key").click()
    page.set("key-input", public.strip().replace("\n", "\r\n").replace("\r\n", "\\n"))
    pem = page.wait(lambda: page.js("const p = document.getElementById('key-repair-pem'); return p && p.textContent"), "the repaired PEM")
    assert pem.startswith("-----BEGIN PUBLIC KEY-----\n") and "\\n" not in pem
    assert serialization.load_pem_public_key(pem.encode()).public_numbers() == key.public_key().public_numbers()
    page.d.find_element("id", "tab-token").click()


def test_a_lint_round_trip_from_the_page_takes_under_50_ms(page):
    times = page.d.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const session = document.querySelector('meta[name="jwtlint-session"]').content;
        const body = JSON.stringify({input: arguments[0], now: arguments[1], view: true});
        (async () => {
          const times = [];
          for (let i = 0; i < 12; i++) {
            const t0 = performance.now();
            const r = await fetch('/api/lint', {method: 'POST', body,
              headers: {'Content-Type': 'application/json', 'X-Jwtlint-Session': session}});
            const data = await r.json();
            if (data.summary.error !== 4) throw new Error('wrong answer');
            times.push(performance.now() - t0);
          }
          return times;
        })().then(done, (e) => done(String(e)));
        """,
        SEED_TOKEN, SEED_NOW,
    )  # fmt: skip
    assert isinstance(times, list), times
    times.sort()
    assert times[len(times) // 2] < 50, times


def test_dark_theme_follows_the_system(page):
    def background():
        return page.js("return getComputedStyle(document.body).backgroundColor")

    page.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    dark = background()
    page.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    assert dark != background() and dark == "rgb(13, 17, 23)"


def test_no_request_leaves_the_machine_and_the_token_stays_out_of_url_and_storage(page):
    page.lint(SEED_TOKEN, expect=SEED_FINDINGS)
    page.record_requests()
    origin = page.srv.server.origin
    assert len(page.requests) >= 5  # the log really recorded the page: its document, files and API calls
    assert any(u.endswith("/api/lint") for u in page.requests)
    for url in page.requests:
        assert url.startswith(origin + "/"), url
        assert SEED_TOKEN[:30] not in url
    href = page.js("return location.href")
    assert href == origin + "/"  # the session secret left the address bar; the token never entered it
    assert page.js("return localStorage.length + sessionStorage.length") == 0
    assert page.js("return document.cookie") == ""  # the session cookie is HttpOnly
    # no CSP violation or script error on the page
    severe = [e["message"] for e in page.d.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


def test_a_rule_code_opens_its_documentation(page):
    page.d.get(page.srv.server.origin + "/rules/time-in-milliseconds")
    assert "time-in-milliseconds" in page.d.title
    assert "milliseconds" in page.js("return document.querySelector('pre.docs').textContent")


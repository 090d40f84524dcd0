"""Make the README's screenshot of `jwtlint serve`: the seed's Apex token in the page.

    python scripts/screenshot_serve.py [OUT.png]      (default: docs/serve.png)

Needs selenium (the `test` extra) and Debian's chromium + chromium-driver (or set
JWTLINT_CHROMIUM / JWTLINT_CHROMEDRIVER). The server runs in this process on 127.0.0.1;
the browser resolves no host name, so nothing leaves the machine. The token is judged
at the time the seed's question was asked (now = 1603471980), as in the corpus case.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "salesforce-apex-seed-token" / "input.txt"
NOW = 1603471980


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "serve.png"
    chromium = os.environ.get("JWTLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = os.environ.get("JWTLINT_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("screenshot_serve: install selenium first (pip install -e '.[test]')", file=sys.stderr)
        return 2
    if not (os.path.exists(chromium) and os.path.exists(driver_path)):
        print("screenshot_serve: needs chromium and chromedriver (apt-get install chromium chromium-driver)", file=sys.stderr)
        return 2
    from jwtlint.serve.server import Server

    server = Server(0)
    server.warm().join(30)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.environ["SE_OFFLINE"] = "1"
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000",
        "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):  # fmt: skip
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts, service=Service(executable_path=driver_path))
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
        driver.get(server.url)
        driver.execute_script(
            "const set = (id, v) => { const e = document.getElementById(id); e.value = v;"
            " e.dispatchEvent(new Event('input', {bubbles: true})); };"
            "document.getElementById('whybox').open = false;"
            "set('opt-now', arguments[0]); set('input', arguments[1]);",
            str(NOW), SEED.read_text().strip(),
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while driver.execute_script("return document.querySelectorAll('#findings li[data-name]').length") < 4:
            if time.monotonic() > deadline:
                print("screenshot_serve: the page did not show the findings", file=sys.stderr)
                return 1
            time.sleep(0.05)
        # select the finding jwt.io says nothing about: exp in milliseconds
        driver.find_element("css selector", "#findings li[data-name=time-in-milliseconds]").click()
        driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
        import base64

        width, height = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
        )
        shot = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(base64.b64decode(shot["data"]))
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
    print(f"screenshot_serve: wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

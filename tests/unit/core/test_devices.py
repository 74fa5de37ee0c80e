"""The browser and system of a session in plain words, from its User-Agent."""

import pytest

from leder_web.core.devices import describe

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
EDGE_WINDOWS = CHROME_WINDOWS + " Edg/131.0.2903.70"
FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Safari/605.1.15"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SAMSUNG = (
    "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36"
)
IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko"
CHROMEBOOK = (
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
FIREFOX_IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "FxiOS/133.0 Mobile/15E148 Safari/605.1.15"
)


@pytest.mark.parametrize(
    ("user_agent", "words"),
    [
        (CHROME_WINDOWS, "Chrome on Windows"),
        (EDGE_WINDOWS, "Microsoft Edge on Windows"),
        (FIREFOX_MAC, "Firefox on a Mac"),
        (SAFARI_IPHONE, "Safari on an iPhone"),
        (SAFARI_MAC, "Safari on a Mac"),
        (CHROME_ANDROID, "Chrome on Android"),
        (SAMSUNG, "Samsung Internet on Android"),
        (IE11, "Internet Explorer on Windows"),
        (CHROMEBOOK, "Chrome on ChromeOS"),
        (FIREFOX_IPAD, "Firefox on an iPad"),
        ("Mozilla/5.0 (X11; Linux x86_64)", "A browser on Linux"),
        ("curl/8.5.0", "A browser we could not recognise"),
        ("", "A browser we could not recognise"),
        (None, "A browser we could not recognise"),
    ],
)
def test_describe(user_agent, words):
    assert describe(user_agent) == words

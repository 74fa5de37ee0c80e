"""What a browser's User-Agent says, in plain words for the list of a person's sessions:
"Chrome on Windows", "Safari on an iPhone". Only the words are kept, never the header itself.
Browsers name others they are compatible with (every Chromium browser says "Safari", Edge says
"Chrome"), so the most specific names are looked for first."""

import re

UNKNOWN = "A browser we could not recognise"

# (pattern, name), most specific first.
BROWSERS = (
    (r"\bEdg(e|A|iOS)?/", "Microsoft Edge"),
    (r"\b(OPR|Opera)/", "Opera"),
    (r"\bSamsungBrowser/", "Samsung Internet"),
    (r"\b(Firefox|FxiOS)/", "Firefox"),
    (r"\b(Chrome|CriOS|Chromium)/", "Chrome"),
    (r"\bTrident/|\bMSIE ", "Internet Explorer"),
    (r"\bVersion/[\d.]+.*\bSafari/", "Safari"),
)
SYSTEMS = (
    (r"\biPhone\b", "an iPhone"),
    (r"\biPad\b", "an iPad"),
    (r"\bAndroid\b", "Android"),
    (r"\bCrOS\b", "ChromeOS"),
    (r"\bWindows\b", "Windows"),
    (r"\bMacintosh\b|\bMac OS X\b", "a Mac"),
    (r"\bLinux\b", "Linux"),
)
LONGEST = 100


def _first(table, text: str) -> str | None:
    return next((name for pattern, name in table if re.search(pattern, text)), None)


def describe(user_agent: str | None) -> str:
    text = (user_agent or "")[:500]
    browser = _first(BROWSERS, text)
    system = _first(SYSTEMS, text)
    if browser and system:
        return f"{browser} on {system}"[:LONGEST]
    if browser:
        return browser
    if system:
        return f"A browser on {system}"
    return UNKNOWN

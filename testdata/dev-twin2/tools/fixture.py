"""Loads people and items; shared by build.py and check.py."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import people  # noqa: E402
import items_haulwise, items_learning, items_shiprun, items_wm, items_city  # noqa: E402

FEED_MODULES = [items_haulwise, items_learning, items_shiprun, items_wm, items_city]

# Counts stated in the brief / README.
STATED_COUNTS = {
    "haulwise-engineering.xml": 20,
    "learning-letter.atom": 20,
    "ship-and-run-weekly.xml": 26,
    "working-memory.atom": 8,
    "farrowgate-life.xml": 26,
}

KIND_COUNTS = {
    "literal": 18,
    "paraphrase:synonym": 12,
    "paraphrase:related": 12,
    "paraphrase:acronym": 12,
    "paraphrase:spelling": 12,
    "paraphrase:order": 12,
    "off-topic:homonym": 12,
    "off-topic": 10,
}

BASE = "https://blogs.example/dev-twin2"


def link_for(feed, it):
    return f"{BASE}/{feed['name']}/{it['slug']}"


def guid_for(feed, it):
    return f"tag:blogs.example,2026:dev-twin2/{feed['name']}/{it['slug']}"


def feeds():
    """[(feed_meta, items)] in a fixed order."""
    return [(m.FEED, m.ITEMS) for m in FEED_MODULES]

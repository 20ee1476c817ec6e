#!/usr/bin/env python3
"""Re-reads the dev-twin2 fixture from disk and checks it. Exit status 1 on any failure."""
import collections
import datetime as dt
import email.utils
import html
import os
import re
import sys
import xml.etree.ElementTree as ET

from fixture import ROOT, feeds as label_feeds, guid_for, KIND_COUNTS, STATED_COUNTS

ATOM = "{http://www.w3.org/2005/Atom}"
STOP = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
        "the", "to", "with"}
LO = dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)
HI = dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc)
PREFIX = "https://blogs.example/dev-twin2/"

errors, warnings = [], []


def err(msg):
    errors.append(msg)


# ---------------------------------------------------------------- text helpers
def norm(tok):
    tok = tok.lower()
    return tok[:-1] if len(tok) > 3 and tok.endswith("s") else tok


def tokens(text):
    return {norm(t) for t in re.findall(r"[a-z0-9]+", text.lower())}


def content_words(phrase):
    return {t for t in tokens(phrase) if t not in STOP}


def phrase_re(phrase):
    """Case-insensitive, whitespace-tolerant, optional plural -s on the last word."""
    words = phrase.split()
    parts = [re.escape(x) for x in words[:-1]]
    last = words[-1]
    if len(last) > 3 and last.lower().endswith("s"):
        parts.append(re.escape(last[:-1]) + "s?")
    else:
        parts.append(re.escape(last) + "s?")
    return re.compile(r"(?<![A-Za-z0-9])" + r"\s+".join(parts) + r"(?![A-Za-z0-9])", re.I)


def has(phrase, text):
    return bool(phrase_re(phrase).search(text))


def strip_html(s):
    return html.unescape(re.sub(r"<[^>]+>", " ", s))


# ---------------------------------------------------------------- people.vcf
def read_vcf():
    path = os.path.join(ROOT, "people.vcf")
    raw = open(path, "rb").read()
    if b"\r" in raw:
        err("people.vcf: contains CR; LF line ends required")
    cards, cur = [], None
    for ln in raw.decode("utf-8").split("\n"):
        if not ln:
            continue
        name, _, value = ln.partition(":")
        if name == "BEGIN":
            cur = collections.defaultdict(list)
        elif name == "END":
            cards.append(cur)
            cur = None
        else:
            cur[name].append(value)
    return cards


cards = read_vcf()
contacts = {}
for c in cards:
    fn = c["FN"][0]
    if c["VERSION"] != ["4.0"]:
        err(f"{fn}: VERSION not 4.0")
    if c["PRODID"] != ["-//Knowflow fixture//testdata/dev-twin2//EN"]:
        err(f"{fn}: PRODID")
    for req in ("N", "ORG", "TITLE", "TZ", "X-KNOWFLOW-CIRCLE", "X-KNOWFLOW-WORK-HOURS"):
        if len(c[req]) != 1:
            err(f"{fn}: needs exactly one {req}")
    if not re.fullmatch(r"\d\d:\d\d-\d\d:\d\d", c["X-KNOWFLOW-WORK-HOURS"][0]):
        err(f"{fn}: work hours format")
    if c["X-KNOWFLOW-CIRCLE"][0] not in ("team", "community", "network"):
        err(f"{fn}: bad circle")
    if not 2 <= len(c["X-KNOWFLOW-INTEREST"]) <= 4:
        err(f"{fn}: {len(c['X-KNOWFLOW-INTEREST'])} interests")
    contacts[fn] = dict(circle=c["X-KNOWFLOW-CIRCLE"][0], comms=c["X-KNOWFLOW-COMMUNITY"],
                        interests=c["X-KNOWFLOW-INTEREST"], feed=(c["X-KNOWFLOW-FEED"] or [None])[0])
if len(contacts) != 24 or len(cards) != 24:
    err(f"people.vcf: {len(cards)} cards, {len(contacts)} distinct FNs; want 24")
circles = collections.Counter(v["circle"] for v in contacts.values())
if circles != {"team": 8, "community": 9, "network": 7}:
    err(f"circles {dict(circles)}")

communities = collections.defaultdict(list)
for fn, v in contacts.items():
    for cm in v["comms"]:
        communities[cm].append(fn)
community_interest = {}
if len(communities) != 2:
    err(f"{len(communities)} communities; want 2")
for cm, members in communities.items():
    if not 3 <= len(members) <= 4:
        err(f"community {cm}: {len(members)} members")
    shared = set.intersection(*(set(contacts[m]["interests"]) for m in members))
    if len(shared) != 1:
        err(f"community {cm}: shared interests {shared}; want exactly one")
    else:
        community_interest[cm] = shared.pop()

bloggers = {fn: v["feed"] for fn, v in contacts.items() if v["feed"]}
if len(bloggers) != 1:
    err(f"bloggers: {bloggers}")
blog_file = {url.rsplit("/", 1)[1]: fn for fn, url in bloggers.items()}

# ---------------------------------------------------------------- feeds on disk
disk = {}  # (file, guid) -> dict(title, cats, body)
for fname, count in STATED_COUNTS.items():
    path = os.path.join(ROOT, "feeds", fname)
    try:
        root = ET.parse(path).getroot()
    except Exception as e:  # noqa: BLE001
        err(f"{fname}: does not parse: {e}")
        continue
    entries = []
    if fname.endswith(".xml"):
        if root.tag != "rss" or root.get("version") != "2.0":
            err(f"{fname}: not RSS 2.0")
        for it in root.find("channel").findall("item"):
            entries.append(dict(
                guid=it.findtext("guid"), title=it.findtext("title"), link=it.findtext("link"),
                date=email.utils.parsedate_to_datetime(it.findtext("pubDate")),
                cats=[c.text for c in it.findall("category")],
                body=it.findtext("description")))
    else:
        if root.tag != ATOM + "feed":
            err(f"{fname}: not Atom")
        for it in root.findall(ATOM + "entry"):
            content = it.find(ATOM + "content")
            if content is None or content.get("type") != "html":
                err(f"{fname}: entry without content type=html")
            entries.append(dict(
                guid=it.findtext(ATOM + "id"), title=it.findtext(ATOM + "title"),
                link=it.find(ATOM + "link").get("href"),
                date=dt.datetime.fromisoformat(it.findtext(ATOM + "updated").replace("Z", "+00:00")),
                cats=[c.get("term") for c in it.findall(ATOM + "category")],
                body=content.text if content is not None else ""))
    if len(entries) != count:
        err(f"{fname}: {len(entries)} items; stated {count}")
    for a, b in zip(entries, entries[1:]):
        if not a["date"] > b["date"]:
            err(f"{fname}: not newest first at {b['guid']}")
    feedname = fname.rsplit(".", 1)[0]
    for e in entries:
        g = e["guid"]
        if not g or (fname, g) in disk:
            err(f"{fname}: missing or duplicate guid {g}")
        if not (LO <= e["date"] < HI):
            err(f"{fname}: {g} date {e['date']} out of range")
        if not 1 <= len(e["cats"]) <= 3:
            err(f"{fname}: {g} has {len(e['cats'])} categories")
        if not e["link"].startswith(f"{PREFIX}{feedname}/"):
            err(f"{fname}: {g} link {e['link']}")
        if not e["body"].startswith("<p>") or not e["body"].endswith("</p>"):
            err(f"{fname}: {g} body is not HTML paragraphs")
        e["text"] = strip_html(e["body"])
        n = len(e["text"].split())
        if not 60 <= n <= 200:
            err(f"{fname}: {g} body has {n} words")
        e["words"] = n
        disk[(fname, g)] = e

# ---------------------------------------------------------------- expected.tsv
raw = open(os.path.join(ROOT, "expected.tsv"), "rb").read()
if b"\r" in raw:
    err("expected.tsv: CR line ends")
lines = raw.decode("utf-8").rstrip("\n").split("\n")
if lines[0] != "# file\tguid\tkind\texpected\ttitle\tbridge":
    err("expected.tsv: bad header")
rows = {}
for ln in lines[1:]:
    f = ln.split("\t")
    if len(f) != 6:
        err(f"expected.tsv: {len(f)} fields in {ln[:60]}")
        continue
    file, guid, kind, expected, title, bridge = f
    if (file, guid) in rows:
        err(f"expected.tsv: duplicate {guid}")
    rows[(file, guid)] = dict(kind=kind, expected=[] if expected == "-" else expected.split(";"),
                              title=title, bridge=bridge)
    if (file, guid) not in disk:
        err(f"expected.tsv: {file} {guid} not in feeds")
    elif disk[(file, guid)]["title"] != title:
        err(f"expected.tsv: title mismatch for {guid}")
    if not bridge.strip():
        err(f"expected.tsv: empty bridge for {guid}")
if set(rows) != set(disk) or len(rows) != 100:
    err(f"expected.tsv: {len(rows)} rows vs {len(disk)} items")

kinds = collections.Counter(r["kind"] for r in rows.values())
for k, n in KIND_COUNTS.items():
    if kinds[k] != n:
        err(f"kind {k}: {kinds[k]}, want {n}")
for k in kinds:
    if k not in KIND_COUNTS:
        err(f"unknown kind {k}")

individual = collections.Counter()
community_items = collections.Counter()
for (file, guid), r in rows.items():
    exp = r["expected"]
    if len(set(exp)) != len(exp):
        err(f"{guid}: duplicate recipient")
    for x in exp:
        if x.startswith("community:"):
            cm = x[len("community:"):]
            if cm not in communities:
                err(f"{guid}: unknown community {cm}")
            else:
                community_items[cm] += 1
                if set(exp) & set(communities[cm]):
                    err(f"{guid}: community {cm} listed with its members")
        elif x not in contacts:
            err(f"{guid}: unknown contact {x}")
        else:
            individual[x] += 1
        if blog_file.get(file) == x:
            err(f"{guid}: blogger {x} expected for own blog")
    if r["kind"].startswith("off-topic") and exp:
        err(f"{guid}: {r['kind']} item expects {exp}")
    if not r["kind"].startswith("off-topic") and not exp:
        err(f"{guid}: {r['kind']} item expects nobody")
for fn in contacts:
    if individual[fn] < 2:
        err(f"{fn} expected individually only {individual[fn]} times")
for cm in communities:
    if community_items[cm] != 3:
        err(f"community {cm}: {community_items[cm]} items, want 3")

# ---------------------------------------------------------------- label checks on disk text
acr_dirs = collections.Counter()
defined = 0
for feed, items in label_feeds():
    for it in items:
        key = (feed["file"], guid_for(feed, it))
        if key not in disk or key not in rows:
            err(f"label {it['slug']} not found on disk")
            continue
        d, r = disk[key], rows[key]
        g = it["slug"]
        if r["kind"] != it["kind"] or r["expected"] != it["expected"]:
            err(f"{g}: tsv row differs from label source")
        kind = it["kind"]
        text = " ".join([d["title"]] + d["cats"] + [d["text"]])
        toks = tokens(text)
        interest = it.get("interest")
        if kind == "off-topic":
            continue
        if kind == "off-topic:homonym":
            owner = it["owner"]
            if interest not in contacts[owner]["interests"]:
                err(f"{g}: homonym interest {interest!r} not on {owner}'s card")
            if not has(it["plays_on"], text):
                err(f"{g}: homonym does not contain {it['plays_on']!r}")
            if not content_words(it["plays_on"]) <= content_words(interest):
                err(f"{g}: plays_on {it['plays_on']!r} is not a word of {interest!r}")
            continue
        first = it["expected"][0]
        if first.startswith("community:"):
            if community_interest.get(first[len("community:"):]) != interest:
                err(f"{g}: {interest!r} is not the shared interest of {first}")
        elif interest not in contacts[first]["interests"]:
            err(f"{g}: {interest!r} not on {first}'s card")
        if kind == "literal":
            if not has(interest, text):
                err(f"{g}: literal item lacks {interest!r}")
        elif kind in ("paraphrase:synonym", "paraphrase:related"):
            bad = content_words(interest) & toks
            if bad:
                err(f"{g}: {kind} item contains interest words {sorted(bad)}")
        elif kind == "paraphrase:spelling":
            if not has(it["variant"], text):
                err(f"{g}: spelling item lacks variant {it['variant']!r}")
            if has(interest, text):
                err(f"{g}: spelling item contains card spelling {interest!r}")
            if it["variant"].lower() == interest.lower():
                err(f"{g}: variant equals card spelling")
        elif kind == "paraphrase:order":
            missing = tokens(interest) - toks
            if missing:
                err(f"{g}: order item lacks words {sorted(missing)}")
            if has(interest, text):
                err(f"{g}: order item contains the phrase {interest!r}")
        elif kind == "paraphrase:acronym":
            target = it["target"]
            card_is_acronym = not re.fullmatch(r"[A-Z]{2,}s?", target)
            acr_dirs["acronym->expansion" if card_is_acronym else "expansion->acronym"] += 1
            if not has(target, text):
                err(f"{g}: acronym item lacks target {target!r}")
            expansion, acr = (target, interest) if card_is_acronym else (interest, target)
            acr_core = acr[:-1] if acr.endswith("s") and acr[:-1].isupper() else acr
            defn = re.compile(phrase_re(expansion).pattern + r"\s*\(\s*" + re.escape(acr_core) + r"s?\s*\)", re.I)
            if it.get("defined"):
                defined += 1
                if not defn.search(text):
                    err(f"{g}: acronym item marked defined lacks '{expansion} ({acr})'")
            else:
                if has(interest, text):
                    err(f"{g}: undefined acronym item contains card form {interest!r}")
                if defn.search(text):
                    err(f"{g}: acronym defined but not marked")

if acr_dirs != {"acronym->expansion": 6, "expansion->acronym": 6}:
    err(f"acronym directions {dict(acr_dirs)}")
if defined != 3:
    err(f"{defined} acronym items define the acronym; want 3")

# ---------------------------------------------------------------- warnings: stray literal interests
owners = collections.defaultdict(set)
for fn, v in contacts.items():
    for i in v["interests"]:
        owners[i].add(fn)
for feed, items in label_feeds():
    for it in items:
        key = (feed["file"], guid_for(feed, it))
        if key not in disk:
            continue
        d = disk[key]
        text = " ".join([d["title"]] + d["cats"] + [d["text"]])
        exp = set(it["expected"])
        for cm in list(exp):
            if cm.startswith("community:"):
                exp |= set(communities.get(cm[len("community:"):], []))
        for interest, fns in owners.items():
            if fns & exp:
                continue
            if it["kind"] == "off-topic:homonym" and interest == it["interest"]:
                continue
            if has(interest, text):
                warnings.append(f"{it['slug']}: mentions {interest!r} of {sorted(fns)}")

# ---------------------------------------------------------------- report
two = sum(1 for r in rows.values() if len(r["expected"]) == 2)
words = [d["words"] for d in disk.values()]
print(f"contacts {len(contacts)} {dict(circles)}; communities "
      f"{ {k: len(v) for k, v in communities.items()} }")
print(f"items {len(disk)}; rows {len(rows)}; two-recipient items {two}; body words "
      f"{min(words) if words else 0}-{max(words) if words else 0}")
print("kinds:", ", ".join(f"{k} {kinds[k]}" for k in KIND_COUNTS))
print("individual counts:", ", ".join(f"{k} {v}" for k, v in sorted(individual.items())))
for w in warnings:
    print("WARNING", w)
for e in errors:
    print("FAIL", e)
print("FAILED" if errors else "OK: all checks pass")
sys.exit(1 if errors else 0)

#!/usr/bin/env python3
"""Writes the dev-twin2 fixture: people.vcf, feeds/*, expected.tsv, README.md.

Run from anywhere: python3 tools/build.py
"""
import collections
import datetime as dt
import email.utils
import html
import os
import xml.etree.ElementTree as ET

from fixture import ROOT, people, feeds, link_for, guid_for, KIND_COUNTS, STATED_COUNTS

ATOM_NS = "http://www.w3.org/2005/Atom"


# ---------------------------------------------------------------- people.vcf
def write_vcf():
    lines = []
    for (fn, last, first, org, title, tz, circle, comms, interests, hours, feed) in people.CONTACTS:
        card = [
            "BEGIN:VCARD",
            "VERSION:4.0",
            f"PRODID:{people.PRODID}",
            f"FN:{fn}",
            f"N:{last};{first};;;",
            f"ORG:{org}",
            f"TITLE:{title}",
            f"TZ:{tz}",
            f"X-KNOWFLOW-CIRCLE:{circle}",
        ]
        card += [f"X-KNOWFLOW-COMMUNITY:{c}" for c in comms]
        card += [f"X-KNOWFLOW-INTEREST:{i}" for i in interests]
        card.append(f"X-KNOWFLOW-WORK-HOURS:{hours}")
        if feed:
            card.append(f"X-KNOWFLOW-FEED:{feed}")
        card.append("END:VCARD")
        for ln in card:
            name, _, value = ln.partition(":")
            if name not in ("N", "PRODID"):
                assert "," not in value and ";" not in value and "\\" not in value, ln
            assert len(ln.encode("utf-8")) <= 75, ln
        lines += card
    with open(os.path.join(ROOT, "people.vcf"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------- feeds
def item_dates(feed_index, n):
    """Newest first, strictly descending, all within 2026-11-20..26 UTC."""
    base = dt.datetime(2026, 11, 26, 18, 0, tzinfo=dt.timezone.utc) - dt.timedelta(minutes=17 * feed_index)
    step = ((6 * 24 * 60 - 60) // n) // 5 * 5
    out = []
    for i in range(n):
        jitter = (i * 7) % 23
        out.append(base - dt.timedelta(minutes=i * step + jitter))
    return out


def body_html(paras):
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras)


def write_rss(feed, items, dates, path):
    rss = ET.Element("rss", version="2.0")
    ch = ET.SubElement(rss, "channel")
    ET.SubElement(ch, "title").text = feed["title"]
    ET.SubElement(ch, "link").text = f"https://blogs.example/dev-twin2/{feed['name']}/"
    ET.SubElement(ch, "description").text = feed["description"]
    ET.SubElement(ch, "language").text = "en-gb"
    ET.SubElement(ch, "lastBuildDate").text = email.utils.format_datetime(dates[0], usegmt=True)
    for it, d in zip(items, dates):
        e = ET.SubElement(ch, "item")
        ET.SubElement(e, "title").text = it["title"]
        ET.SubElement(e, "link").text = link_for(feed, it)
        ET.SubElement(e, "guid", isPermaLink="false").text = guid_for(feed, it)
        ET.SubElement(e, "pubDate").text = email.utils.format_datetime(d, usegmt=True)
        for c in it["cats"]:
            ET.SubElement(e, "category").text = c
        ET.SubElement(e, "description").text = body_html(it["paras"])
    tree = ET.ElementTree(rss)
    ET.indent(tree, space="  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n")


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_atom(feed, items, dates, path):
    ET.register_namespace("", ATOM_NS)
    A = lambda t: f"{{{ATOM_NS}}}{t}"  # noqa: E731
    root = ET.Element(A("feed"))
    ET.SubElement(root, A("title")).text = feed["title"]
    ET.SubElement(root, A("subtitle")).text = feed["description"]
    ET.SubElement(root, A("id")).text = f"tag:blogs.example,2026:dev-twin2/{feed['name']}"
    ET.SubElement(root, A("link"), rel="alternate", href=f"https://blogs.example/dev-twin2/{feed['name']}/")
    ET.SubElement(root, A("link"), rel="self", href=f"https://feeds.example/dev-twin2/{feed['file']}")
    ET.SubElement(root, A("updated")).text = iso(dates[0])
    au = ET.SubElement(root, A("author"))
    ET.SubElement(au, A("name")).text = feed["author"]
    for it, d in zip(items, dates):
        e = ET.SubElement(root, A("entry"))
        ET.SubElement(e, A("id")).text = guid_for(feed, it)
        ET.SubElement(e, A("title")).text = it["title"]
        ET.SubElement(e, A("link"), rel="alternate", href=link_for(feed, it))
        ET.SubElement(e, A("updated")).text = iso(d)
        for c in it["cats"]:
            ET.SubElement(e, A("category"), term=c)
        ET.SubElement(e, A("content"), type="html").text = body_html(it["paras"])
    tree = ET.ElementTree(root)
    ET.indent(tree, space="  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n")


def write_feeds():
    os.makedirs(os.path.join(ROOT, "feeds"), exist_ok=True)
    for fi, (feed, items) in enumerate(feeds()):
        assert len(items) == STATED_COUNTS[feed["file"]], feed["file"]
        dates = item_dates(fi, len(items))
        path = os.path.join(ROOT, "feeds", feed["file"])
        (write_rss if feed["format"] == "rss" else write_atom)(feed, items, dates, path)


# ---------------------------------------------------------------- expected.tsv
def write_tsv():
    rows = ["# file\tguid\tkind\texpected\ttitle\tbridge"]
    for feed, items in feeds():
        for it in items:
            exp = ";".join(it["expected"]) if it["expected"] else "-"
            fields = [feed["file"], guid_for(feed, it), it["kind"], exp, it["title"], it["bridge"]]
            for x in fields:
                assert "\t" not in x and "\n" not in x, x
            rows.append("\t".join(fields))
    with open(os.path.join(ROOT, "expected.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")


# ---------------------------------------------------------------- README.md
def write_readme():
    u = people.USER
    out = []
    w = out.append
    w("# dev-twin2: a software company's learning network\n")
    w("A labelled fixture for Knowflow's recipient suggestions. For each item in five feeds it "
      "says which of the user's contacts (or communities) a thoughtful person would pass the "
      "item to, and how the item relates to that recipient's interests. Most items are "
      "paraphrases, so the fixture measures whether suggestions follow meaning, not only "
      "shared words. Everything in it (people, organisations, the city, the feeds) is invented.\n")
    w("## The user\n")
    w(f"{u['name']} is a {u['title']} at {u['org']}, a mid-sized (about 280 people) software "
      f"company in the invented city of {u['city']} that sells route planning and fleet "
      "telematics to hauliers, couriers and depots. The office is at Tanner's Yard. "
      "Morgan reads widely and passes things on: to colleagues, to a community of practice of "
      "learning, knowledge and documentation people, and to a loose network met at conferences "
      "and around the city.\n")
    w("## The network (24 contacts, `people.vcf`)\n")
    w("| Name | Circle | Title, organisation | Communities | Interests |")
    w("|---|---|---|---|---|")
    for (fn, last, first, org, title, tz, circle, comms, interests, hours, feed) in people.CONTACTS:
        note = " (writes the *Working Memory* blog)" if feed else ""
        w(f"| {fn} | {circle} | {title}, {org}{note} | {', '.join(comms) or '-'} | "
          f"{'; '.join(interests)} |")
    w("")
    circ = collections.Counter(c[6] for c in people.CONTACTS)
    w(f"Circles: team {circ['team']}, community {circ['community']}, network {circ['network']}. "
      "Interests are written the way people write them on a profile; among them are "
      "acronyms (SLOs, MLOps, OKRs, DEI, LMS, RFCs, WIP limits) and expansions whose usual "
      "acronym items may use (continuous integration, human-computer interaction, developer "
      "experience, product-led growth, freedom of information, knowledge management), "
      "products that are also everyday words (Ruby, Spark, Airflow, Dart, Flutter, Crystal, "
      "Julia, Terraform), British spellings (colour theory, localisation, organisational "
      "design, behaviour change, data catalogues, data centre migrations), spellings that "
      "others hyphenate, split or close up differently (e-mail newsletters, human-computer "
      "interaction, fell running, microlearning, static site generators, style guides) and "
      "hobbies (bouldering, sourdough baking, fell running).\n")
    w("## Communities\n")
    w("| Community | Shared interest (identical on every member's card) | Members |")
    w("|---|---|---|")
    for name, interest in people.COMMUNITIES.items():
        members = [c[0] for c in people.CONTACTS if name in c[7]]
        w(f"| {name} | {interest} | {', '.join(members)} |")
    w("")
    w("Each community is expected on exactly 3 items (as `community:NAME`); those items do not "
      "also list the members.\n")
    w("## Feeds (`feeds/`)\n")
    w("| File | Format | Items | What it is |")
    w("|---|---|---|---|")
    for feed, items in feeds():
        extra = " Written by Harriet Quaye, who is never expected for her own items." if feed.get("owner") else ""
        w(f"| {feed['file']} | {'RSS 2.0' if feed['format'] == 'rss' else 'Atom'} | {len(items)} | "
          f"*{feed['title']}*: {feed['description']}{extra} |")
    w("")
    w("Items are dated between 2026-11-20 and 2026-11-26 (UTC), newest first in each feed. "
      "Each has a unique guid (RSS) or id (Atom) of the form "
      "`tag:blogs.example,2026:dev-twin2/<feed>/<slug>`, a link under "
      "`https://blogs.example/dev-twin2/<feed>/<slug>`, 1 to 3 categories and a body of 60 to 200 "
      "words as escaped HTML paragraphs. The city magazine carries most of the homonyms and "
      "off-topic items, plus a few local stories that some contacts genuinely want.\n")
    w("## Labels (`expected.tsv`)\n")
    w("Tab-separated; header `# file\\tguid\\tkind\\texpected\\ttitle\\tbridge`; one row per item. "
      "`expected` is contact FNs and/or `community:NAME` separated by `;`, or `-` for nobody. "
      "`bridge` says which interest of which recipient the item serves and how.\n")
    kinds = collections.Counter(it["kind"] for _, items in feeds() for it in items)
    meaning = {
        "literal": "the item uses the recipient's interest phrase itself",
        "paraphrase:synonym": "synonyms or near-synonyms of the interest, none of its words",
        "paraphrase:related": "describes the thing without naming it or a synonym",
        "paraphrase:acronym": "acronym and expansion, both directions (6 + 6); 3 define the acronym",
        "paraphrase:spelling": "only spelling differs: -ise/-ize, -our/-or, -ogue/-og, -re/-er, hyphenation or spacing",
        "paraphrase:order": "the interest's words in another order or split up",
        "off-topic:homonym": "an interest's word or phrase in another sense; for nobody",
        "off-topic": "for nobody",
    }
    w("| kind | count | meaning |")
    w("|---|---|---|")
    for k in KIND_COUNTS:
        w(f"| {k} | {kinds[k]} | {meaning[k]} |")
    w(f"| total | {sum(kinds.values())} | |")
    w("")
    two = [(feed, it) for feed, items in feeds() for it in items if len(it["expected"]) == 2]
    w(f"{len(two)} items have two recipients; the second is chosen on meaning and explained in "
      "the bridge column:\n")
    for feed, it in two:
        w(f"- {feed['file']}: \"{it['title']}\" → {' and '.join(it['expected'])}")
    w("")
    w("Every contact is expected individually on at least two items.\n")
    w("## Checks (`tools/check.py`)\n")
    w("`python3 tools/check.py` re-reads the files on disk and checks:\n")
    for line in [
        "people.vcf: 24 vCard 4.0 entries (8 team, 9 community, 7 network), 2 to 4 interests each, "
        "each community's shared interest written identically on all of its 3 to 4 members' cards, "
        "one blogger with X-KNOWFLOW-FEED;",
        "every feed parses as XML, has the stated number of items, newest first, dates in range, "
        "unique guids/ids, links under the fixture prefix, 1 to 3 categories and 60 to 200 words of body;",
        "expected.tsv has the exact header and one row per item, matched by guid/id and title; "
        "kind counts as in the table; every FN and community exists in people.vcf; the blogger is "
        "never expected for their own blog; communities get 3 items each and are not listed "
        "together with their members; every contact is expected individually at least twice;",
        "using the label metadata in tools/items_*.py, on the text as read back from the feeds "
        "(title, categories, body): the labelled interest is on the first recipient's card (or is "
        "the community's shared interest); synonym and related items contain no word of the "
        "interest they paraphrase (case-insensitive, ignoring a plural -s, and ignoring the "
        "function words a, an, and, as, at, by, for, from, in, into, of, on, or, the, to, with, "
        "which no paraphrase of 'learning in the flow of work' or 'docs as code' can avoid); "
        "literal items contain the phrase; spelling items contain the variant and not the card's "
        "spelling; order items contain all the interest's words but not the phrase; acronym items "
        "contain their target form and, unless they define the acronym as 'expansion (ACR)', not "
        "the card's form, with 6 items in each direction and 3 defining; homonym items contain the "
        "word they play on and expect nobody;",
        "it also warns (without failing) when an item contains, literally, an interest phrase of "
        "someone who is not expected for it, other than the homonym's own play.",
    ]:
        w(f"- {line}")
    w("")
    w("## Files\n")
    w("- `people.vcf`, `feeds/*.xml`, `feeds/*.atom`, `expected.tsv`, `README.md`: written by "
      "`tools/build.py`.")
    w("- `tools/people.py`: the contacts; `tools/items_*.py`: one file per feed, items with their "
      "labels; `tools/itemlib.py`, `tools/fixture.py`: helpers; `tools/check.py`: the checks.\n")
    w("## Provenance\n")
    w("Written on 2026-12-07 by a helper session, from the brief only, before the engine was run "
      "on it, without reading the app's code or any other fixture. Recipients were chosen by "
      "reading each item as a person would, one at a time.")
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    write_vcf()
    write_feeds()
    write_tsv()
    write_readme()
    print("wrote", ROOT)

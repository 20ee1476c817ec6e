"""Small helper shared by the item files."""
import textwrap


def item(slug, title, cats, kind, expected, bridge, body, **meta):
    """One labelled item.

    body: paragraphs separated by blank lines (plain text, no HTML).
    meta (used by check.py):
      interest  - the recipient's interest (or community interest) the item targets,
                  or, for homonyms, the interest whose word is played on
      owner     - for homonyms: whose interest is played on (FN)
      target    - acronym kind: the form the item uses
      defined   - acronym kind: True if the item defines the acronym "expansion (ACR)"
      variant   - spelling kind: the spelling used in the item
      plays_on  - homonym kind: the word or phrase used in another sense
      used      - synonym / related: the wording the item uses instead (for notes)
    """
    paras = [" ".join(p.split()) for p in textwrap.dedent(body).strip().split("\n\n")]
    return dict(slug=slug, title=title, cats=list(cats), kind=kind,
                expected=list(expected), bridge=bridge, paras=paras, **meta)

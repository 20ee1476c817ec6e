"""Feed 3: Ship & Run Weekly, a software and operations newsletter (RSS 2.0). Newest first."""
from itemlib import item

FEED = dict(
    name="ship-and-run-weekly",
    file="ship-and-run-weekly.xml",
    format="rss",
    title="Ship & Run Weekly",
    description="The week's best writing on building, shipping and running software.",
    author="Ship & Run Weekly",
)

ITEMS = [
item("incident-management-without-heroes",
     "Incident management without heroes",
     ["Reliability", "Incidents"],
     "literal", ["Tomasz Wójcik", "Grace Mbeki"],
     "Tomasz Wójcik 'incident management' named literally; second: Grace Mbeki "
     "'psychological safety' by meaning (blameless reviews, people thanked for "
     "admitting mistakes, raising concerns early)",
     """
     This week's essay from a staff engineer at a large marketplace argues that
     most incident management programmes accidentally reward heroics. The person
     who stays up until four fixing the database gets thanked at the all-hands;
     the person who spotted the risk in a design review three months earlier does
     not.

     The author's team changed three things. Incident roles rotate, so no one
     person is the default commander. Reviews are blameless in practice, not just
     in name: the write-up describes what made a decision seem reasonable at the
     time, and anyone who admits a mistake in a review is thanked for it
     publicly. And near-misses are reviewed with the same care as outages.

     The result, they say, is more people raising concerns early and fewer nights
     where everything depends on one tired expert. Worth reading alongside any
     incident management tooling decision.
     """,
     interest="incident management"),

item("getting-ci-under-ten-minutes",
     "Getting CI under ten minutes on a large monorepo",
     ["CI", "Build tooling"],
     "paraphrase:acronym", ["Sam Okafor"],
     "Sam Okafor 'continuous integration' as the acronym 'CI', defined once as "
     "'continuous integration (CI)'",
     """
     A good case study this week from a team with a two-million-line monorepo
     whose continuous integration (CI) runs had crept up to fifty minutes.
     Developers were batching changes to avoid the wait, which made each run more
     likely to fail.

     They got it under ten minutes with no single clever trick. A remote build
     cache meant unchanged packages were never rebuilt. Test selection based on
     the dependency graph ran only the tests a change could affect, with a full
     run every night as a safety net. Flaky tests were quarantined automatically
     after three inconsistent results and assigned to their owners. And the
     slowest step, building container images, moved to a shared pool of warm
     builders.

     The write-up includes the dashboards they used to find where CI time was
     actually going, which is the part most teams skip.
     """,
     interest="continuous integration", target="CI", defined=True),

item("the-two-language-problem-revisited",
     "The two-language problem, revisited",
     ["Languages", "Scientific computing"],
     "paraphrase:related", ["Tariq Hussain"],
     "Tariq Hussain 'Julia' described by its ecosystem: MIT language that ends the "
     "two-language problem, multiple dispatch, LLVM JIT, CliMA",
     """
     Scientists have long prototyped in a slow dynamic language and then rewritten
     the hot loops in C or Fortran. A decade ago a group at MIT released a language
     designed to end that split: dynamic and interactive like Python, but compiled
     just in time through LLVM to run at C-like speed.

     This week's long read looks at how that bet has played out. Multiple
     dispatch, where a function is chosen by the types of all its arguments,
     turned out to make scientific packages compose unusually well; the
     differential equations ecosystem and the CliMA climate model are the flagship
     examples. The old complaint about time-to-first-plot has largely gone since
     version 1.9 began caching native code.

     The language still has a small share outside research labs, and hiring is
     hard. But for numerical work where both speed and readability matter, the
     author argues it deserves a serious look.
     """,
     interest="Julia", used="MIT language for the two-language problem, multiple dispatch"),

item("treating-localization-as-part-of-the-build",
     "Treating localization as part of the build",
     ["Internationalization", "Product"],
     "paraphrase:spelling", ["Elena Ruiz"],
     "Elena Ruiz 'localisation' in US spelling 'localization'",
     """
     A product team at a Berlin travel start-up describes how they cut the time to
     ship a feature in twelve languages from three weeks to two days. The trick
     was to stop treating localization as a phase that happens after a release.

     Strings are extracted automatically on every merge and pushed to the
     translation platform, where translators see a screenshot of each string in
     context. Pseudo-localization runs in the test suite, expanding every string
     by forty per cent and adding accented characters, so truncated buttons and
     hard-coded text fail the build. Plural and gender rules use ICU message
     format rather than string concatenation.

     The most useful section is about right-to-left layouts: they recommend
     building with logical properties, start and end, from day one, because
     retrofitting Arabic support cost them more than the rest of the project
     combined.
     """,
     interest="localisation", variant="localization"),

item("docs-as-code-five-years-in",
     "Docs as code, five years in",
     ["Documentation", "Developer tools"],
     "literal", ["community:Docs Guild"],
     "Docs Guild shared interest 'docs as code' named literally",
     """
     A documentation lead at a cloud database company looks back on five years of
     docs as code. Their docs live in the same repository as the product, written
     in Markdown, reviewed in pull requests and published by the same pipeline that
     ships releases.

     The wins are the expected ones: writers and engineers review each other's
     changes, docs ship on the day a feature does, and broken links fail the
     build. The surprises were social. Engineers started fixing typos unprompted,
     but also began rewriting explanations in their own terse register, so the
     team introduced a prose linter with house rules and a required writer
     approval for conceptual pages.

     The post ends with an honest list of what docs as code does not solve:
     deciding what to write, and keeping old pages true.
     """,
     interest="docs as code"),

item("monetisation-lessons-from-usage-based-billing",
     "Monetisation lessons from a year of usage-based billing",
     ["SaaS", "Business"],
     "paraphrase:synonym", ["Chloe Bennett"],
     "Chloe Bennett 'pricing strategy' as near-synonym 'monetisation' (value "
     "metric, rates, discounts)",
     """
     An API company that moved from per-seat plans to charging by usage shares
     twelve months of results. Revenue from small customers fell at first; revenue
     from large ones rose faster than they had modelled, because bills finally grew
     with the value customers got.

     The harder lessons were about predictability. Finance teams at customer
     companies hated bills they could not forecast, so the company added
     committed-use discounts and spend alerts. Sales needed new compensation
     plans, since a deal's size was no longer known at signing. And the billing
     system, previously a monthly invoice job, became a real-time metering
     platform with its own on-call rota.

     Their advice on monetisation: pick a value metric customers already
     understand, publish the rates openly, and give people a calculator before you
     give them a contract.
     """,
     interest="pricing strategy", used="monetisation"),

item("what-the-four-key-metrics-from-dora-can-and-cannot-tell-you",
     "What the four key metrics from DORA can and cannot tell you",
     ["Delivery", "Measurement"],
     "paraphrase:order", ["Marcus Webb", "Sam Okafor"],
     "Marcus Webb 'DORA metrics' reordered as 'metrics from DORA'; second: Sam "
     "Okafor 'continuous integration' by meaning (an automated build and test run "
     "on every merge drives lead time)",
     """
     The four key metrics from DORA, deployment frequency, lead time for changes,
     change failure rate and time to restore, are now on dashboards everywhere.
     This week's essay is a useful corrective from someone who helped introduce
     them at a large bank.

     Her main point: the metrics describe the health of a delivery pipeline, not
     the productivity of people. Lead time improves when every merge triggers an
     automated build and test run and small changes reach production quickly; it
     does not improve because a team is told to hit a target. Used as targets,
     they are gamed within a quarter, usually by splitting deployments into
     meaningless pieces.

     She recommends reviewing them as a team, monthly, next to the research from
     DORA about which practices drive them, and never comparing one team's
     numbers with another's.
     """,
     interest="DORA metrics"),

item("three-data-center-migrations-one-set-of-lessons",
     "Three data center migrations, one set of lessons",
     ["Infrastructure", "Operations"],
     "paraphrase:spelling", ["Tomasz Wójcik"],
     "Tomasz Wójcik 'data centre migrations' in US spelling 'data center migrations'",
     """
     An infrastructure lead who has now run three data center migrations, two into
     the cloud and one back out, has written the checklist she wishes she had had
     the first time.

     Inventory first, and assume it is wrong: every migration found servers nobody
     owned and cron jobs nobody remembered. Move by dependency group, not by team,
     so chatty applications land together and latency surprises stay small.
     Rehearse the cutover for each group at least twice, including the rollback.
     And plan for running both sites in parallel for longer than anyone wants; in
     her experience, decommissioning the old racks takes a third of the total
     effort.

     The appendix on network egress costs is worth the read on its own,
     particularly for anyone considering a move back to colocation.
     """,
     interest="data centre migrations", variant="data center migrations"),

item("and-finally-could-we-ever-terraform-mars",
     "And finally: could we ever terraform Mars?",
     ["And finally"],
     "off-topic:homonym", [],
     "plays on Sam Okafor 'Terraform' (terraforming a planet); for nobody",
     """
     For the end of the issue, something entirely unrelated to your pager. A new
     paper in Nature Astronomy asks whether we could ever terraform Mars, and the
     answer is a firm "not in any way the films suggest".

     The problem is the atmosphere. Even if every scrap of carbon dioxide locked
     in the Martian polar caps and soil were released, the authors calculate,
     surface pressure would reach only a few per cent of Earth's, far too thin to
     keep liquid water stable or to let anyone walk outside without a pressure
     suit.

     They suggest a more modest idea instead: sheets of silica aerogel laid over
     the ground could warm small patches enough for liquid water, creating local
     greenhouses rather than a new planet. Less cinematic, but rather lovely.
     """,
     interest="Terraform", owner="Sam Okafor", plays_on="terraform"),

item("a-compiled-language-that-reads-like-a-scripting-one",
     "A compiled language that reads like a scripting one",
     ["Languages"],
     "paraphrase:related", ["Jonas Becker"],
     "Jonas Becker 'Crystal' described by its ecosystem: LLVM-compiled language "
     "with global type inference, shards, fibers, the Kemal framework",
     """
     Our language corner this week features a small, statically typed language
     that compiles to native code through LLVM but reads like a scripting
     language. Types are inferred almost everywhere, nil is checked at compile
     time, and a method written once works for any argument types that support
     what it calls.

     The article, from a team running a web application on the Kemal framework, is
     candid about trade-offs. Compile times grow with the whole program because of
     global type inference. Windows support arrived late. The package ecosystem,
     whose libraries are called shards, is small, so they wrote their own Postgres
     connection pooling. On the other hand, fibers and channels made their
     concurrent workers straightforward, and memory use dropped by two thirds
     compared with the interpreted application they replaced.

     If you enjoy expressive syntax but want a single binary at the end, it is
     worth an afternoon.
     """,
     interest="Crystal", used="LLVM-compiled language with shards, fibers, Kemal"),

item("api-documentation-that-answers-the-questions-people-ask",
     "API documentation that answers the questions people actually ask",
     ["Documentation", "APIs"],
     "literal", ["Nadia Petrov"],
     "Nadia Petrov 'API documentation' named literally",
     """
     A technical writer at a payments company analysed eighteen months of support
     tickets to see which questions their API documentation failed to answer. The
     results are a useful checklist for anyone writing reference material.

     The most common gap was not missing endpoints but missing context: which call
     to make first, what happens when a webhook arrives twice, how long an
     idempotency key lasts. The second was errors. Every error code was listed, but
     without a cause or a fix. The third was examples in only one language, when
     half the tickets came from teams using another.

     The team now writes a short guide for each common task before touching the
     reference, and every error entry follows the same pattern: what it means, why
     it happens, what to do next. Support tickets about the API fell by a quarter.
     """,
     interest="API documentation"),

item("dx-is-a-product-not-a-slogan",
     "DX is a product, not a slogan",
     ["DX", "Platforms"],
     "paraphrase:acronym", ["Kwame Asante"],
     "Kwame Asante 'developer experience' as the acronym 'DX' (not defined)",
     """
     Every developer tools company now claims great DX. This week's essay from a
     developer relations lead proposes a blunt test: how long does it take a
     competent stranger to go from landing on your homepage to a working call in
     their own environment, with no help?

     Her team measures that time monthly by recruiting developers who have never
     used the product and watching them silently. The first run took fifty-three
     minutes, most of it spent hunting for an API key and fighting a quickstart
     that assumed an outdated runtime. After a quarter of fixes, a sign-up that
     issues a key immediately, a quickstart tested automatically every night, and
     error messages that link to the fix, the median is under eight minutes.

     Good DX, she argues, is owned by someone with a roadmap and a metric, not a
     line in the marketing copy.
     """,
     interest="developer experience", target="DX", defined=False),

item("you-build-it-you-run-it-ten-years-on",
     "You build it, you run it: ten years on",
     ["Operations", "Team practice"],
     "paraphrase:related", ["Sofia Lindgren"],
     "Sofia Lindgren 'DevOps culture' described: developers carrying the pager, "
     "the wall between development and operations, shared on-call, trust",
     """
     Ten years ago, the idea that the people who write software should also carry
     the pager for it was radical in most companies. Developers threw releases over
     a wall; operations caught them, usually at night.

     A long look back by an operations veteran asks what actually changed. Shared
     on-call and shared dashboards broke down the wall in most places he worked.
     Blameless reviews spread further than anyone expected. But in many
     organisations the old wall simply moved: a platform team now absorbs the
     operational pain that product developers were meant to share, and the two
     groups still talk mostly through tickets.

     His suggestion is to measure collaboration directly: how often do developers
     and operators pair on production problems, and who gets woken up? The trust
     between those groups, he argues, is the thing the movement was always about,
     not the tooling sold under its name.
     """,
     interest="DevOps culture", used="you build it you run it, shared on-call, trust between dev and ops"),

item("writing-styleguides-that-people-follow",
     "Writing styleguides that people follow",
     ["Documentation", "Writing"],
     "paraphrase:spelling", ["Nadia Petrov"],
     "Nadia Petrov 'style guides' closed up as 'styleguides'",
     """
     Most documentation teams have a styleguide; fewer have one that contributors
     actually follow. A writer at an open-source foundation describes how her
     project rewrote its styleguide after realising nobody read past the first
     screen.

     The new version leads with ten rules that cover most real review comments:
     second person, present tense, sentence-case headings, one idea per paragraph,
     and so on. Each rule has a bad and a good example taken from the project's own
     pages. Everything else moved to an appendix. Crucially, the ten rules are
     enforced by a prose linter in pull requests, so contributors learn them from
     feedback rather than from reading.

     She also recommends borrowing from the big public styleguides, from Google and
     Microsoft among others, rather than debating comma rules from scratch.
     """,
     interest="style guides", variant="styleguides"),

item("code-and-docs-in-one-pull-request",
     "Code and docs in one pull request",
     ["Documentation", "Workflow"],
     "paraphrase:order", ["community:Docs Guild"],
     "Docs Guild 'docs as code' split up: code and docs reviewed together, docs "
     "treated as part of the change",
     """
     A platform lead at a Dutch insurer describes a small rule with big effects: a
     pull request that changes behaviour must update the docs in the same pull
     request, or it does not merge.

     The rule is enforced by a bot that looks for changes to public interfaces and
     asks for a matching change under the docs folder, with an escape-hatch label
     for purely internal work. Reviewers read the code and the docs together, which
     catches a surprising number of design problems: if the explanation is
     awkward, the interface often is too.

     Treating docs as part of the change, rather than as a ticket for later, cut
     the backlog of documentation bugs by half in six months. Writers now spend
     their time on tutorials instead of chasing engineers.
     """,
     interest="docs as code"),

item("service-level-objectives-your-customers-would-notice",
     "Service level objectives your customers would notice",
     ["Reliability"],
     "paraphrase:acronym", ["Tomasz Wójcik"],
     "Tomasz Wójcik 'SLOs' written out as 'service level objectives' (not defined)",
     """
     It is easy to write service level objectives that look rigorous and measure
     nothing a customer cares about: ninety-nine point nine per cent of health
     checks succeed, CPU below seventy per cent. This week's guide from a
     reliability engineer at a food delivery company starts from the other end.

     List the journeys users would complain about: placing an order, seeing the
     courier's location, getting a refund. For each, define what good looks like
     from the user's side, such as the order confirmation page loading within two
     seconds, and measure it as close to the user as possible. Then set the target
     slightly below what you already achieve, and spend the error budget
     deliberately on releases and experiments.

     The post includes worked examples of burn-rate alerts, which page only when
     the budget is being consumed fast enough to matter.
     """,
     interest="SLOs", target="service level objectives", defined=False),

item("team-topologies-in-a-scale-up",
     "Team Topologies in a scale-up: what we got wrong",
     ["Organisation", "Team practice"],
     "literal", ["Rafael Duarte"],
     "Rafael Duarte 'team topologies' named literally",
     """
     A VP of engineering at a fintech scale-up writes frankly about adopting Team
     Topologies across forty teams. They renamed every team as stream-aligned,
     platform, enabling or complicated-subsystem within a month, and very little
     changed.

     What eventually worked was focusing on interaction modes rather than team
     types. Each pair of teams that depended on each other agreed whether they
     were collaborating for a fixed period, offering something as a service, or
     facilitating. Those agreements were written down and reviewed each quarter.
     The platform group started measuring itself by how rarely other teams needed
     to talk to it.

     Her advice: treat the team topologies vocabulary as a way to have better
     conversations about boundaries, not as a reorganisation template.
     """,
     interest="team topologies"),

item("color-theory-for-dashboards",
     "Color theory for dashboards",
     ["Design", "Data visualization"],
     "paraphrase:spelling", ["Leo Marchetti"],
     "Leo Marchetti 'colour theory' in US spelling 'color theory'",
     """
     A designer at an observability vendor has written the best short guide to
     color theory for dashboards we have read. Its central argument: most
     dashboard palettes are chosen for brand consistency and then asked to carry
     meaning they were never meant for.

     Use hue for categories and lightness for quantities, never the other way
     round. Keep saturated colors for the few things that need attention, and let
     everything else sit in calm grays. Check every palette under simulated
     deuteranopia and protanopia, and never rely on red versus green alone for
     good and bad. Sequential scales should increase evenly in perceived
     lightness, which is why perceptually uniform color spaces like OKLCH are
     worth learning.

     The guide ends with a set of palettes you can copy, tested for contrast in
     both light and dark modes.
     """,
     interest="colour theory", variant="color theory"),

item("reader-photos-your-office-plants",
     "Reader photos: your office plants",
     ["Readers"],
     "off-topic", [],
     "readers' office plant photos; for nobody",
     """
     Last month we asked readers to send photos of the plants that share their
     desks. Two hundred and twelve of you did, and the editorial team has spent an
     unreasonable amount of time looking at them.

     Highlights include a monstera in Lisbon that has grown across an entire window
     and now has its own name badge, a cactus in Toronto wearing a tiny knitted
     hat, and a spider plant in Glasgow whose offspring have been adopted by nine
     colleagues. Several of you confessed that your plant is plastic. We respect
     the honesty.

     The full gallery is on our website. Next month's theme, by popular demand, is
     mugs.
     """),

item("stop-starting-start-finishing",
     "Stop starting, start finishing",
     ["Agile", "Kanban"],
     "paraphrase:related", ["Rafael Duarte"],
     "Rafael Duarte 'WIP limits' described: capping the cards allowed in each "
     "board column, Little's Law, items in flight",
     """
     The oldest slogan in Kanban is still the most ignored. This week's piece from
     an agile coach explains, with Little's Law and a couple of charts, why capping
     the number of cards allowed in each column of a board shortens delivery times
     even though it feels as if it should slow teams down.

     Average cycle time equals the average number of items in flight divided by
     throughput. If throughput stays the same and you halve the cards in flight,
     items finish in half the time. In practice throughput often rises too,
     because people switch context less and blocked items become visible instead of
     buried.

     The author's practical tip is to set the cap for each column a little below
     its current count, agree as a team what to do when a column is full, usually
     swarming on whatever is blocking it, and review the numbers every fortnight.
     """,
     interest="WIP limits", used="capping cards per column, items in flight"),

item("why-sample-apps-rot",
     "Why sample apps rot, and how to stop it",
     ["Developer relations", "Documentation"],
     "literal", ["Kwame Asante"],
     "Kwame Asante 'sample apps' named literally",
     """
     Sample apps are often the first code a developer copies from your platform,
     and frequently the most out of date. A developer relations team at a
     messaging company audited their forty sample apps and found that eleven no
     longer built at all.

     Their fixes are practical. Every sample app now lives in its own repository
     with a nightly build against the latest SDK and a smoke test against the
     sandbox. Each has a named owner and a last-verified date shown in the README.
     Samples that nobody has cloned in six months are archived rather than
     maintained. New samples must solve a real use case, such as sending an
     appointment reminder, rather than demonstrating every feature at once.

     The result is fewer samples, all of which work, and a noticeable drop in
     support questions that start with "I copied your example".
     """,
     interest="sample apps"),

item("when-plg-meets-enterprise-sales",
     "When PLG meets enterprise sales",
     ["SaaS", "Growth"],
     "paraphrase:acronym", ["Chloe Bennett"],
     "Chloe Bennett 'product-led growth' as the acronym 'PLG' (not defined)",
     """
     A PLG company eventually discovers that its biggest customers did not sign up
     through the free tier; they arrived through a procurement department with a
     security questionnaire. This week's essay from a former head of growth at a
     collaboration tool is about what happens next.

     Her advice is to keep self-serve as the front door but add a sales-assist
     motion that starts from product signals: when five people at one company are
     active in the same workspace, someone should offer help, not a demo. Free and
     paid tiers should differ by features large organisations need, such as single
     sign-on and audit logs, rather than by caps that frustrate small teams.

     Above all, she says, do not let the sales team reintroduce a mandatory call
     before people can try the product. That is the end of PLG, whatever the board
     deck says.
     """,
     interest="product-led growth", target="PLG", defined=False),

item("static-site-generators-for-documentation-compared",
     "Static-site generators for documentation, compared",
     ["Documentation", "Tooling"],
     "paraphrase:spelling", ["Jonas Becker"],
     "Jonas Becker 'static site generators' hyphenated as 'static-site generators'",
     """
     A documentation engineer has benchmarked five static-site generators for a
     3,000-page documentation site: Hugo, Docusaurus, Astro Starlight, MkDocs
     Material and Sphinx. The comparison is refreshingly specific.

     Hugo built the full site in nine seconds; Docusaurus took over four minutes.
     But build time mattered less than expected, because incremental previews
     were fast for all five. The differences that mattered were versioning, where
     Docusaurus and Sphinx were strongest, search quality, where Starlight's
     built-in search was best out of the box, and how easily writers without
     JavaScript experience could change a template.

     The author's choice was MkDocs Material, largely because its Markdown
     extensions covered tabs, admonitions and annotated examples without custom
     components. The spreadsheet of results is linked at the end.
     """,
     interest="static site generators", variant="static-site generators"),

item("the-experience-of-a-developer-on-day-one",
     "The experience of a developer on day one with your API",
     ["APIs", "Platforms"],
     "paraphrase:order", ["Kwame Asante"],
     "Kwame Asante 'developer experience' reordered as 'the experience of a developer'",
     """
     What is the experience of a developer who finds your API at eleven at night
     with a deadline in the morning? This week's essay asks platform teams to walk
     that path themselves, with a fresh account and no inside knowledge.

     The author did it for ten public APIs and kept a diary. The best ones shared
     habits: an API key visible immediately after sign-up, a first request that
     could be pasted into a terminal, error messages that said what to change, and
     a changelog with dates. The worst hid the sandbox behind a sales form and
     returned a generic 400 for every mistake.

     None of these fixes is expensive. The hard part is that nobody inside the
     company meets the product as a stranger, so someone has to do it on purpose,
     every quarter.
     """,
     interest="developer experience"),

item("documentation-that-lives-in-the-repository",
     "Documentation that lives in the repository",
     ["Documentation", "Git"],
     "paraphrase:related", ["community:Docs Guild"],
     "Docs Guild 'docs as code' described: documentation in the product's Git "
     "repository, Markdown, pull requests, built on every merge",
     """
     A writer at a mapping company explains why her team moved their
     documentation out of a wiki and into the same Git repository as the software
     it describes. Pages are plain Markdown files. Changes go through pull
     requests, with the same review rules as any other change. An automated build
     turns them into a website on every merge, and broken links or missing images
     fail that build.

     The move was not free. Some subject experts found Git intimidating, so the
     team added an edit button that opens a browser-based editor and creates the
     pull request for them. Reviews by writers became a required step, which
     slowed some merges at first.

     In exchange, the documentation is versioned with each release, reviewed by
     the people who built the feature, and never more than a merge behind. The
     wiki has been read-only since March.
     """,
     interest="docs as code", used="documentation in the Git repository, pull requests, built on merge"),

item("writing-documentation-for-an-api-you-did-not-design",
     "Writing documentation for an API you did not design",
     ["Documentation", "Technical writing"],
     "paraphrase:order", ["Nadia Petrov"],
     "Nadia Petrov 'API documentation' reordered as 'documentation for an API'",
     """
     Technical writers rarely get to shape the interface they explain. This
     week's practical piece covers writing documentation for an API that already
     exists, with awkward names and inconsistent behaviour baked in.

     Start by using it: build something small end to end and note every point of
     confusion, because those notes become your troubleshooting section. Describe
     the API as it is, not as it should be, but file every inconsistency as a bug
     with the owning team; some will be fixed before you publish. Where names
     mislead, say so plainly in the reference, such as noting that a field called
     "date" actually holds a timestamp in UTC.

     Finally, get a seat at the design review for the next version. Documentation
     written early is cheaper than documentation written around mistakes.
     """,
     interest="API documentation"),
]

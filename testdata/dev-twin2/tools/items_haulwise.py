"""Feed 1: the Haulwise engineering blog (RSS 2.0). Newest first."""
from itemlib import item

FEED = dict(
    name="haulwise-engineering",
    file="haulwise-engineering.xml",
    format="rss",
    title="Haulwise Engineering",
    description="How the people who build Haulwise route planning and fleet "
                "telematics work: engineering, data, design and product.",
    author="Haulwise Engineering",
)

ITEMS = [
item("splitting-our-terraform-monolith",
     "Splitting our Terraform monolith into thirty small stacks",
     ["Infrastructure", "Platform"],
     "literal", ["Sam Okafor"],
     "Sam Okafor 'Terraform' named literally",
     """
     For four years every piece of Haulwise infrastructure lived in one Terraform
     root module. A plan took eleven minutes, a typo in a DNS record could block a
     database change, and the state lock became the most contested resource in the
     company.

     Over the autumn the platform group split it into thirty stacks, one per
     bounded area: networking, each product's data stores, observability, the
     telematics ingest cluster. We moved resources with import blocks and moved
     blocks rather than state surgery, one stack a week, and kept a spreadsheet of
     every address that changed.

     Plans now take under a minute and squads own their stacks outright. The cost
     is more wiring: outputs from the network stack are read through remote state,
     and we had to agree naming rules before anyone could start. The full
     migration order, with the mistakes, is in the platform handbook.
     """,
     interest="Terraform"),

item("darts-night-at-the-packhorse",
     "Darts night at the Packhorse: engineering keep the trophy",
     ["Life at Haulwise"],
     "off-topic:homonym", [],
     "plays on Ben Hartley 'Dart' (the pub game of darts); for nobody",
     """
     Thirty-two of us squeezed into the back room of the Packhorse on Thursday for
     the winter darts night, the fourth since we started the tradition. Finance
     arrived in matching shirts and with a worrying amount of practice; sales
     brought a cheering section and a cowbell.

     The final came down to a single dart. Needing double sixteen, our mobile lead
     missed twice, then hit it with the last throw of the night while the whole
     room held its breath. Engineering keep the trophy, a repainted hubcap, for
     another season.

     Thanks to the Packhorse for the room and the chips, and to everyone who
     chalked the scores without a single argument. The summer rounders match is
     already booked.
     """,
     interest="Dart", owner="Ben Hartley", plays_on="dart"),

item("never-overwrite-a-delivery",
     "Never overwrite a delivery: job status as an append-only log",
     ["Backend", "Architecture"],
     "paraphrase:related", ["Priya Raman"],
     "Priya Raman 'event sourcing' described: immutable facts in an append-only "
     "log, state as a replayed projection",
     """
     Until this year a delivery job in our dispatch system was a single row that
     we updated in place: assigned, en route, arrived, signed for. When a customer
     disputed a timestamp, we had nothing to show them but the latest value and
     some log lines.

     The new design never updates that row. Every change is recorded as an
     immutable fact in an append-only log, DriverAssigned, StopArrived, PodSigned,
     with the time it happened and who reported it. The current status is a
     projection computed by replaying those facts, and we can rebuild any
     projection from scratch, or ask what the job looked like at 14:02 last
     Tuesday.

     It has costs. Schema changes to old facts need upcasters, replays must be
     idempotent, and reporting queries now read from projections that lag by a
     second or two. But disputes that took a day now take a minute, and the audit
     trail is the data model itself.
     """,
     interest="event sourcing", used="append-only log of immutable facts, replayed projections"),

item("forty-conversations-with-dispatchers",
     "What forty conversations with dispatchers taught us",
     ["Product", "Research"],
     "paraphrase:synonym", ["Aisha Karim"],
     "Aisha Karim 'customer interviews' as near-synonym 'conversations with "
     "dispatchers' / 'user research' sessions",
     """
     Between August and October our product group sat down with forty transport
     planners and dispatchers, from two-van florists to a haulier running three
     hundred trailers. Each session lasted forty-five minutes and was recorded
     with permission, with one person asking and one taking notes.

     We asked about the last bad morning rather than about features. What went
     wrong, who phoned whom, which spreadsheet came out. Story by story, the same
     pain kept surfacing: the plan is fine at six and useless by nine, because one
     driver is off sick and a depot has changed its loading slots.

     Three habits made the user research worth it. We wrote a short discussion
     guide but let people wander. We never showed a prototype in the first half.
     And we debriefed within the hour, while the quotes were fresh. The synthesis
     wall is in the Tanner's Yard kitchen if you want to add a sticky note.
     """,
     interest="customer interviews", used="conversations with dispatchers, user research"),

item("our-design-system-two-years-on",
     "Our design system, two years on",
     ["Design", "Frontend"],
     "literal", ["Leo Marchetti"],
     "Leo Marchetti 'design systems' named literally",
     """
     Two years ago every Haulwise screen had its own idea of what a button looked
     like. Today the planner, the driver app and the customer portal draw from one
     design system: tokens for spacing and type, forty components, and a reference
     site that designers and developers both actually use.

     What worked: treating the system as a product with its own roadmap and a
     weekly drop-in, and refusing to add a component until three squads needed it.
     What did not: our first attempt at theming, which exposed every internal
     variable and made upgrades painful.

     Next year we want to publish usage analytics, so we can see which components
     are copied and modified rather than used as intended. If you have opinions on
     design systems and how to measure adoption, the drop-in is on Wednesdays at
     two.
     """,
     interest="design systems"),

item("machine-learning-operations-for-arrival-time-models",
     "Machine learning operations for our arrival-time models",
     ["Data", "Machine Learning"],
     "paraphrase:acronym", ["Hannah Osei"],
     "Hannah Osei 'MLOps' written out as 'machine learning operations' (not defined)",
     """
     Our arrival-time predictions are retrained every night on the previous eight
     weeks of telematics. For a long time that meant a notebook, a cron job and a
     hopeful message in the data channel. This post describes the machine learning
     operations setup that replaced it.

     Every training run now records its data snapshot, features, code version and
     metrics in a model registry. A new model is promoted only if it beats the
     current one on a held-back week and on a set of awkward routes we curate by
     hand, such as the Pennine crossings in snow. Once live, we watch feature drift
     and the error per region, and roll back with one command.

     None of this is exotic. The hard part was agreeing who owns a model after it
     ships: the data team, or the squad whose screen shows the estimate. The
     answer, for now, is both, with a named on-call rota.
     """,
     interest="MLOps", target="machine learning operations", defined=False),

item("thinking-in-systems-late-deliveries",
     "Thinking in systems: why more drivers did not mean fewer late deliveries",
     ["Operations Research", "Analysis"],
     "paraphrase:order", ["Viktor Lindqvist"],
     "Viktor Lindqvist 'systems thinking' reordered as 'thinking in systems' "
     "(stocks, flows, loops)",
     """
     Last winter one of our largest customers added twelve drivers to fix late
     deliveries. Lateness went up. We spent a month with their planners working
     out why, and the answer was a loop nobody had drawn.

     More drivers meant more routes leaving the depot at the same time. The loading
     bay became the bottleneck, vans left later, and planners padded the next
     day's schedules, which pushed the first drops past customers' opening hours.
     Each fix made sense locally and made the whole worse.

     Thinking in systems, in the Donella Meadows sense, means drawing those
     stocks, flows and delays before reaching for a lever. We now sketch a causal
     loop diagram with customers before proposing any change to their fleet, and
     our planner shows loading bay queues alongside route timings. Sometimes the
     cheapest lever is a second loading shift, not another van.
     """,
     interest="systems thinking"),

item("smaller-diffs-faster-code-review",
     "Smaller diffs, faster code review",
     ["Engineering Practice"],
     "literal", ["Priya Raman"],
     "Priya Raman 'code review' named literally",
     """
     In June the median pull request at Haulwise waited twenty-two hours for its
     first comment. We changed three things, and by November the wait was under
     three hours.

     First, a soft size cap: changes over four hundred lines get a friendly bot
     message asking whether they can be split. Second, code review became part of
     the day rather than an interruption: every squad agreed two short review
     windows, after stand-up and after lunch. Third, we wrote down what reviewers
     should look for, in order: correctness, then clarity, then tests, and
     formatting last, because the formatter handles most of it.

     Review quality did not drop; the number of reverted changes fell slightly.
     The most common feedback from authors was that small changes are easier to
     reason about before anyone else reads them.
     """,
     interest="code review"),

item("moving-floors-at-tanners-yard",
     "We're moving floors at Tanner's Yard",
     ["Life at Haulwise"],
     "off-topic", [],
     "office move notice; for nobody",
     """
     From Monday 7 December the Farrowgate office moves from the ground floor of
     Tanner's Yard to the third, which the landlord has finally finished
     refitting. The new floor has more daylight, two proper meeting rooms with
     doors, and a kitchen big enough for the Friday breakfast.

     Please pack your desk into the crates by Friday afternoon and label them with
     your name and new desk number, which you will find on the floor plan pinned by
     the lifts. The movers arrive at six on Saturday morning. Plants travel
     separately, so put them on the window sills in the east corridor.

     Bike storage stays where it is, and the lift to the third floor now works,
     mostly.
     """),

item("fuel-efficiency-batch-off-a-single-machine",
     "Moving the fuel-efficiency batch off a single machine",
     ["Data", "Batch Processing"],
     "paraphrase:related", ["Hannah Osei"],
     "Hannah Osei 'Spark' described by its ecosystem: Apache cluster engine from "
     "Berkeley's AMPLab, RDDs, DataFrames, executors",
     """
     Our fuel-efficiency report joins every engine reading from the fleet with
     route plans and weather. On one large machine running pandas it took six
     hours and fell over whenever a customer added trucks.

     We rewrote it for the Apache cluster engine that grew out of Berkeley's
     AMPLab, the one with resilient distributed datasets under the hood and
     DataFrames on top. The job now runs on a dozen executors and finishes in
     forty minutes. Most of the effort was unglamorous: choosing partition keys so
     one huge customer did not land on a single executor, broadcasting the small
     weather table instead of shuffling it, and caching only what we reuse.

     We looked at the managed notebook platform from the engine's original
     authors, but for one nightly job a plain cluster on our own Kubernetes was
     cheaper and easier to reason about.
     """,
     interest="Spark", used="Apache cluster engine from AMPLab, RDDs, DataFrames"),

item("accessibility-audit-of-the-driver-app",
     "What an accessibility audit of the driver app found",
     ["Mobile", "Accessibility"],
     "literal", ["Ben Hartley", "Leo Marchetti"],
     "Ben Hartley 'accessibility' named literally; second: Leo Marchetti "
     "'colour theory' by meaning (palette reworked by hue, lightness and contrast "
     "for colour-blind drivers)",
     """
     In October an external auditor spent two weeks with the Haulwise driver app,
     testing with VoiceOver, TalkBack, switch access and large text settings, and
     with three drivers who use them every day. The accessibility report ran to
     sixty findings.

     Some were quick: unlabelled icon buttons, a signature pad that trapped screen
     reader focus, touch targets smaller than a gloved thumb. The biggest finding
     was about colour. Our amber and green status chips looked distinct to the
     people who chose them but sat too close in hue and lightness for drivers with
     red-green colour blindness, and the amber text failed contrast against white.

     We reworked the palette so status differs in lightness as well as hue, added
     icons so colour is never the only signal, and re-tested with the same
     drivers. Thirty-eight findings are fixed; the rest are planned for January.
     """,
     interest="accessibility"),

item("outage-response-the-first-fifteen-minutes",
     "Outage response at Haulwise: the first fifteen minutes",
     ["Reliability", "On-call"],
     "paraphrase:synonym", ["Tomasz Wójcik"],
     "Tomasz Wójcik 'incident management' as near-synonym 'outage response'",
     """
     When the planner goes down at half past five in the morning, a few hundred
     dispatchers cannot send anyone anywhere. So we have rehearsed, timed and
     rewritten what happens in the first fifteen minutes of an outage.

     The on-call engineer declares it in the outage channel within five minutes,
     even if unsure; declaring costs nothing. A second person takes the commander
     role and does not touch a keyboard. A third writes customer updates every
     twenty minutes, in plain language, with the time of the next update.
     Mitigation beats diagnosis: roll back first, understand later.

     After every outage we hold a blameless review within three working days and
     publish what we learned to the whole company. Our median time to mitigate
     has fallen from forty-one to nineteen minutes this year.
     """,
     interest="incident management", used="outage response"),

item("discovery-first-product-trios",
     "Discovery first: how our product trios choose what to build",
     ["Product"],
     "paraphrase:order", ["Aisha Karim"],
     "Aisha Karim 'product discovery' split up: 'discovery' ... 'product trios'",
     """
     Each squad at Haulwise has a trio: a product manager, a designer and a lead
     engineer. Since spring the trio spends part of every week on discovery, so
     that by the time a feature reaches the board we already know who it is for
     and what would prove it wrong.

     The routine is simple. Each trio keeps an opportunity tree for its outcome,
     runs at least one small test a week, a fake door, a paper prototype on a
     depot tablet, a concierge version run by hand, and writes down the
     assumption it was testing before looking at the results.

     The product backlog got shorter as a result. Two large features were dropped
     after a week of testing showed nobody would change their morning routine to
     use them, which saved most of a quarter.
     """,
     interest="product discovery"),

item("choosing-a-data-catalog",
     "Choosing a data catalog for four hundred tables",
     ["Data", "Tooling"],
     "paraphrase:spelling", ["Hannah Osei"],
     "Hannah Osei 'data catalogues' in US spelling 'data catalogs'",
     """
     Our warehouse has grown to about four hundred tables, and the question we hear
     most in the data channel is not how to query something but whether it can be
     trusted. So this autumn we compared three open-source data catalogs:
     DataHub, OpenMetadata and Amundsen.

     We cared about four things: lineage pulled automatically from dbt, ownership
     that people would keep up to date, search that non-engineers could use, and
     an API so our own tools could read it. All three data catalogs handled
     lineage; they differed most on how painful they were to run.

     We chose OpenMetadata, mainly for its glossary and the tests that sit next to
     each table. The first milestone is modest: every table used by a
     customer-facing report gets a named owner and a one-line description by the
     end of January.
     """,
     interest="data catalogues", variant="data catalogs"),

item("requests-for-comments-how-we-write-them",
     "Requests for comments: how we write them now",
     ["Engineering Practice", "Architecture"],
     "paraphrase:acronym", ["Sam Okafor"],
     "Sam Okafor 'RFCs' written out as 'requests for comments' (not defined)",
     """
     Any change that touches more than one squad, or that would be expensive to
     undo, starts at Haulwise as a written proposal circulated for a week. We call
     them requests for comments, after the old internet tradition, and we have
     written around ninety since 2023.

     The template used to be eleven sections long. Most authors filled in four.
     The new one has five: the problem, the proposal, alternatives considered,
     what we would need to believe for this to be wrong, and a rollout plan.
     Requests for comments now have a named decider and a closing date, so
     discussion ends with a decision rather than fading away.

     We also publish a short monthly digest of open proposals. Reading them has
     become one of the better ways for new starters to learn how the whole
     platform fits together.
     """,
     interest="RFCs", target="requests for comments", defined=False),

item("one-widget-tree-three-platforms",
     "One widget tree, three platforms: rebuilding the yard-check app",
     ["Mobile"],
     "paraphrase:related", ["Ben Hartley"],
     "Ben Hartley 'Flutter' described by its ecosystem: Google's cross-platform "
     "widget toolkit, hot reload, Impeller, pub.dev",
     """
     The yard-check app, which depot staff use to inspect trailers before they
     leave, existed as separate iOS and Android codebases and a web version nobody
     loved. This year we rebuilt it once, with Google's cross-platform UI toolkit,
     where everything on screen is a widget and the framework paints every pixel
     itself instead of using native controls.

     Hot reload changed how we work with depot staff: we can adjust a form during
     a site visit and show them the result in seconds. The new Impeller renderer
     fixed the shader jank we saw on older Android handsets. Packages from pub.dev
     covered the camera, barcodes and offline storage, though we forked one to
     fix background sync.

     One codebase now serves all three platforms, with about a fifth of the code
     the three apps had between them.
     """,
     interest="Flutter", used="Google's cross-platform widget toolkit, hot reload, Impeller"),

item("route-optimisation-orchestrated-in-airflow",
     "Nightly route optimisation, now orchestrated in Airflow",
     ["Data", "Pipelines"],
     "literal", ["Hannah Osei"],
     "Hannah Osei 'Airflow' named literally (the orchestrator)",
     """
     Every night at one o'clock Haulwise re-optimises the next day's routes for
     about nine hundred fleets. Until September that was a chain of cron jobs on
     two servers, and when one step failed silently, planners found out at six in
     the morning.

     The chain is now a set of Airflow DAGs, one per region, with explicit
     dependencies between loading the orders, fetching traffic forecasts, solving
     and publishing. Failed tasks retry with backoff, and anything still failing at
     three o'clock pages the on-call data engineer rather than waiting for
     customers to notice.

     We use dynamic task mapping to fan out one solve per fleet, and pools to keep
     the solver cluster from being swamped. The Airflow UI has also become a
     shared view for support staff, who can see at a glance whether tonight's run
     for a given customer has finished.
     """,
     interest="Airflow"),

item("inclusive-design-in-the-planner",
     "Inclusive design in the planner: screen readers, keyboards and dyslexia",
     ["Frontend", "Design"],
     "paraphrase:synonym", ["Ben Hartley"],
     "Ben Hartley 'accessibility' as near-synonym 'inclusive design' "
     "(screen readers, keyboard navigation, magnification)",
     """
     The route planner is a dense web application: a map, a timeline and a table
     of stops, all updating live. For a long time it only worked properly with a
     mouse and good eyesight. This quarter a small group set out to make it usable
     for planners who rely on screen readers, keyboard navigation or
     magnification.

     Every action on the timeline now has a keyboard shortcut and a visible focus
     ring. Live updates are announced politely through ARIA regions instead of
     stealing focus. The stop table can be read row by row by a screen reader, and
     the map has a text alternative listing the route in order. We also tested
     with two planners who have dyslexia and changed our line lengths and spacing
     as a result.

     Inclusive design turned out to help everyone: keyboard shortcuts are now the
     most requested feature in the planner.
     """,
     interest="accessibility", used="inclusive design"),

item("winter-coat-and-food-bank-drive",
     "Winter coat and food bank drive",
     ["Life at Haulwise", "Charity"],
     "off-topic", [],
     "office charity collection; for nobody",
     """
     Every December Haulwise collects for the Farrowgate Food Bank and the St
     Anne's winter shelter, and this year we are adding coats. There are labelled
     crates by the lifts on the ground floor until 18 December.

     The food bank has asked for tinned fish and meat, long-life milk, tea bags,
     nappies in sizes five and six, and toiletries. Please check dates; they
     cannot use anything past its best-before date. The shelter needs warm coats,
     hats, gloves and new socks, in adult sizes especially.

     The company will match cash donations made through the link on the intranet,
     up to ten thousand pounds. If you would like to volunteer for a shift at the
     food bank warehouse, ask the front desk team, who are putting together a rota
     for the week before Christmas.
     """),

item("product-discovery-depot-tablet-experiment",
     "Product discovery notes: the depot tablet experiment",
     ["Product", "Experiments"],
     "literal", ["Aisha Karim"],
     "Aisha Karim 'product discovery' named literally",
     """
     These notes come from six weeks of product discovery on a question our sales
     team hears constantly: would depot managers use a wall-mounted tablet to see
     which vans are late, instead of phoning the planners?

     We did not build anything for the first three weeks. We taped a printed
     mock-up beside the loading bay door at two friendly depots and watched who
     looked at it. Then we ran a hand-updated version, with a planner changing the
     screen every fifteen minutes, to see whether phone calls dropped.

     They did, by about a third, but only at the depot where the screen faced the
     drivers' waiting area. Product discovery does not end with a yes; it ends
     with a sharper question. Ours is now about placement, and about who the
     screen is really for.
     """,
     interest="product discovery"),
]

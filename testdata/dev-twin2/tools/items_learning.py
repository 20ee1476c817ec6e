"""Feed 2: The Learning Letter, a learning-and-development newsletter (Atom). Newest first."""
from itemlib import item

FEED = dict(
    name="learning-letter",
    file="learning-letter.atom",
    format="atom",
    title="The Learning Letter",
    description="A weekly letter for people who help others get better at their jobs.",
    author="Rosa Pennington",
)

ITEMS = [
item("learning-in-the-flow-of-work-is-a-design-problem",
     "Learning in the flow of work is a design problem, not a platform purchase",
     ["Workplace learning", "Strategy"],
     "literal", ["community:Flow Learning Circle"],
     "Flow Learning Circle shared interest 'learning in the flow of work' named literally",
     """
     Vendors have discovered the phrase learning in the flow of work, and every
     content library now promises to deliver it through a browser plug-in or a
     chat bot. It is worth going back to what Josh Bersin meant when he
     popularised the term in 2018: people learn best when help arrives inside the
     task, at the moment they are stuck, in the tools they already have open.

     That is a design problem before it is a purchasing decision. Which tasks do
     people get stuck on? Where are they when it happens? What is the smallest
     piece of help that unblocks them? A sales team may need a two-line prompt in
     the CRM; a warehouse may need a laminated card by the scanner.

     Start with three stuck moments, observed rather than assumed, and design for
     those before buying anything.
     """,
     interest="learning in the flow of work"),

item("diversity-equity-and-inclusion-training-that-changes-what-managers-do",
     "Diversity, equity and inclusion training that changes what managers do",
     ["Inclusion", "Manager development"],
     "paraphrase:acronym", ["Grace Mbeki"],
     "Grace Mbeki 'DEI' written out as 'diversity, equity and inclusion' (not defined)",
     """
     Most diversity, equity and inclusion training is measured by attendance and a
     satisfaction score. Neither tells you whether a single hiring panel,
     promotion meeting or performance review went differently afterwards.

     The programmes with evidence behind them look less like workshops and more
     like changes to routines. Structured hiring conversations with agreed
     questions and scoring before discussion. Promotion criteria written down and
     applied to every candidate, with someone in the room whose job is to ask how
     each decision was reached. Managers reviewing the distribution of their own
     ratings by gender and ethnicity, privately, before calibration.

     Training still has a place, but as preparation for those moments rather than
     a substitute for them. If your diversity, equity and inclusion money is
     mostly spent on one-off sessions, consider moving some of it to the people
     who own the hiring and promotion process.
     """,
     interest="DEI", target="diversity, equity and inclusion", defined=False),

item("micro-learning-without-the-confetti",
     "Micro-learning without the confetti",
     ["Learning design"],
     "paraphrase:spelling", ["Ines Carvalho"],
     "Ines Carvalho 'microlearning' hyphenated as 'micro-learning'",
     """
     Micro-learning has a branding problem. Mention it and people picture a
     two-minute animated video, a quiz with confetti at the end, and a leaderboard
     that three people check. Those things are not wrong, but they are not the
     point.

     Good micro-learning is small because the need is small. A new claims handler
     needs to know which field triggers a fraud check; a store manager needs the
     three questions to ask in a return-to-work meeting. Each of those is a few
     sentences and an example, reachable from the place where the question arises.

     A useful test before you build one: could someone use this piece tomorrow
     without having seen any of the others? If not, you have a course chopped into
     slices, not a set of micro-learning pieces, and learners will notice the
     difference.
     """,
     interest="microlearning", variant="micro-learning"),

item("competency-models-that-people-actually-open",
     "Competency models that people actually open",
     ["Capability", "Career development"],
     "paraphrase:synonym", ["Oliver Grant"],
     "Oliver Grant 'skills frameworks' as synonyms 'competency models' / "
     "'capability matrix'",
     """
     Most organisations have a competency model somewhere: a spreadsheet of
     capabilities, each with four proficiency levels described in careful,
     interchangeable adjectives. Most employees have never opened it.

     The ones that get used share a few traits. They are short, twenty
     capabilities rather than ninety. Each level is described by observable work,
     such as "writes a test plan another tester can run without asking
     questions", not by adjectives like "advanced". They are connected to
     something people care about, usually promotion conversations and internal
     job adverts. And they are owned by practitioners, with L&D as editor rather
     than author.

     If you are about to commission a new capability matrix, start by asking ten
     people when they last looked at the current one, and why.
     """,
     interest="skills frameworks", used="competency models, capability matrix"),

item("beating-the-forgetting-curve",
     "Beating the forgetting curve with widening intervals",
     ["Learning science", "Memory"],
     "paraphrase:related", ["Harriet Quaye", "Ines Carvalho"],
     "Harriet Quaye 'spaced repetition' described: Ebbinghaus forgetting curve, "
     "reviews at widening intervals, Leitner boxes, Anki; second: Ines Carvalho "
     "'microlearning' by meaning (five short recall prompts over a month)",
     """
     In 1885 Hermann Ebbinghaus memorised lists of nonsense syllables and measured
     how quickly he forgot them. His forgetting curve has been replicated many
     times since, and so has the remedy he found: review the material again just
     as it is starting to fade, then wait longer before the next review.

     In practice that means a schedule of widening intervals, a day, three days, a
     week, three weeks, with each review being an attempt to recall rather than a
     reread. Leitner boxes do it with index cards; Anki and similar apps do it with
     an algorithm that adjusts the gap for each card.

     Corporate programmes rarely use this, because courses are built as single
     sessions. A product-knowledge course followed by five short recall prompts
     over a month will usually beat the same course with a longer final quiz.
     """,
     interest="spaced repetition", used="forgetting curve, widening intervals, Leitner boxes, Anki"),

item("organizational-design-for-learning-teams",
     "Organizational design for learning teams: borrowing from software",
     ["Organizational design", "Operating model"],
     "paraphrase:spelling", ["Viktor Lindqvist", "Rafael Duarte"],
     "Viktor Lindqvist 'organisational design' in US spelling 'organizational "
     "design'; second: Rafael Duarte 'team topologies' by meaning (stream-aligned, "
     "platform and enabling team types and their interfaces)",
     """
     Learning teams are usually organized by delivery channel: a classroom team,
     an e-learning team, a platform team. That shape made sense when content was
     the product. It fits poorly when the job is helping a business unit change
     how it performs.

     Some of the most useful organizational design ideas of recent years come
     from software. Teams aligned to a single stream of change, such as frontline
     sales or a new product launch, own it end to end. A small platform group
     provides tools and data that those teams can help themselves to. Enabling
     specialists, such as learning scientists, coach other teams for a few weeks
     and then step away.

     The hard part is the interfaces: which team owns what, and how they ask each
     other for help. Write those down explicitly, and revisit them every six
     months.
     """,
     interest="organisational design", variant="organizational design"),

item("from-senior-developer-to-people-leader",
     "From senior developer to people leader: a first ninety days programme",
     ["Leadership development", "Technology teams"],
     "paraphrase:synonym", ["Marcus Webb"],
     "Marcus Webb 'engineering management' as near-synonym 'leading software "
     "teams' / 'people leader' of developers",
     """
     The most common promotion in a software company is also one of the least
     supported: a strong developer becomes the leader of the team they used to
     build alongside. They are given direct reports, a budget line and a calendar
     full of one-to-ones, and are expected to work it out.

     A programme we reviewed this month, run by a payments firm in Leeds, takes a
     different approach. New team leads meet fortnightly in a cohort of six for
     their first ninety days. Each session starts with a real situation from
     someone's week: a missed deadline, a difficult performance conversation, a
     request to estimate the unknowable. A more experienced director facilitates
     but does not lecture.

     Participants also shadow a peer's planning meeting and write a short note on
     how they will spend their own time. The firm reports that first-year
     attrition among new leads of software teams has halved.
     """,
     interest="engineering management", used="leading software teams, people leader"),

item("from-the-editor-a-short-winter-break",
     "From the editor: a short winter break",
     ["Housekeeping"],
     "off-topic", [],
     "editor's holiday note; for nobody",
     """
     This is the last full issue before the holidays. The Letter will be back on 7
     January, after a fortnight in which your editor plans to do very little apart
     from walking the dog along the canal, finishing a jigsaw of Venetian rooftops
     that has been on the dining table since October, and eating her sister's
     mince pies.

     Thank you to everyone who wrote in this year with questions, disagreements
     and the occasional photograph of a training room in an unusual place; the
     lighthouse was our favourite. Replies may be slow until the new year.

     If you are working through the break, look after yourselves, take the
     leftover cake home, and switch the office lights off when you leave.
     """),

item("a-design-checklist-for-instructional-videos",
     "A design checklist for instructional videos",
     ["Video", "Learning design"],
     "paraphrase:order", ["Ines Carvalho"],
     "Ines Carvalho 'instructional design' split up: 'design checklist' for "
     "'instructional videos'",
     """
     Short instructional videos are the most requested format in most learning
     teams, and the most often wasted. Here is the design checklist we use before
     anyone opens an editing suite.

     Is video the right medium at all, or would an annotated screenshot do? Does
     the first ten seconds show the end result, so people know whether to keep
     watching? Is there one task per video, named in the title the way people
     search for it? Are on-screen words and narration saying the same thing,
     rather than competing? Can it be followed with the sound off, with captions
     written by a person rather than generated and left unchecked?

     Finally, where will it live? A great video nobody can find at the moment they
     need it is a design failure, not a distribution problem.
     """,
     interest="instructional design"),

item("what-a-km-team-does-in-its-first-year",
     "What a KM team does in its first year",
     ["KM", "Intranets"],
     "paraphrase:acronym", ["Mei Lin Zhao", "Elena Ruiz"],
     "Mei Lin Zhao 'knowledge management' as the acronym 'KM' (not defined); "
     "second: Elena Ruiz 'information architecture' by meaning (shared taxonomy, "
     "page types, navigation labels tested with users)",
     """
     A reader at an engineering consultancy asked what a newly formed KM team
     should do first. We put the question to four practitioners, and their answers
     were surprisingly consistent.

     Do not start with a platform. Start by finding the questions people ask
     repeatedly and the places they currently go for answers, usually a colleague
     rather than the intranet. Pick one high-value area, such as bid writing or
     lessons from past projects, and make finding things there fast. That means a
     small shared taxonomy, agreed page types, and navigation labels tested with
     the people who will use them, not copied from the org chart.

     Measure time-to-answer, not page views. And recruit a network of champions in
     each office; a KM team of three cannot curate everything, but it can make
     curation a normal part of people's jobs.
     """,
     interest="knowledge management", target="KM", defined=False),

item("what-ld-can-steal-from-the-best-email-newsletters",
     "What L&D can steal from the best email newsletters",
     ["Communication", "Engagement"],
     "paraphrase:spelling", ["Sofia Lindgren"],
     "Sofia Lindgren 'e-mail newsletters' without the hyphen: 'email newsletters'",
     """
     Internal learning announcements have an open rate that would embarrass any
     marketer. Meanwhile people happily read long email newsletters from writers
     they have chosen to follow. What are those writers doing differently?

     They write as one person to one reader, with a name at the bottom and a reply
     address that works. They keep a steady rhythm, same day, same time, so the
     newsletter becomes a habit. They lead with one idea per issue, not a list of
     twelve links. And they read the replies; the best email newsletters feel like
     a conversation that happens to have thousands of participants.

     An L&D team could do all of that. Pick a named author, a fixed weekday and one
     useful idea each week, and treat unsubscribes as feedback rather than an
     insult.
     """,
     interest="e-mail newsletters", variant="email newsletters"),

item("help-at-the-moment-of-need",
     "Help at the moment of need: five moments, five tools",
     ["Performance support"],
     "paraphrase:related", ["community:Flow Learning Circle"],
     "Flow Learning Circle 'learning in the flow of work' described as "
     "performance support at the five moments of need, inside the task",
     """
     Bob Mosher and Conrad Gottfredson described five moments of need: when people
     are doing something for the first time, wanting more, trying to apply what
     they know, dealing with change, and fixing something that has gone wrong.
     Training usually covers the first two. Most of the pain sits in the last
     three.

     Performance support is the name for help that meets people in those three
     moments, inside the task. A tooltip in the expense system that explains which
     cost code to use. A two-minute checklist pinned in the team chat channel where
     returns are processed. A searchable answer base linked from the error message
     itself. A colleague on call for the first week after a process changes.

     None of these replaces a course. But if you map where people actually get
     stuck, you will usually find that a small piece of well-placed help does more
     than another module.
     """,
     interest="learning in the flow of work", used="performance support at the moment of need"),

item("limits-on-wip-for-a-training-team",
     "Limits on WIP for a training team",
     ["Agile", "Team practice"],
     "paraphrase:order", ["Rafael Duarte"],
     "Rafael Duarte 'WIP limits' reordered as 'limits on WIP'",
     """
     A learning team we spoke to this month had thirty-one projects in progress
     and five people. Everything was seventy per cent done. Stakeholders were
     unhappy, and the team felt permanently behind.

     Their fix came from an agile coach who asked them to put every project on a
     physical board and then set limits on WIP for each column: no more than four
     courses in design, three in build, two in review. New requests joined a
     visible queue instead of starting immediately. For the first month it felt
     like saying no all the time.

     Within a quarter, the team was finishing roughly twice as many projects as
     before, because each person was switching between two pieces of work instead
     of seven. Stakeholders, it turned out, preferred a realistic date to a busy
     team.
     """,
     interest="WIP limits"),

item("wardley-mapping-your-learning-portfolio",
     "Wardley mapping your learning portfolio",
     ["Strategy"],
     "literal", ["Viktor Lindqvist"],
     "Viktor Lindqvist 'Wardley mapping' named literally",
     """
     Wardley mapping was invented by Simon Wardley to help technology strategists
     see which parts of their business were novel and which had become
     commodities. It turns out to be a useful lens for a learning portfolio too.

     Start with a user need, say a new branch manager running a store confidently
     within three months. List the components that meet that need: compliance
     modules, a shadowing programme, a mentoring scheme, a bespoke leadership
     course, an online platform. Then place each one on the axis from genesis to
     commodity. Compliance content is a commodity; buy it. A shadowing programme
     shaped by your own stores is closer to custom-built, and probably where your
     advantage lies.

     The exercise often shows teams spending most of their effort building
     commodity content in-house while the differentiating parts are left to
     chance.
     """,
     interest="Wardley mapping"),

item("objectives-and-key-results-for-ld",
     "Objectives and key results for L&D: count what people do, not who turned up",
     ["Measurement", "Goals"],
     "paraphrase:acronym", ["Aisha Karim"],
     "Aisha Karim 'OKRs' written out as 'objectives and key results' (not defined)",
     """
     Learning teams adopting objectives and key results often write key results
     that are really activity counts: launch six courses, reach 80 per cent
     completion. Those are outputs. A good key result describes a change in what
     somebody does or achieves.

     Take a contact-centre programme for new advisers. A weak objective is
     "refresh the new-adviser course". A stronger one is "new advisers are
     confident on the phones sooner", with key results such as median days until
     an adviser handles calls unassisted falling from thirty to twenty, and
     first-month quality scores matching the centre average.

     Objectives and key results work best when the learning team sets them with
     the business owner, who already tracks those numbers. Keep three or fewer per
     quarter, and grade them honestly at the end; a 0.6 on an ambitious goal is a
     good result.
     """,
     interest="OKRs", target="objectives and key results", defined=False),

item("a-behavior-change-model-for-compliance-training",
     "A behavior change model for compliance training",
     ["Behavior change", "Compliance"],
     "paraphrase:spelling", ["Harriet Quaye"],
     "Harriet Quaye 'behaviour change' in US spelling 'behavior change'",
     """
     Compliance training usually assumes that people break rules because they do
     not know them. Sometimes that is true. More often they know the rule and the
     situation makes it hard to follow: the secure printer is two floors away, the
     approval system times out, everyone else skips the step.

     The COM-B model from behavior change research is a simple way to diagnose
     which it is. For a behavior to happen, a person needs the capability, the
     opportunity and the motivation. Training only fixes capability. If the
     problem is opportunity, fix the printer; if it is motivation, look at what
     managers reward.

     Run a short COM-B diagnosis with a handful of staff before commissioning any
     module. You may find you need a course for one team, a process change for
     another and nothing at all for a third.
     """,
     interest="behaviour change", variant="behavior change"),

item("teaching-computer-assisted-reporting-in-a-regional-newsroom",
     "Teaching computer-assisted reporting in a regional newsroom",
     ["Newsrooms", "Case study"],
     "paraphrase:synonym", ["Declan Moore"],
     "Declan Moore 'data journalism' as its older synonym 'computer-assisted reporting'",
     """
     When a regional daily in the north of England decided that every reporter
     should be able to find a story in a spreadsheet, its training editor had six
     weeks and no money to spend.

     She built the course around the newsroom's own stories. Week one: sorting and
     filtering council spending records to find the biggest suppliers. Week two:
     pivot tables on ambulance response times by postcode. Week three: testing a
     press release's statistics against the official figures. Each session ended
     with a real story pitched to the news desk.

     Computer-assisted reporting used to be a specialism for one person in the
     corner. Eighteen months on, a third of the paper's front pages draw on
     spreadsheet analysis, and reporters ask each other for help rather than
     waiting for the one expert.
     """,
     interest="data journalism", used="computer-assisted reporting"),

item("the-architecture-of-information-on-your-intranet",
     "The architecture of information on your intranet",
     ["Intranets", "Findability"],
     "paraphrase:order", ["Elena Ruiz"],
     "Elena Ruiz 'information architecture' reordered as 'the architecture of information'",
     """
     If people cannot find the parental leave policy on your intranet, more
     content will not help. The problem is usually the architecture of information
     underneath: how pages are grouped, labelled and connected.

     Three techniques are cheap and reliable. An open card sort, where twenty
     employees group sixty typical page titles in whatever way makes sense to
     them, shows you their mental model. A tree test, where people find items using
     only your proposed menu labels, shows where that model and yours disagree.
     And a content inventory tells you how many near-duplicate pages you are about
     to migrate.

     Do these before choosing a new intranet platform. The platform will arrange
     your information however you tell it; the hard decisions are yours.
     """,
     interest="information architecture"),

item("what-human-computer-interaction-research-says-about-course-interfaces",
     "What human computer interaction research says about course interfaces",
     ["Research", "Interface design"],
     "paraphrase:spelling", ["Tariq Hussain"],
     "Tariq Hussain 'human-computer interaction' without the hyphen: "
     "'human computer interaction'",
     """
     A lot of e-learning is designed as if interface research did not exist. Next
     buttons in a different place on every screen, progress bars that lie, menus
     that hide the one thing people came for.

     A new review from a group of human computer interaction researchers looked at
     eighty studies of online course interfaces. Their headline findings are
     unsurprising to anyone who has watched a learner struggle: consistent
     navigation reduces drop-out; letting people skip content they already know
     improves completion without hurting assessment scores; and animated
     transitions slow people down without improving recall.

     The more interesting finding was about feedback. Immediate, specific feedback
     on practice questions helped; generic praise and sound effects made no
     measurable difference. If your authoring tool offers a celebratory animation,
     you can safely switch it off.
     """,
     interest="human-computer interaction", variant="human computer interaction"),

item("an-engineering-management-curriculum",
     "An engineering management curriculum, built with the managers",
     ["Leadership development"],
     "literal", ["Marcus Webb"],
     "Marcus Webb 'engineering management' named literally",
     """
     Generic leadership programmes rarely land with technical managers. They know
     the theory of feedback; what they struggle with is running a hiring loop,
     planning a quarter around unknowable estimates, or telling a brilliant
     engineer that their comments on colleagues' pull requests are driving people
     away.

     A software company in Bristol took a different route. Its L&D team asked
     twenty engineering managers to list the situations that had cost them sleep in
     the past year, then built an engineering management curriculum of twelve
     short sessions around the most common ones. Each session pairs a practitioner
     story with a practice exercise and a one-page guide.

     Attendance has stayed above ninety per cent for a year, unusual for an
     optional programme, and the one-page guides have become the most visited
     pages on the company wiki.
     """,
     interest="engineering management"),
]

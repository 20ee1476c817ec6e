"""Feed 4: Working Memory, the blog of community contact Harriet Quaye (Atom). Newest first.

Harriet Quaye is never a recipient of these items.
"""
from itemlib import item

FEED = dict(
    name="working-memory",
    file="working-memory.atom",
    format="atom",
    title="Working Memory",
    description="Harriet Quaye on learning science at work.",
    author="Harriet Quaye",
    owner="Harriet Quaye",
)

ITEMS = [
item("psychological-safety-is-not-the-same-as-comfort",
     "Psychological safety is not the same as comfort",
     ["Teams", "Learning science"],
     "literal", ["Grace Mbeki"],
     "Grace Mbeki 'psychological safety' named literally",
     """
     I keep hearing psychological safety used as a synonym for niceness: a safe
     team is one where nobody is challenged and feedback is gentle. That is close
     to the opposite of what Amy Edmondson found.

     In her hospital studies, the teams that reported more errors were not worse
     teams; they were teams where people felt able to admit mistakes, ask
     questions and disagree without being punished for it. Psychological safety is
     about the interpersonal risk of raising your voice, and it coexists quite
     happily with high standards. Edmondson's own framing is that safety without
     accountability produces comfort, and accountability without safety produces
     anxiety.

     For anyone designing learning, this matters. People cannot practise a new
     skill in front of colleagues if getting it wrong carries a social cost. The
     room has to come first.
     """,
     interest="psychological safety"),

item("your-slides-are-using-up-mental-effort",
     "Your slides are using up your learners' mental effort",
     ["Learning science", "Slides"],
     "paraphrase:synonym", ["Tariq Hussain", "Ines Carvalho"],
     "Tariq Hussain 'cognitive load' as near-synonyms 'mental effort' / "
     "'extraneous demand' on working memory; second: Ines Carvalho 'instructional "
     "design' by meaning (how to build slides, diagrams and narration for learners)",
     """
     Working memory, the namesake of this blog, can hold only a handful of new
     elements at once. Every element that a learner has to process, whether it
     helps them or not, uses some of that capacity. John Sweller's research in the
     1980s turned this into a practical principle for anyone building courses:
     reduce the mental effort spent on anything that is not the thing being
     learned.

     The usual offenders are familiar. A diagram on one slide and its explanation
     on the next, forcing people to hold one in mind while reading the other.
     Narration that reads out the text on screen. Decorative images that have to
     be inspected and dismissed. Each adds extraneous demand and leaves less room
     for understanding.

     Fixes are cheap: put labels on the diagram, narrate or show text but not
     both, and delete anything decorative. Novices benefit most; experts barely
     notice.
     """,
     interest="cognitive load", used="mental effort, extraneous demand on working memory"),

item("work-flow-and-where-learning-happens",
     "Work, flow and where learning happens",
     ["Workplace learning"],
     "paraphrase:order", ["community:Flow Learning Circle"],
     "Flow Learning Circle 'learning in the flow of work' split up: 'the flow of "
     "work', 'learning happens in the middle of work'",
     """
     Ask people where they picked up the most useful thing they know about their
     job and almost nobody says a course. They say a colleague, a mistake, a
     project that went wrong, a document they found at the right moment. Learning
     happens in the middle of work, not next to it.

     Csikszentmihalyi used flow for the state of total absorption in a task. The
     flow of work I mean here is more mundane: the sequence of tasks, tools and
     conversations that make up a day. The question for anyone building support is
     where in that sequence a small piece of help can appear without pulling
     people out of it.

     My rule of thumb: if learning requires opening a separate system, most people
     will not do it. Put the help where the work already is.
     """,
     interest="learning in the flow of work"),

item("what-is-a-learning-management-system-actually-for",
     "What is a learning management system actually for?",
     ["Platforms", "L&D operations"],
     "paraphrase:acronym", ["Oliver Grant"],
     "Oliver Grant 'LMS' written out as 'learning management system', defined "
     "once as 'learning management system (LMS)'",
     """
     Every few years an organisation replaces its learning management system (LMS)
     in the hope that a new one will make people want to learn. It never does, and
     the reason is worth stating plainly.

     An LMS is good at administration: enrolling people, tracking completion,
     issuing certificates, reporting to regulators. Those are real needs,
     especially in regulated industries. It is poor at everything that happens
     between enrolment and completion, such as practice, feedback and application
     on the job, because those happen elsewhere.

     So judge a learning management system on what it is for. Does it make
     compliance reporting painless? Does it stay out of the way, with single
     sign-on and links that open directly to content? Then let the actual
     learning live in the places where people already spend their days.
     """,
     interest="LMS", target="learning management system", defined=True),

item("microlearning-works-when-it-is-spread-out",
     "Microlearning works when it is spread out",
     ["Learning science"],
     "literal", ["Ines Carvalho"],
     "Ines Carvalho 'microlearning' named literally",
     """
     Microlearning is often sold on convenience: short pieces fit into busy days.
     That is true, but it undersells the real advantage, which is what short
     pieces make possible for memory.

     A two-hour workshop delivers everything in one sitting, and most of it fades
     within a week. The same material cut into ten five-minute pieces can be
     released over a month, with each piece asking people to recall something from
     an earlier one. That pattern of distributed retrieval practice is one of the
     most robust findings in memory research.

     So the question for microlearning is not only "how short?" but "how spread
     out, and how does each piece call back the last?" A microlearning programme
     that dumps all ten pieces into a library on day one has thrown away most of
     its benefit.
     """,
     interest="microlearning"),

item("organisational-memory-walks-out-of-the-door",
     "Organisational memory walks out of the door",
     ["Organisations", "Memory"],
     "paraphrase:synonym", ["Mei Lin Zhao"],
     "Mei Lin Zhao 'knowledge management' as near-synonyms 'organisational memory' "
     "/ 'know-how' and expertise directories",
     """
     When an experienced engineer retires, what leaves with them? Not the
     documents, which stay on the shared drive. What leaves is the know-how about
     which documents matter, why a design decision was taken in 2011, and who to
     call when the pumps at the north site behave strangely.

     Organisational memory is the term researchers use for what a company can
     remember beyond any individual. It lives partly in records, partly in
     routines, and mostly in networks of people who know who knows what. Lose
     enough of those people at once and the organisation starts repeating old
     mistakes.

     The practices that help are not glamorous: after-action reviews written for a
     future reader, pairing leavers with successors months rather than days before
     they go, and expertise directories that people keep up to date because they
     are actually used.
     """,
     interest="knowledge management", used="organisational memory, know-how"),

item("what-hci-studies-of-flashcard-apps-tell-us",
     "What HCI studies of flashcard apps tell learning designers",
     ["Research", "Interfaces"],
     "paraphrase:acronym", ["Tariq Hussain"],
     "Tariq Hussain 'human-computer interaction' as the acronym 'HCI', defined "
     "once as 'human-computer interaction (HCI)'",
     """
     A group at a Dutch university has published a series of human-computer
     interaction (HCI) studies on flashcard apps, watching how people actually use
     them over months rather than in a single lab session. Several findings
     surprised me.

     People abandon decks not when reviews get hard but when the daily queue grows
     past what they can clear in one sitting; a visible backlog feels like
     failure. Small interface choices, such as showing "12 cards due" rather than
     "112 overdue", kept people going. And users who typed their answers before
     revealing the card remembered more than those who only thought of them, even
     though typing was slower.

     HCI researchers and learning scientists still rarely cite each other. This
     work is a good argument for more of that.
     """,
     interest="human-computer interaction", target="HCI", defined=True),

item("induction-is-a-ninety-day-process",
     "Induction is a ninety-day process, not a welcome day",
     ["New starters"],
     "paraphrase:synonym", ["Grace Mbeki"],
     "Grace Mbeki 'onboarding' as its British synonym 'induction' of new starters",
     """
     Most induction programmes are front-loaded: a welcome day of presentations, a
     pile of compliance modules in the first week, and then silence. Research on
     new starters suggests the crucial period is much longer. People decide
     whether they made the right choice somewhere in the first three months, and
     what decides it is mostly whether they feel useful and connected.

     A better induction plan spreads the effort. A buddy who is not the line
     manager, for the questions people are embarrassed to ask. A small real task in
     the first week, finished and seen. Planned introductions to five people
     outside the team. A check-in at thirty, sixty and ninety days that asks what
     has been confusing, not just how it is going.

     None of this is expensive, and all of it is easier to remember if it is
     written down as a checklist.
     """,
     interest="onboarding", used="induction of new starters"),
]

"""Feed 5: Farrowgate Life, the city magazine of the invented city of Farrowgate (RSS 2.0). Newest first."""
from itemlib import item

FEED = dict(
    name="farrowgate-life",
    file="farrowgate-life.xml",
    format="rss",
    title="Farrowgate Life",
    description="News, food, sport, culture and homes in Farrowgate.",
    author="Farrowgate Life",
)

ITEMS = [
item("bus-punctuality-published-as-open-data",
     "Every bus, every stop: council publishes punctuality as open data",
     ["News", "Transport"],
     "literal", ["Amara Nwosu", "Declan Moore"],
     "Amara Nwosu 'open data' named literally; second: Declan Moore 'data "
     "journalism' by meaning (1.4 million rows reporters can analyse and check "
     "claims against)",
     """
     From this week anyone can download the punctuality of every bus at every stop
     in Farrowgate, updated daily. The city council and the two operators have
     agreed to publish the figures as open data under a licence that allows reuse,
     including by companies and campaign groups.

     The files go back to January and cover 1.4 million scheduled departures. A
     first look by this magazine suggests the 14 to Northside is the least reliable
     route, with one in five buses more than five minutes late at peak times.

     Campaigners who have asked for the numbers since 2022 welcomed the move. "Now
     reporters, students and residents can check the claims for themselves," said
     a spokesperson for the Farrowgate Bus Users' Group. The council says its open data portal will
     add cycle counts and air quality readings next spring.
     """,
     interest="open data"),

item("a-ruby-anniversary-for-the-hollins-street-jewellers",
     "A ruby anniversary for the Hollins Street jewellers",
     ["Shops", "People"],
     "off-topic:homonym", [],
     "plays on Priya Raman 'Ruby' (the gemstone, a fortieth anniversary); for nobody",
     """
     Forty years ago this month, Margaret and Dev Lally opened a tiny jeweller's on
     Hollins Street with a second-hand safe and a loan from Margaret's uncle. This
     week they celebrate their ruby anniversary in business and, by happy
     coincidence, in marriage too.

     The shop has barely changed: the same green carpet, the same bell over the
     door, the same workbench in the window where Dev still resizes rings and
     repairs clasps while you wait. To mark the occasion he has made a small run of
     ruby pendants, set in recycled gold, and is offering free cleaning of any
     piece of jewellery brought in before Christmas.

     "People come back for engagement rings and then for their children's," says
     Margaret. "That's the best bit." Lally's is open Tuesday to Saturday.
     """,
     interest="Ruby", owner="Priya Raman", plays_on="ruby"),

item("christmas-and-new-year-bin-collections",
     "Christmas and new year bin collections: what changes",
     ["Council", "Local news"],
     "off-topic", [],
     "bin collection dates; for nobody",
     """
     Bin collections in Farrowgate will run a day later than usual for two weeks
     over Christmas and the new year. If your collection normally falls on Friday
     25 December, it will now be on Saturday 26 December; Friday 1 January moves to
     Saturday 2 January. All other days shift by one in the same way.

     Garden waste collections pause from 21 December and resume in the second week
     of January. Real Christmas trees can be left beside your green bin on your
     first collection day in January, cut into pieces no longer than a metre, with
     all decorations, pots and stands removed.

     The recycling centres on Mill Lane and at Easterby close on Christmas Day,
     Boxing Day and New Year's Day, and open from nine to four on other days.
     """),

item("stand-and-deliver-the-oratory-club-above-the-grapes",
     "Stand and deliver: the oratory club above the Grapes",
     ["People", "Clubs"],
     "paraphrase:synonym", ["Sofia Lindgren"],
     "Sofia Lindgren 'public speaking' as synonyms 'oratory' / 'delivering a talk' "
     "/ 'speeches'",
     """
     On the first Tuesday of each month, about twenty people climb the narrow
     stairs above the Grapes on Market Street to stand in front of a room of
     near-strangers and talk for five minutes without notes. The Farrowgate
     Oratory Club has been meeting there since 1987.

     Members range from a retired magistrate to a nineteen-year-old apprentice
     electrician who joined because he was terrified of giving a best man's
     speech. Each evening follows the same pattern: prepared speeches, then
     impromptu topics pulled from a hat, then gentle, specific feedback from an
     evaluator on voice, pace and structure.

     "Nobody is born an orator," says the club's chair, Elaine Roscoe. "You get
     better at delivering a talk the same way you get better at anything: by doing
     it badly in a friendly room first." Newcomers pay nothing for their first
     three visits.
     """,
     interest="public speaking", used="oratory, delivering a talk, speeches"),

item("council-orders-building-code-review-after-balcony-failures",
     "Council orders building code review after balcony failures",
     ["Housing", "News"],
     "off-topic:homonym", [],
     "plays on Priya Raman 'code review' (a review of building codes); for nobody",
     """
     Farrowgate City Council has ordered an urgent code review of balcony fixings
     in new-build flats after two balconies at the Weaver's Quay development partly
     came away from the wall in October. Nobody was hurt, but thirty households
     have been told not to use their balconies until inspections are complete.

     The review will establish whether the fixings met the building code in force
     when the flats were approved in 2019, and whether inspectors signed off work
     they had not seen. The developer, Northgate Homes, says it is cooperating
     fully and will pay for any remedial work.

     Residents say they first reported cracking in the summer. "We want to know why
     it took two balconies falling before anyone looked," said one. The council
     expects to report in February.
     """,
     interest="code review", owner="Priya Raman", plays_on="code review"),

item("mud-mist-and-kindness-winter-fell-running-on-harrow-moor",
     "Mud, mist and kindness: winter fell-running on Harrow Moor",
     ["Sport", "Outdoors"],
     "paraphrase:spelling", ["Marcus Webb"],
     "Marcus Webb 'fell running' hyphenated as 'fell-running'",
     """
     Sunday's Harrow Moor Winter Trot drew 214 runners to the hills above
     Farrowgate for nine miles of bog, scree and horizontal rain. It is the
     friendliest race in the local fell-running calendar and, by general
     agreement, the muddiest.

     The winner, Jess Atherton of Farrowgate Harriers, finished in 1:07:42 despite
     losing a shoe in the peat hag below the trig point and running the last two
     miles in one sock. The men's race went to Tom Breary of Pennine Fellsmen, his
     third win in a row.

     As always, the real stars were the marshals standing on exposed tops for three
     hours with flasks of tea. Organisers remind anyone new to fell-running that
     full body cover, a map, a compass and a whistle are compulsory in every race
     in the series, whatever the forecast says.
     """,
     interest="fell running", variant="fell-running"),

item("the-crystal-shop-on-weavers-row-turns-ten",
     "The crystal shop on Weaver's Row turns ten",
     ["Shops"],
     "off-topic:homonym", [],
     "plays on Jonas Becker 'Crystal' (healing crystals, a crystal ball); for nobody",
     """
     When Rowena Hart opened Moonstone & Sage on Weaver's Row in 2016, friends told
     her a crystal shop would not last a year in Farrowgate. Ten years later it is
     one of the busiest independents on the street, with a waiting list for its
     Saturday meditation mornings.

     The shelves hold rose quartz, amethyst geodes the size of a toddler and a
     single, much-photographed crystal ball that is not for sale. Rowena is frank
     that she sells "things that make people feel good, not medicine", and she
     stocks a local potter's incense holders and a shelf of second-hand books on
     folklore.

     To celebrate the anniversary the shop is holding an open evening on 12
     December, with mulled apple juice, a tarot reader and a talk on the geology of
     the Pennines by a retired science teacher.
     """,
     interest="Crystal", owner="Jonas Becker", plays_on="crystal"),

item("northside-residents-to-vote-on-how-400000-is-spent",
     "Northside residents to vote on how £400,000 is spent",
     ["Council", "Neighbourhoods"],
     "paraphrase:related", ["Amara Nwosu"],
     "Amara Nwosu 'participatory budgeting' described: residents propose and vote "
     "on how a pot of council money is spent (the Porto Alegre model)",
     """
     For the first time, people who live in Northside will decide directly how part
     of the council's money is spent in their ward. The pot is £400,000, and anyone
     over fourteen who lives, works or studies in the ward can propose a project
     and vote on the shortlist.

     Ideas can be submitted online or at the library until the end of January. In
     February, residents' panels will cost each proposal with council officers, and
     in March a vote, online and at polling stations in schools, will choose the
     winners. Projects must be completed within eighteen months.

     The model is borrowed from Porto Alegre in Brazil, where residents have
     allocated a share of city spending since 1989. If Northside's pilot works,
     councillors say, every ward in the city could get its own pot by 2028.
     """,
     interest="participatory budgeting", used="residents propose and vote on how council money is spent"),

item("rovers-snatch-late-draw-at-kettering",
     "Rovers snatch late draw at Kettering",
     ["Sport", "Football"],
     "off-topic", [],
     "football match report; for nobody",
     """
     Farrowgate Rovers came from two goals down to draw 2-2 away at Kettering on
     Saturday, with substitute Kyle Omondi heading in a corner in the fourth minute
     of stoppage time in front of 400 travelling fans.

     Rovers were poor in the first half. Kettering scored twice in ten minutes
     before the break, the second a deflected shot that looped over goalkeeper Joe
     Sutcliffe. Head coach Lisa Crane changed shape at half-time, bringing on
     Omondi and switching to three at the back, and the visitors dominated the
     second half. Aaron Pike pulled one back from the penalty spot on 71 minutes.

     The point leaves Rovers ninth in the National League North. They host Chester
     on Boxing Day, with kick-off at three.
     """),

item("boxing-day-at-the-racecourse",
     "Boxing Day at the racecourse: a flutter, a pie and very cold hands",
     ["Sport", "What's on"],
     "off-topic:homonym", [],
     "plays on Ben Hartley 'Flutter' (a small bet on the horses); for nobody",
     """
     Farrowgate Racecourse's Boxing Day meeting is one of the few days of the year
     when half the city seems to be in the same place, wrapped in scarves and
     clutching a betting slip. Seven races, six over jumps, starting at 12:15.

     If you fancy a flutter but do not know your each-way from your accumulator,
     the course is running a beginners' stand by the parade ring, where volunteers
     explain the odds and suggest you decide how much you are willing to lose
     before you arrive. Bets at the on-course bookmakers start at two pounds.

     Tickets are £18 in advance, and children under eighteen go free with an
     adult. Food stalls include the much-loved pork pie van from Easterby. Dress
     warmly: the grandstand faces straight into the east wind.
     """,
     interest="Flutter", owner="Ben Hartley", plays_on="flutter"),

item("baking-with-a-thirty-year-old-sourdough-starter",
     "Baking with a thirty-year-old sourdough starter",
     ["Food", "People"],
     "paraphrase:order", ["Chloe Bennett"],
     "Chloe Bennett 'sourdough baking' reordered: 'baking with a ... sourdough starter'",
     """
     In a terraced house in Easterby lives a sourdough starter that is older than
     some of the people who buy its bread. Pauline Mercer got it from a baker in San
     Francisco in 1996, carried it home in a jam jar, and has fed it every day
     since, even, she admits, on holiday.

     Now retired, she runs Saturday morning classes in baking at her kitchen
     table, four students at a time. They learn to read the starter's bubbles, to
     fold rather than knead, and to wait: her loaves prove overnight in the fridge
     and go into a cast-iron pot at the hottest setting her oven allows.

     Every student goes home with a loaf and a pot of the starter. "It has a lot of
     grandchildren," she says. Classes cost £35 and are booked until March.
     """,
     interest="sourdough baking"),

item("spark-plugs-and-sump-oil-the-vintage-motor-club",
     "Spark plugs and sump oil: inside the vintage motor club's Austin rebuild",
     ["Clubs", "Motoring"],
     "off-topic:homonym", [],
     "plays on Hannah Osei 'Spark' (spark plugs); for nobody",
     """
     In a draughty lock-up behind the old tram depot, the Farrowgate Vintage Motor
     Club is bringing a 1938 Austin Ten back to life. The car spent forty years in
     a barn near Whitby before a member bought it for £600 and a case of beer.

     Progress is slow and mostly involves rust. This month the engine turned over
     for the first time, after the team cleaned the carburettor, replaced the
     points and fitted a new set of spark plugs, then spent an hour discovering
     that the fuel pump was installed backwards. The cheer when it finally fired
     could be heard on Mill Lane.

     The club meets on Wednesday evenings and welcomes anyone curious, with or
     without mechanical experience. The aim is to drive the Austin to the coast
     next summer.
     """,
     interest="Spark", owner="Hannah Osei", plays_on="spark"),

item("what-an-foi-request-revealed-about-the-citys-potholes",
     "What an FOI request revealed about the city's potholes",
     ["News", "Roads"],
     "paraphrase:acronym", ["Declan Moore"],
     "Declan Moore 'freedom of information' as the acronym 'FOI' (not defined)",
     """
     Farrowgate has a backlog of 3,812 reported potholes, and the average wait for a
     repair has risen from 19 days to 47 in two years, according to figures
     released to this magazine under an FOI request.

     The response shows that the council's highways team repaired fewer potholes
     this year than in any year since 2015, despite an increase in reports. Roads in
     the west of the city waited longest: one on Gorse Lane was reported eleven
     times before it was filled. The council blamed a shortage of contractors and a
     wet spring, and said extra crews would start in January.

     Readers can search the full list of reported potholes by street on our
     website. If you have waited months for a repair, we would like to hear from
     you.
     """,
     interest="freedom of information", target="FOI", defined=False),

item("christmas-market-opens-in-cathedral-square",
     "Christmas market opens in Cathedral Square",
     ["What's on"],
     "off-topic", [],
     "Christmas market listing; for nobody",
     """
     The Farrowgate Christmas market opened on Friday evening with a brass band, a
     lantern parade from the station and, for the first time in years, real snow,
     if only for twenty minutes. Sixty wooden chalets fill Cathedral Square and the
     top of Bridge Street until 23 December.

     Regulars will find the German sausage stall and the hot chocolate van in their
     usual corners. New this year are a stall selling hand-thrown pottery from
     Easterby, a Ukrainian bakery with honey cake, and a covered seating area with
     heaters next to the cathedral steps.

     The market is open from ten until eight, and until ten on Fridays and
     Saturdays. The big wheel has moved to the riverside this year, and the council
     asks visitors to use the park-and-ride at weekends.
     """),

item("winter-coats-a-style-guide-for-the-farrowgate-commute",
     "Winter coats: a style guide for the Farrowgate commute",
     ["Fashion", "Shopping"],
     "off-topic:homonym", [],
     "plays on Nadia Petrov 'style guides' (a fashion style guide); for nobody",
     """
     Farrowgate in winter asks a lot of a coat. It has to survive a twelve-minute
     wait at the 14 stop, a walk across Bridge Street into the east wind, and a warm
     tram where you will be too hot within a minute. Our style guide rounds up the
     shapes and shops that manage all three.

     The duffel is back, and the best we found is from Harland's on Market Street,
     in a loden green that goes with everything. For something sharper, a
     single-breasted wool overcoat in charcoal will see you from office to pub.
     Cyclists should look at the waxed jackets at Hebble & Co., which now come in a
     longer cut.

     Whatever you choose, our style guide's golden rule is simple: size up, because
     you will be wearing a jumper underneath.
     """,
     interest="style guides", owner="Nadia Petrov", plays_on="style guide"),

item("new-bouldering-wall-opens-in-the-old-tram-depot",
     "New bouldering wall opens in the old tram depot",
     ["Sport", "Openings"],
     "literal", ["Grace Mbeki"],
     "Grace Mbeki 'bouldering' (hobby) named literally",
     """
     The cavernous tram depot on Depot Road, empty since 2009, reopened this
     weekend as Farrowgate's biggest climbing centre. Crux Works has filled the old
     engine shed with four hundred square metres of bouldering walls, none higher
     than four and a half metres, above thick crash mats.

     The problems are reset every fortnight and graded by coloured holds, so
     beginners can find their level without learning the V-scale. There is a
     separate kids' area, a training board for the committed, and a café in the
     former ticket office that serves the best flapjack we have eaten this year.

     Bouldering needs no ropes or partner, which makes it easy to try. A first
     visit with shoe hire and a short safety briefing costs £14, and the centre is
     open until ten every night.
     """,
     interest="bouldering"),

item("why-the-corn-exchange-reading-room-feels-so-stuffy",
     "Why the Corn Exchange reading room feels so stuffy",
     ["Buildings", "Library"],
     "off-topic:homonym", [],
     "plays on Hannah Osei 'Airflow' (ventilation in a building); for nobody",
     """
     Since the central library moved into the restored Corn Exchange in June,
     readers have complained that the grand reading room becomes unbearably stuffy
     by mid-afternoon. The cause, according to a report to councillors this week,
     is airflow.

     The Victorian building was meant to be ventilated through high windows and
     roof vents. The restoration sealed many of them to meet heritage and noise
     requirements, and the new mechanical plant was sized for far fewer visitors
     than the library now attracts. Carbon dioxide readings in the room regularly
     pass 1,500 parts per million on busy days.

     Engineers propose reopening four roof vents and adding ceiling fans to improve
     airflow, at a cost of £85,000. Until then, staff will prop open the east doors
     in the afternoons.
     """,
     interest="Airflow", owner="Hannah Osei", plays_on="airflow"),

item("how-the-council-rebuilt-parking-permits",
     "How the council rebuilt parking permits around the people who use them",
     ["Council", "Digital"],
     "paraphrase:related", ["Leo Marchetti", "Amara Nwosu"],
     "Leo Marchetti 'service design' described: shadowing staff, mapping the "
     "journey, front and back office, testing with residents; second: Amara Nwosu "
     "'civic tech' by meaning (a council process made digital with residents)",
     """
     Applying for a residents' parking permit in Farrowgate used to take a paper
     form, two proofs of address, a visit to the council offices and up to six
     weeks. From January it will take about five minutes online, and the story of
     how the council got there is unusually interesting.

     A small team spent two months shadowing staff on the permits phone line and
     visiting residents at home. They mapped every step of the journey, including
     the parts residents never see: the back-office checks, the spreadsheet that
     matched addresses to zones, the printer that jammed every Thursday. Many of
     the delays turned out to live behind the counter, not in front of it.

     The new process checks addresses automatically against council records,
     issues virtual permits linked to number plates, and was tried out with carers,
     landlords and residents without smartphones before launch.
     """,
     interest="service design", used="shadowing staff, journey mapping, front and back office"),

item("rents-in-northside-rise-eleven-per-cent",
     "Rents in Northside rise eleven per cent in a year",
     ["Housing"],
     "off-topic", [],
     "local rents; for nobody",
     """
     Average rents for a two-bedroom flat in Northside have risen by eleven per
     cent in the past year, to £1,045 a month, according to figures from the
     letting agents' association. That is faster than anywhere else in Farrowgate
     and well ahead of wage growth in the area.

     Agents point to a shortage of homes to let, as several landlords have sold up,
     and to demand from staff at the new hospital campus. Tenants describe queues
     of twenty people at viewings and bidding wars above the advertised rent.

     The council says 640 homes are due to be completed in the ward over the next
     three years, a quarter of them for social rent. Tenants' groups say that will
     not come soon enough, and are calling for a city-wide register of landlords.
     """),

item("review-julias-on-the-canal",
     "Review: Julia's, on the canal",
     ["Food", "Reviews"],
     "off-topic:homonym", [],
     "plays on Tariq Hussain 'Julia' (a chef and her bistro); for nobody",
     """
     Julia Fenwick cooked in London for fifteen years before coming home to
     Farrowgate, and her new bistro in a converted boathouse on the canal is the
     most confident opening the city has seen in a while. Twenty-eight covers, a
     short menu that changes weekly, and a view of narrowboats from every table.

     We started with a warm salad of beetroot, curd and toasted hazelnuts, then a
     slow-cooked shin of beef with horseradish mash that could have fed two. The
     standout was a whole lemon sole with brown butter and capers, filleted at the
     table. Puddings are simple and excellent; the treacle tart alone is worth the
     walk.

     Julia's is open Wednesday to Sunday. Two courses cost £32, and booking is
     essential at weekends.
     """,
     interest="Julia", owner="Tariq Hussain", plays_on="Julia"),

item("volunteer-coders-and-an-experiment-in-digital-democracy",
     "Volunteer coders and a small experiment in digital democracy",
     ["Community", "Council"],
     "paraphrase:synonym", ["Amara Nwosu"],
     "Amara Nwosu 'civic tech' as near-synonym 'digital democracy' (volunteers "
     "building tools for residents)",
     """
     Every second Thursday, a couple of dozen volunteers gather in the upstairs room
     of the Corn Exchange library with laptops and a crate of biscuits. They are
     software developers, designers, students and a retired planning officer, and
     they build small tools for people who live in the city.

     Their latest project lets residents see every planning application within
     half a mile of their home on a map, with plain-English summaries and a button
     to send a comment to the council before the deadline. In its first month more
     than three thousand people used it, and letters of objection and support to
     the planning committee doubled.

     The group calls its work an experiment in digital democracy: making the
     city's decisions easier to follow and easier to take part in. New volunteers,
     including those who do not write software, are welcome.
     """,
     interest="civic tech", used="digital democracy"),

item("the-regent-announces-a-winter-retrospective-of-agnes-varda",
     "The Regent announces a winter retrospective of Agnès Varda",
     ["Film", "What's on"],
     "off-topic:homonym", [],
     "plays on Rafael Duarte 'retrospectives' (a film retrospective); for nobody",
     """
     The Regent, Farrowgate's independent cinema, will spend January and February
     on a retrospective of Agnès Varda, the Belgian-born director whose films moved
     between fiction and documentary with more wit than almost anyone before or
     since.

     The season opens with Cléo from 5 to 7, her 1962 portrait of a singer waiting
     for medical results, and includes Vagabond, The Gleaners and I and Faces
     Places, her late collaboration with the artist JR. Each Sunday screening will
     be introduced by a member of the film studies department at the university.

     Retrospectives at the Regent have sold well in recent years; the Kurosawa
     season last winter added extra screenings. Season passes for all twelve films
     cost £60 and go on sale on Monday.
     """,
     interest="retrospectives", owner="Rafael Duarte", plays_on="retrospective"),

item("threads-of-the-valley-textiles-at-the-mill-gallery",
     "Threads of the valley: textiles at the Mill Gallery",
     ["Culture", "Exhibitions"],
     "off-topic", [],
     "textile exhibition; for nobody",
     """
     The Mill Gallery's winter exhibition tells the story of Farrowgate's woollen
     mills through the cloth they made. More than eighty pieces, from hand-woven
     blankets of the 1790s to the bright checks that dressed half of Britain's
     schoolchildren in the 1960s, fill the old weaving shed that now houses the
     gallery.

     The most moving room is the smallest. It holds letters, pay books and
     photographs lent by families of mill workers, alongside a loom that volunteers
     run twice a day. The noise, even from one machine, makes it clear why so many
     weavers lost their hearing.

     The exhibition runs until 28 March. Entry is free, and there are family
     weaving workshops every Saturday morning during the school holidays.
     """),

item("inside-the-couriers-new-verification-desk",
     "Inside the Courier's new verification desk",
     ["Media", "People"],
     "paraphrase:order", ["Declan Moore"],
     "Declan Moore 'fact-checking' split up: 'checking the facts'",
     """
     The Farrowgate Courier has set up a three-person desk whose only job is
     checking the facts in the paper's stories, and in claims made by local
     politicians, before and after publication. It is unusual for a regional
     newspaper to spend money this way, and the editor makes no apology.

     "Trust is the only thing we sell," says Rachel Oduya. The desk tests every
     figure in a front-page story against its source, calls back anyone quoted
     about a statistic, and publishes a weekly column weighing claims from council
     meetings against the records. Corrections now appear in a fixed place on page
     two.

     Readers can send in a claim they want examined. The desk's first week produced
     a correction from the council leader about the number of new school places,
     and a quiet apology from this magazine over a misreported bus route.
     """,
     interest="fact-checking"),

item("dora-the-tortoise-turns-ninety-at-holme-farm",
     "Dora the tortoise turns ninety at Holme Farm",
     ["Animals", "People"],
     "off-topic:homonym", [],
     "plays on Marcus Webb 'DORA metrics' (Dora, a tortoise); for nobody",
     """
     Holme City Farm threw a party on Sunday for its oldest resident. Dora, a
     spur-thighed tortoise, is believed to be ninety this year, having arrived in
     Farrowgate in a sailor's kitbag in 1936 and spent most of her life in a series
     of back gardens in Easterby.

     She came to the farm in 2004 when her last owner moved into a care home, and
     has been a favourite with school groups ever since. Staff say she is in
     excellent health, prefers dandelions to any shop-bought food and spends the
     winter hibernating in a box of straw in the farm office.

     Around two hundred visitors sang happy birthday on Sunday. Dora, being a
     tortoise, slept through most of it, waking briefly for a slice of cucumber.
     """,
     interest="DORA metrics", owner="Marcus Webb", plays_on="Dora"),

item("meet-the-winter-swimmers-of-hebble-lido",
     "Meet the winter swimmers of Hebble Lido",
     ["Outdoors", "People"],
     "off-topic", [],
     "winter swimming; for nobody",
     """
     At half past seven on a November morning, with the water at six degrees and
     mist rising off the surface, about thirty people are swimming at Hebble Lido.
     Some do a single width and climb out shrieking; others swim steady lengths for
     twenty minutes in nothing but a cap.

     The lido, built in 1938, nearly closed in 2015 before a residents' trust took
     it over. Year-round opening was meant as a fundraiser. It has become a
     community of its own: regulars share flasks, keep an eye on newcomers and hold
     a mince pie swim on Christmas morning.

     The trust asks first-timers to come to a staffed session, acclimatise
     gradually and never swim alone. Sessions cost £4, and the hot showers,
     recently repaired, are said to be the best in the county.
     """),
]

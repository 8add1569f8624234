#!/usr/bin/env python3
"""Writes corpora/genres/common/topic-words.grammar.

Each topic of topics.grammar (transit, schools, food, ...) gets banks of its own people, things,
places, events, states, reasons, outcomes, habits and verbs (below), and a set of generic
sentence shapes (FRAMES*) is instantiated once per topic with that topic's banks, so every
slot of a sentence stays on topic while combinations multiply. Edit the banks or shapes here
and re-run:

    python3 corpora/tools/topic_words.py

The output is plain grammar (see the crate docs); nothing reads this script at build time.
"""

import os
import re

# ------------------------------------------------------------------ sentence shapes

# Generic frame shapes, instantiated per topic prefix X. Banks per topic:
# ppl (plural people), one (a singular person with article), adj, thing (singular noun),
# place (NP after at/on/near), happen (past predicate for a thing), state (adjective phrase),
# why (NP: a reason), result (independent clause), do (plural present predicate)
FRAMES = r"""
@w:3 {^X_ppl} [in|around|from|near] [{hood}|{city}] {say_verb} [that|] {X_np} {X_happen} {time_rel}[{src}||].
@w:3 The {X_adj} {X_thing} [at|on|near|by] {X_place} {X_happen} {time_rel}[, and {X_result}|{src}||].
@w:2 {me_subj} [heard|read|noticed|found out|learned] that the {X_thing} [at|on|near|by] {X_place} {X_happen} {time_rel}.
@w:2 {^X_one_bare} [named {first}|from {hood}|I know|who lives on {street}|] [told me|says|swears|insists|complained] [that|] {X_np} [is|has been|was] {X_state}.
@w:2 [Ask|Talk to] {X_one_bare} [in|around|from] [{hood}|{city}] and [you'll hear|they'll tell you|you'll learn] that {X_ppl} {X_do} [because of|over|since] {X_why}.
@w:2 {^amt} {num 12-900} {X_ppl} [signed a petition|answered a survey|filled out a survey|responded to a poll|signed an open letter|showed up to a meeting|wrote to the council] [about|on|over] {X_why} {time_rel}[{src}||].
@w:2 [The|Our] {X_adj} {X_thing} {X_happen} [again|once more|for the second time this month|] {time_rel}; {X_result}.
@w:2 [Most|Many|Some|A few|Half the|Plenty of] {X_ppl_short} [I|we] [know|talked to|asked] {X_do} [now|these days|lately|this {season}], [mostly|partly|largely] [because of|over|thanks to] {X_why}[{src}||].
@w:2 [Between|With|After] {X_why} [and|plus] {X_why}, {X_ppl} [in|around] {hood} {X_do}[{src}|].
"""
FRAMES_V = r"""
@w:4 {^X_ppl} [in|around|from|near] [{hood}|{city}] {adv_freq} {X_v_pres} {X_np} {X_pp}[ {habit_time}|][{src}||].
@w:4 {me_subj} {X_v_past} {X_np} {X_pp} {time_rel}[, and {X_result}|||].
@w:2 [Why do|How come|Does anyone know why] {X_ppl} [still|even|] {X_v_pres} {X_np} {X_pp}?
@w:2 [Nobody|Hardly anyone|Almost everyone|Only {first}|Not one person] [I know|in {hood}|on our street|at work|] has {X_v_pp} {X_np} {X_pp} [since|after] {X_why}[{src}||].
@w:3 {^X_one_bare} [named {first}|from {hood}|I talked to|I know|] [said|told me|says|swears|thinks] [that|] [most|many|plenty of|some|a lot of|fewer] {X_ppl} [now|still|rarely|] {X_v_pres} {X_np} [because of|over|due to|since] {X_why}.
@w:2 [I|We] [used to|never used to|still|no longer] {X_v_pres} {X_np} {X_pp}[, [at least|mostly|partly] because of {X_why}|].
@w:2 If you [ever|regularly|still|] {X_v_pres_if} {X_np} {X_pp}[ {habit_time}|], [you know the drill|you know what I mean|you've seen the problem|you know the feeling|you'll know what I mean].
"""
FRAMES_NEWS = r"""
@w:3 {person}, [a|an] {X_title} [in|from|near] {hood}, told {outlet} [on {date weekday}|{time_rel}|this week|last week] that {X_np} [at|on|near|by] {X_place} {X_happen}.
@w:2 {person}, [a|an] {X_title} [in|from] {hood}, said {X_ppl} [in|around] {city} {X_do} [because of|since] {X_why}.
@w:2 [According to|Per] {person}, [a|an] {X_title} who has [worked|lived] [in|near] {hood} for {num 3-40} years, {X_np} {X_happen} {time_rel}.
@w:2 {^X_np} {X_happen} {time_rel}, {person}, [a|an] {X_title} [in|from] {hood}, told {outlet}.
@w:2 [In an interview|Reached by phone|In an email|Asked about it|Speaking after the meeting][ on {date weekday}| this week|], {person}, [a|an] {X_title} [in|from] {hood}, said {X_np} [has been|is] {X_state}.
@w:1 {person} and {first} {last}, [neighbors|friends|coworkers] [in|from] {hood}, [told {outlet}|agree|both say] that {X_ppl} [there|in {city}] {X_do}.
@w:2 [The|One] {X_title} [I spoke with|we reached|who answered the phone] [near|at|by] {X_place}, {person}, [estimated|guessed|figured] that [about|roughly|nearly|maybe] {num 12-900} {X_ppl} {X_do} [every|each] [week|month|year].
@w:2 [Data|Figures|Numbers] from {company} [show|suggest] {X_ppl} [in|around] {city} {X_do} [more than|about as often as|less than] they did in {num 2015-2022}.
@w:2 {^outlet} [reported|noted|mentioned] {time_rel} that {X_np} [at|on|near] {X_place} {X_happen}.
@w:2 [At|During|After] [a|the] {date weekday} [meeting|open house|hearing|forum|cleanup] [at|in] {hood}, {person} [said|argued|pointed out|told the room] that {X_np} {X_happen} {time_rel}.
@w:2 [A|One] [survey|poll|count|tally] by {company} [found|turned up|identified] {num 12-900} {X_ppl} [in|around] {hood} who {X_do}.
@w:2 {person} [started|runs|moderates] a [group chat|mailing list|neighborhood forum thread|text chain] for {X_ppl} [in|around] {hood}; it has [about|nearly|more than] {num 40-3000 ,} members.
@w:2 "[It's|It has been|That was] {X_state}," said {person}, [a|an] {X_title} [in|from|near] {hood}, who [brought it up|mentioned it|was blunt about it] [at|after] [a|the] {date weekday} [meeting|cookout|service|game].
@w:2 {person}, {num 19-84}, [said|says] {X_ppl} [in|around] {hood} [started to|have begun to|now] {X_do} [after|since] {X_why}.
@w:2 [Asked|When asked] about {X_np}, {person}, [a|an] {X_title} [in|from] {hood}, [laughed|shrugged|sighed|didn't hesitate]: "{^X_state}, [honestly|mostly|at least lately|if you ask me]."
"""
FRAMES_MORE = r"""
@w:2 {^X_ppl} [in|around] {hood} [are|have been] [split|divided|arguing|going back and forth|bickering|talking in circles|of two minds] [over|about] [whether to|how often to|why anyone would|when to|whether it's worth it to|if they should] {X_v_pres} {X_np}[{src}|].
@w:2 [Word is|Rumor has it|I hear|Someone on the {hood_name} forum claims|The {hood_name} group chat says] {X_np} [on|near|by] {X_place} {X_happen} {time_rel}.
@w:2 [Ever since|Since|After] {X_why}, [the|our] {X_adj} {X_thing} [has been|is|feels] {X_state}[{src}|{src}|].
@w:2 [There's|There is] a {X_adj} {X_thing} [on|near|by] {X_place} [that|which] {X_happen} {time_rel}[{src}||].
@w:2 {^X_one_bare} [I spoke to|I ran into at {cafe}|who asked me not to use their name|I trust] [estimated|guessed|figured|told me] that [about|maybe|roughly|close to] {pct} of {X_ppl} [in|around] {hood} {X_do}.
@w:2 [The good news|The bad news|The funny part|The weird part|The upshot|The short version] [is|was] that {X_result}.
@w:2 [When|Once|After] {X_np} [on|near|by] {X_place} {X_happen}, {X_result}.
@w:2 [I|We] [keep|kept] [hearing|reading] that {X_ppl} [in|around] {city} {X_do}; [honestly,|frankly,|to be fair,|] [I get it|it makes sense|I'm not sure it helps|that tracks|who can blame them|it's hard to argue with|I would too|the math works out|it beats the alternative|I'm skeptical|good for them].
@w:2 {^X_ppl_short} [I|we] [spoke|talked] with [were|seemed] [split|divided|mostly unbothered|pretty fed up|cautiously hopeful|surprisingly upbeat] about {X_np}[{src}|].
@w:2 [One tip|My advice|A small trick|Some advice|A word of advice] for {X_ppl}: {X_do}.
@w:2 [Nobody|No one] [seems to know|could tell me|can explain|has said] why {X_np} [at|on|near] {X_place} {X_happen}[{src}||].
@w:1 [Is it just me|Is it only me|Am I imagining it|Am I wrong], or has {X_np} [near|on|by] {X_place} been {X_state} [lately|this {season}|since {X_why}|all year|for months]?
@w:1 [Has anyone else noticed|Does anyone else think|Am I the only one who thinks|Did anyone else notice] {X_np} [near|on|by] {X_place} has been {X_state} [lately|this {season}|since {X_why}|all year|for months]?
@w:2 [A|One] {X_adj} {X_thing} [on|near|by] {X_place} [alone|by itself] {X_happen} {time_rel}[, according to {outlet}|, says {person}|].
@w:2 [My|Our] [{hl_rel}|neighbor|coworker|friend {first}] [thinks|swears|is convinced] {X_ppl} [should|ought to|will eventually] {X_do}[, and {X_why} is the reason|].
"""


# ------------------------------------------------------------------ verbs: present|past|participle

# present|past|participle (participle defaults to past)
V = {}
V['tr'] = """ride|rode|ridden
take|took|taken
catch|caught
miss|missed
wait for|waited for
avoid|avoided
complain about|complained about
depend on|depended on
skip|skipped
swear by|swore by|sworn by
put up with|put up with
give up on|gave up on|given up on
track|tracked
time|timed
board|boarded
transfer to|transferred to
chase|chased
curse|cursed
count on|counted on
stand on|stood on|stood on
sit on|sat on
sprint for|sprinted for
defend|defended
recommend|recommended
try|tried
rely on|relied on
joke about|joked about
grumble about|grumbled about
pay extra for|paid extra for
plan around|planned around"""
V['wx'] = """watch|watched
track|tracked
dread|dreaded
wait out|waited out
prepare for|prepared for
complain about|complained about
underestimate|underestimated
shrug off|shrugged off
brace for|braced for
sleep through|slept through
drive through|drove through|driven through
walk through|walked through
photograph|photographed
joke about|joked about
plan around|planned around
cancel plans over|cancelled plans over"""
V['cc'] = """support|supported
oppose|opposed
question|questioned
fight|fought
read|read
debate|debated
protest|protested
defend|defended
study|studied
follow|followed
pick apart|picked apart
petition against|petitioned against
write letters about|wrote letters about|written letters about
speak against|spoke against|spoken against
speak up for|spoke up for|spoken up for
ask about|asked about
vote on|voted on
complain about|complained about
worry about|worried about
praise|praised
push for|pushed for
call out|called out"""
V['sc'] = """question|questioned
support|supported
push back on|pushed back on
complain about|complained about
like|liked
hate|hated
get used to|got used to|gotten used to
ask about|asked about
email the principal about|emailed the principal about
argue about|argued about
work around|worked around
defend|defended
sign a petition against|signed a petition against
worry about|worried about
joke about|joked about
praise|praised
read up on|read up on
ignore|ignored
rearrange their week around|rearranged their week around
vote against|voted against"""
V['hl'] = """recommend|recommended
avoid|avoided
wait at|waited at
drive to|drove to|driven to
complain about|complained about
depend on|depended on
swear by|swore by|sworn by
call|called
rate|rated
review|reviewed
switch to|switched to
give up on|gave up on|given up on
praise|praised
put up with|put up with
check out|checked out
rely on|relied on
trust|trusted
grumble about|grumbled about"""
V['hs'] = """rent|rented
tour|toured
look at|looked at
bid on|bid on
fix up|fixed up
move into|moved into
move out of|moved out of
complain about|complained about
sublet|sublet
paint|painted
insulate|insulated
inspect|inspected
list|listed
sell|sold
buy|bought
renovate|renovated
share|shared
argue about|argued about"""
V['fd'] = """love|loved
swear by|swore by|sworn by
line up at|lined up at
order from|ordered from
eat at|ate at|eaten at
recommend|recommended
review|reviewed
miss|missed
tip well at|tipped well at
rave about|raved about
argue about|argued about
skip|skipped
try|tried
go back to|went back to|gone back to
cater from|catered from
grab lunch at|grabbed lunch at
stop by|stopped by
complain about|complained about
support|supported"""
V['sp'] = """watch|watched
cheer at|cheered at
coach|coached
play in|played in
ref|reffed
drive to|drove to|driven to
film|filmed
argue about|argued about
skip|skipped
stream|streamed
volunteer at|volunteered at
complain about|complained about
sit through|sat through
celebrate|celebrated
travel to|traveled to"""
V['tc'] = """buy|bought
return|returned
repair|repaired
replace|replaced
reset|reset
update|updated
recommend|recommended
review|reviewed
unbox|unboxed
complain about|complained about
rely on|relied on
swear by|swore by|sworn by
trade in|traded in
crack|cracked
drop|dropped
lose|lost
give up on|gave up on|given up on
set up|set up
troubleshoot|troubleshot
sell|sold"""
V['wk'] = """hate|hated
tolerate|tolerated
complain about|complained about
push back on|pushed back on
work around|worked around
ignore|ignored
question|questioned
get used to|got used to|gotten used to
defend|defended
file a grievance over|filed a grievance over
joke about|joked about
vote on|voted on
ask HR about|asked HR about
quit over|quit over
sign a letter about|signed a letter about"""
V['mn'] = """pay|paid
dispute|disputed
budget for|budgeted for
track|tracked
cancel|cancelled
question|questioned
catch|caught
complain about|complained about
get hit with|got hit with|gotten hit with
argue over|argued over
double-check|double-checked
call about|called about"""
V['hb'] = """join|joined
run|ran|run
host|hosted
teach|taught
sign up for|signed up for
miss|missed
drive to|drove to|driven to
bring snacks to|brought snacks to
recommend|recommended
start|started
organize|organized
volunteer at|volunteered at
drop in on|dropped in on
try|tried"""
V['sb'] = """shop at|shopped at
support|supported
miss|missed
stop by|stopped by
recommend|recommended
buy gifts at|bought gifts at
walk to|walked to
order from|ordered from
review|reviewed
love|loved
rely on|relied on
worry about|worried about"""
V['pt'] = """visit|visited
recommend|recommended
avoid|avoided
love|loved
complain about|complained about
volunteer at|volunteered at
drive to|drove to|driven to
check out|checked out
donate to|donated to
rely on|relied on"""
V['tv'] = """book|booked
take|took|taken
miss|missed
catch|caught
avoid|avoided
recommend|recommended
complain about|complained about
wait for|waited for
switch to|switched to
rebook|rebooked"""

V['fm'] = """book|booked
sign up for|signed up for
pick a kid up from|picked a kid up from|picked a kid up from
recommend|recommended
skip|skipped
pay for|paid for
complain about|complained about
rely on|relied on
plan around|planned around
love|loved"""
V['cr'] = """drive|drove|driven
fix|fixed
sell|sold
buy|bought
lease|leased
tow|towed
wash|washed
inspect|inspected
insure|insured
trade in|traded in
park|parked
baby|babied"""
V['yd'] = """mow|mowed
water|watered
trim|trimmed
rake|raked
replace|replaced
paint|painted
fix|fixed
plant|planted
neglect|neglected
redo|redid|redone"""
V['lb'] = """visit|visited
love|loved
support|supported
volunteer at|volunteered at
miss|missed
use|used
recommend|recommended"""
V['ar'] = """see|saw|seen
catch|caught
play|played
review|reviewed
miss|missed
film|filmed
sit through|sat through
leave early from|left early from
rave about|raved about
buy tickets for|bought tickets for"""
V['ft'] = """join|joined
quit|quit
try|tried
skip|skipped
teach|taught
love|loved
pay for|paid for
recommend|recommended"""
V['ut'] = """pay|paid
replace|replaced
fix|fixed
dispute|disputed
upgrade|upgraded
inspect|inspected
complain about|complained about"""
V['pk'] = """hike|hiked
visit|visited
camp at|camped at
clean up|cleaned up
map|mapped
explore|explored
recommend|recommended
avoid|avoided"""
V['vl'] = """run|ran|run
join|joined
organize|organized
donate to|donated to
help with|helped with
support|supported
promote|promoted"""
V['dl'] = """track|tracked
return|returned
lose|lost
wait for|waited for
sign for|signed for
reorder|reordered"""
V['md'] = """watch|watched
binge|binged
finish|finished
quit|quit
recommend|recommended
review|reviewed
rewatch|rewatched
stream|streamed
argue about|argued about"""
V['jb'] = """apply for|applied for
turn down|turned down
interview for|interviewed for
land|landed
chase|chased
quit|quit
negotiate|negotiated
accept|accepted"""

V['wd'] = """plan|planned
host|hosted
cater|catered
crash|crashed
skip|skipped
photograph|photographed"""
V['co'] = """take|took|taken
skip|skipped
drop|dropped
audit|audited
complain about|complained about
recommend|recommended"""
V['sr'] = """join|joined
visit|visited
rely on|relied on
volunteer at|volunteered at
recommend|recommended"""
V['fa'] = """visit|visited
run|ran|run
buy from|bought from
support|supported"""
V['mv'] = """book|booked
plan|planned
survive|survived
dread|dreaded"""
V['sa'] = """book|booked
recommend|recommended
try|tried
leave|left"""
V['fs'] = """attend|attended
skip|skipped
schedule|scheduled
pass|passed"""
V['po'] = """use|used
avoid|avoided
depend on|depended on
complain about|complained about"""
V['gv'] = """file|filed
start|started
finish|finished
dread|dreaded"""
V['tx'] = """file|filed
check|checked
pay|paid
dread|dreaded"""
V['pc'] = """deal with|dealt with
ignore|ignored
report|reported
fight|fought"""
V['dy'] = """start|started
finish|finished
abandon|abandoned
redo|redid|redone"""
V['cb'] = """love|loved
work from|worked from
recommend|recommended
review|reviewed"""
V['nb'] = """start|started
settle|settled
ignore|ignored
organize|organized"""
V['rl'] = """attend|attended
organize|organized
cook for|cooked for
volunteer at|volunteered at
bake for|baked for"""
V['bt'] = """use|used
fish off|fished off
avoid|avoided
recommend|recommended"""
V['gd'] = """join|joined
weed|weeded
water|watered
run|ran|run"""
V['ck'] = """use|used
buy|bought
return|returned
swear by|swore by|sworn by"""
V['ph'] = """switch|switched
cancel|cancelled
pay|paid
compare|compared"""
V['bb'] = """ride|rode|ridden
fix|fixed
lock up|locked up
buy|bought"""
V['rc'] = """put out|put out
report|reported
complain about|complained about"""
V['lh'] = """visit|visited
tour|toured
photograph|photographed
save|saved"""


# ------------------------------------------------------------------ topic banks
B = {}

B['tr'] = dict(
ppl="""bus riders
commuters
[morning|evening|weekend|late-shift] riders
cyclists
drivers
parents who drive the school run
people who take the {num 2-98}
regulars on the {tr_color} Line
students who ride to {university}
night-shift workers
[older|younger] riders
delivery drivers
rideshare drivers
people with strollers
wheelchair users
neighbors on {street}
transit advocates
[taxi|truck|bus] drivers
folks at the park-and-ride
ferry regulars""",
one="""a bus driver
a [longtime|daily|weekend] rider
a cyclist
a crossing guard
a [cab|delivery|rideshare] driver
a transit planner
a dispatcher
a mechanic at the bus depot
a student who rides the {num 2-98}
a nurse who takes the early train
a commuter from {hood}
a parking officer""",
adj="""crosstown
express
overnight
{num 6-9}:{num 10-55}
northbound
southbound
rerouted
brand-new
electric
[old|aging|rattling]
crowded
half-empty
weekend
rush-hour
late-night
airport
downtown
free
{tr_color} Line
local
replacement
shuttle
articulated
early
last""",
thing="""bus
train
shuttle
streetcar
ferry
[light-rail|commuter] train
trolley
van
express
connection
transfer
run""",
place="""the {street_name} stop
{street} and {street_name}
the {hood_name} station
the transfer center
the park-and-ride off {street}
the hospital stop
the stadium
the {street_name} bridge
[the airport|the {city} airport]
the depot on {street}
the mall on {street}
the college
the {hood_name} loop
the ferry dock
the downtown terminal""",
happen="""[ran|showed up] {num 4-45} minutes late
skipped {num 2-5} stops
broke down
got cancelled without notice
[left|pulled away] early
got stuck behind a delivery truck
was packed by {time 12}
never showed up
got rerouted around {tr_obstacle}
sat with its doors open for {num 5-20} minutes
lost power for {num 5-40} minutes
ran every {num 20-60} minutes instead of every {num 8-15}
came {num 2-3} at a time
stopped short of the platform
switched drivers halfway
ran on the old schedule
had its heat stuck on high
[filled|emptied] out at {tr_spot}""",
state="""a mess
late half the time
packed at rush hour
surprisingly reliable
slower than walking
[mostly|almost always] on time
standing room only
quieter than it used to be
cleaner than people think
[impossible|easy] to catch after {time 12}
a coin flip
useless on weekends
faster since the bus lane opened
worth the extra ${num 1-3}""",
why="""the new schedule
a driver shortage
the {street} closure
road work on {street}
budget cuts
the fare increase
the bus lane on {street}
the new app
the school calendar
[rain|snow|ice|heat]
a broken signal at {street}
construction near {tr_spot}
the stadium crowds
the merger of two routes
[higher|cheaper] parking downtown
the late-night cuts
the price of gas
the detour around {tr_obstacle}""",
result="""I walked the last {num 6-25} blocks
half my [class|team|shift] was late
nobody was surprised
the app still said "arriving"
I missed my [transfer|meeting|appointment]
[a|one] [driver|rider] just laughed
I paid ${num 12-45} for a cab
the platform filled up fast
we all got to know each other
my boss stopped asking why I'm late
I started leaving {num 10-30} minutes earlier
{first} gave me a ride
the line at the stop reached the corner
I took a photo for the group chat""",
do="""[drive|bike|walk] instead
leave {num 10-30} minutes early
take the express
skip the downtown stops
[carpool|split rides] with neighbors
keep a backup plan
check the live map before leaving
buy the monthly pass
stand at the back of the platform
ride only on weekdays
pay for parking downtown
avoid {street} at rush hour
work from home on {date weekday}s
take the {num 2-98} to {hood} and transfer""",
)

B['wx'] = dict(
ppl="""neighbors
farmers
gardeners
parents
[runners|cyclists|walkers]
people on our block
folks in {hood}
[delivery|mail] carriers
roofers
[plow|utility|tree] crews
outdoor workers
[dog owners|dog walkers]
older residents
[golfers|fishermen|boaters]
renters without air conditioning""",
one="""a forecaster
a farmer
a gardener
a roofer
a plow driver
a lineworker
a neighbor
a mail carrier
an old-timer
a weather nerd
a lifeguard""",
adj="""[late-season|early-season|surprise|overnight|afternoon|weekend|record|slow-moving|fast-moving|strange|short|long|brutal|mild|soaking|icy|muggy|dry|windy]
[heavy|light|steady|sudden|sideways|freezing]""",
thing="""storm
rain
snow
wind
heat wave
cold snap
fog
hail
freeze
thunderstorm
drizzle
downpour
dry spell
humidity
frost""",
place="""[the airport|the {city} airport]
{hood}
the river
the lake
{street}
the valley
the beach
[the park|{street_name} Park]
the {street_name} reservoir
the foothills
the coast
[the fairgrounds|the {street_name} fairgrounds]
the ballfields""",
happen="""knocked out power for {num 900-48000 ,} homes
dropped {num 1-14}.{num 1-9} inches
flooded the underpass on {street}
[closed|shut] [schools|roads|the highway|the bridge] for {num 2-30} hours
brought down {num 3-40} trees
broke a record from {num 1931-2018}
lasted {num 2-9} days
[came|rolled] through around {time 12}
turned the streets to ice
cancelled {num 2-90} flights
[stalled|parked] over {hood} for hours
pushed the heat index to {num 100-118}
left {num 2-9} inches of slush
iced over the {street_name} bridge""",
state="""worse than forecast
milder than last year
a nuisance more than a danger
[the worst|the strangest|the mildest] in years
gone by lunch
right on schedule
nothing like the ones {wx_past}
hard on the gardens
rough on older folks
good for the reservoirs""",
why="""the heat
[ice|black ice] on {street}
the flooding
the power outages
smoke from the fires
the {season} storms
the pollen
the dry spell
a burst pipe
the snow day
the hail damage
the wind
the humidity""",
result="""the plows did not reach {street} until {time 12}
we ate dinner by flashlight
the gutters gave up
half the block lost power
school went remote
the tomatoes did not survive
our basement took on water
the power came back {num 2-30} hours later
[I|we] slept in the basement
the pool opened early
nobody walked the dog
the sky turned green for about {num 5-20} minutes""",
do="""[stock up|stocked up] on batteries
keep a generator in the garage
park on high ground
cover their plants at night
run errands before noon
stay off the roads
check the radar hourly
[avoid|skip] the {street} underpass
keep the blinds shut
clean their gutters twice a year""",
)

B['cc'] = dict(
ppl="""residents
[homeowners|renters|tenants]
neighbors on {street}
shop owners downtown
parents
[retirees|seniors]
council watchers
[city|county] workers
people who spoke at the hearing
[cyclists|drivers|pedestrians]
members of the {hood_name} neighborhood association
[firefighters|police officers|librarians]
volunteers from [the food bank|the {hood_name} food bank]
local landlords
voters in {hood}""",
one="""a council member
a city planner
a neighbor who speaks at every meeting
a retired clerk
a [county|city] commissioner
a zoning lawyer
a longtime resident of {hood}
a candidate for the {hood_name} seat
a librarian
a code inspector
the mayor's chief of staff""",
adj="""[new|revised|amended|long-delayed|controversial|watered-down|{num 2-9}-page|${num 1-90} million|stalled|popular|unpopular|draft|final|emergency|temporary|five-year]""",
thing="""budget
zoning plan
ordinance
bond measure
parking plan
bike plan
tax increase
housing proposal
park project
road plan
noise rule
water-rate hike
library plan
traffic study
rezoning
trash contract""",
place="""City Hall
the {date weekday} meeting
the council chamber
the {hood_name} library
the county building
the planning commission
the budget hearing
the town hall in {hood}
the school gym on {street}""",
happen="""passed {num 5-9} to {num 1-4}
failed by a single vote
got tabled until {cc_later}
drew {num 30-400} public comments
was rewritten {num 2-5} times
went back to committee
passed after midnight
stalled for {num 2-9} months
lost {num 2-3} of its biggest pieces
got a surprise amendment
was approved without debate
ran ${num 1-40} million over""",
state="""dead on arrival
popular with almost nobody
overdue
a done deal
a long shot
mostly symbolic
the talk of {hood}
more complicated than it looks
months behind schedule
cheaper than the last version""",
why="""property taxes
the budget gap
the new apartments on {street}
parking downtown
the potholes on {street}
the closed {street_name} pool
rising water bills
short-term rentals
[the library|the {street_name} library|the {hood_name} branch library] hours
the speeding on {street}
the trash contract
the {street_name} bridge
police overtime
the homeless shelter plan""",
result="""the next meeting is {cc_later}
nobody on the dais looked happy
the vote was {num 5-9} to {num 1-4}
{num 30-400} people stayed past {num 10-11} p.m.
the mayor promised a town hall
the clerk ran out of speaker cards
the livestream crashed twice
the item got moved to {cc_later}
half the room walked out
the local paper ran it on the front page""",
do="""[show up|sign up to speak] at every meeting
email the council before votes
watch the livestream
vote in the local elections
read the whole budget
call the 311 line
go to the {hood_name} neighborhood meetings
sign every petition that comes around""",
)
B['sc'] = dict(
ppl="""parents
teachers
[middle|high] schoolers
students at {sc_school}
bus drivers
coaches
[substitute|new|veteran] teachers
PTA members
[school nurses|counselors|librarians]
grandparents who do pickup
kids in [second|third|fourth|fifth|sixth|eighth] grade
families in {hood}
[college|community college] students
tutors""",
one="""a teacher
a principal
a parent at {sc_school}
a school nurse
a bus driver
a [fifth|seventh|tenth]-grader
a substitute teacher
a school board member
a crossing guard
a counselor at {sc_school}
a [math|reading|science|music] teacher
a college freshman""",
adj="""[new|revised|confusing|{num 4-5}-day|year-round|optional|required|online|weekly|fall|spring|district-wide|pilot|old|updated|shorter|longer]""",
thing="""schedule
curriculum
bus route
lunch menu
report card
phone policy
homework policy
school calendar
reading program
math program
dress code
testing schedule
pickup plan
after-school program
start time
grading system""",
place="""{sc_school}
the district office
the {hood_name} campus
our kid's school
the board meeting
the middle school on {street}
[the elementary school|{street_name} Elementary]
the PTA meeting""",
happen="""started {sc_start_short}
got announced in a {num 2-6}-page letter
changed {num 2-3} times since {past month}
went out by robocall at {time 12}
got pushed back to {sc_start_short}
was dropped after {num 1-3} years
got a trial run in {num 3-9} classrooms
was approved {num 4-7} to {num 1-3}
landed in the group chat before the official email""",
state="""confusing
a big improvement
harder on working parents
popular with the kids
a headache for teachers
fine on paper
still a work in progress
a step backward
better than the old one
overdue""",
why="""the teacher shortage
the bus driver shortage
test scores
phones in class
the budget cuts
the new start time
chronic absences
class sizes
the {num 4-5}-day week
the construction on {street}
the lunch debt
the new reading program""",
result="""half the class missed the bus
the PTA called an emergency meeting
my kid is thrilled
the teachers found out the same day we did
pickup now takes {num 20-50} minutes
we had to rearrange our whole week
{num 2-9} families switched schools
the principal sent {num 2-4} follow-up emails
nobody read the fine print""",
do="""check the school portal daily
drive their kids to school
pack lunches
pay for tutoring
carpool with neighbors
volunteer in the classroom
read the school newsletter
go to every board meeting
pay for after-school care
send their kids to {sc_school}""",
)
B['hl'] = dict(
ppl="""patients
nurses
[new|older|young] parents
people on {hl_med}
[doctors|pharmacists|dentists]
runners
[seniors|retirees]
people without insurance
folks in {hood}
[allergy|asthma] sufferers
caregivers
people with bad backs""",
one="""a nurse
a pharmacist
a dentist
a physical therapist
an ER doctor
a pediatrician
a home health aide
a receptionist at the clinic
a paramedic
a dietitian
a patient at {hl_hospital}""",
adj="""[new|walk-in|after-hours|weekend|only|nearest|small|crowded|renovated|understaffed|24-hour|overbooked|tiny|busy]""",
thing="""clinic
urgent care
pharmacy
ER
dental office
health center
lab
eye doctor
physical therapy office
pediatric office""",
place="""{street}
{hood}
the corner of {street}
the hospital campus
the strip mall on {street}
{hl_hospital}
the old bank building
the {hood_name} shopping center""",
happen="""stopped taking walk-ins
cut its hours to {num 3-5} days a week
had a {num 2-5}-hour wait
ran out of flu shots
switched to a new billing system
dropped {num 2-4} insurance plans
closed for {num 2-8} weeks
hired {num 2-9} new nurses
started charging a ${num 25-90} no-show fee
lost its only pediatrician""",
state="""always packed
hard to reach by phone
better than the ER
understaffed
surprisingly quick
more welcoming than it looks
the only option nearby
booked {num 2-9} weeks out""",
why="""flu season
staff shortages
insurance changes
the new billing system
a wave of strep
allergy season
the heat
the closing of the clinic on {street}
long waits at {hl_hospital}
the price of {hl_med}""",
result="""I drove to {hood} instead
we waited {num 40-180} minutes
the bill came to {money}
my kid got seen in {num 10-20} minutes
I gave up and went home
the pharmacist called around for us
we got a ${num 90-800} surprise bill
the nurse gave us her honest opinion
I booked the next slot, {num 2-9} weeks out""",
do="""go to urgent care instead of the ER
call at {num 7-8} a.m. sharp
fill prescriptions by mail
drive to {hood} for checkups
skip the annual checkup
use the patient portal
ask for the generic
pay cash for small visits""",
)

B['hs'] = dict(
ppl="""renters
tenants in our building
homeowners
landlords
first-time buyers
[young|older] families
neighbors on {street}
people in {hood}
real estate agents
[roommates|couples] looking for a place
retirees who want to downsize
[contractors|plumbers|electricians]""",
one="""a landlord
a real estate agent
a tenant organizer
a building super
a contractor
a plumber
a mortgage broker
a neighbor on {street}
a housing lawyer
a home inspector
a first-time buyer""",
adj="""[old|new|brick|drafty|renovated|{num 4-240}-unit|rent-stabilized|corner|basement|top-floor|walk-up|shared|overpriced|tiny|sunny|two-bedroom|one-bedroom|three-story|{num 1910-1995}]""",
thing="""apartment
building
house
duplex
condo
townhouse
studio
rental
bungalow
fourplex""",
place="""{street}
{hood}
the corner of {street}
the block behind {street}
the old {street_name} school
[the park|{street_name} Park]
the train station
the {street_name} bridge""",
happen="""sold for ${num 200-990},000
went up ${num 75-450} a month
sat empty for {num 3-18} months
got a new owner
listed at ${num 900-3900 ,} a month
flooded during {wx_event_lc}
lost heat for {num 2-9} days
rented in {num 1-5} days
got {num 9-40} offers
went condo
got a new roof""",
state="""overpriced
a good deal for {hood}
falling apart
better inside than it looks from the street
impossible to heat
worth the rent
full of character
loud on weekends
one of the last affordable places around""",
why="""the rent increase
the new lease rules
property taxes
the heat going out
the mold
interest rates
the new apartments on {street}
the landlord selling
the commute
a new baby
the parking situation
the school boundaries""",
result="""we started looking in {hood}
the landlord sent a {num 2-30}-page addendum
our rent went up ${num 75-450}
the super finally showed up
three of our neighbors moved out
we signed for another year
the tenants' group got a lawyer
I started checking listings every morning
the realtor stopped returning calls""",
do="""rent instead of buying
look in {hood}
sign two-year leases
take in roommates
fix things themselves
pay the ${num 25-95} amenity fee
wait out the market
move farther out""",
)
B['fd'] = dict(
ppl="""regulars
[line cooks|servers|bartenders]
food truck owners
[families|couples|students] on a budget
people on {street}
[grocery|deli] shoppers
home cooks
[vegetarians|meat eaters|picky eaters]
weekend brunch crowds
night-shift workers
restaurant owners
farmers market vendors""",
one="""a line cook
a server
a baker
a food truck owner
a butcher
a home cook
a restaurant critic
a grocery clerk
a bartender
a farmer at the market
a regular at {cafe}""",
adj="""{fd_adj}""",
thing="""{fd_kind}""",
place="""{street}
{hood}
the corner of {street}
the old {street_name} lot
the strip mall on {street}
[the farmers market|the {street_name} farmers market]
the food hall downtown
the train station
the ballpark""",
happen="""closed for good
raised prices {pct}
went cash-only
added a ${num 1-4} card fee
got a new chef
reopened after {num 2-14} months
started taking reservations
ran out of food by {time 12}
added a patio
changed its menu
cut its hours
got a "{fd_grade}" from the inspector""",
state="""worth the wait
overpriced
better than it has any right to be
slipping lately
a neighborhood institution
packed every weekend
hard to get into
cheaper than cooking at home
the best thing on {street}""",
why="""egg prices
the rent on {street}
delivery fees
the new menu
staff shortages
the long lines
the card fees
a bad review
the tipping screens
the price of beef""",
result="""we ordered takeout instead
the line went around the block
we split {num 2-3} plates
{first} got the last {fd_dish_noun}
the bill came to {money}
I left a long review
we will be back
nobody finished their plate""",
do="""cook at home more
order takeout once a week
skip delivery apps
shop at [the farmers market|the {street_name} farmers market]
buy store brands
eat out only on weekends
tip in cash
pack lunches for work""",
)
B['sp'] = dict(
ppl="""fans
[soccer|hockey|baseball|swim] parents
season-ticket holders
[runners|cyclists|swimmers]
youth coaches
players
refs
[pickleball|tennis] players
people at the game
students in the bleachers""",
one="""a coach
a ref
a [soccer|hockey|swim|baseball] parent
a season-ticket holder
a former player
a sports reporter
a team trainer
a volunteer at the snack bar
a [runner|cyclist|swimmer]""",
adj="""[home|away|rivalry|playoff|{season}|rain-delayed|sold-out|overtime|opening|season|weekend|late|youth|championship|make-up|exhibition]""",
thing="""game
match
tournament
meet
race
practice
scrimmage
final
doubleheader
season opener""",
place="""{sp_field}
the {street_name} field
the high school gym
[the rec center|the {street_name} rec center]
the stadium
the ice rink in {hood}
the pool on {street}
[the park|{street_name} Park]""",
happen="""went to overtime
got rained out
ended {sp_score}
drew about {num 300-38000 ,} fans
started {num 20-90} minutes late
got moved to {sp_field}
ended on a last-second shot
got suspended after a fight in the stands
came down to penalties""",
state="""the best game all year
painful to watch
a total blowout
closer than the score says
freezing
way too long
worth the ticket""",
why="""the weather
the new league rules
ticket prices
the coaching change
injuries
the field conditions
the lights at {sp_field}
the schedule""",
result="""we left at halftime
{first} lost their voice
the bleachers emptied fast
the parents argued in the parking lot
the team got ice cream anyway
the coach gave a long speech
nobody wanted to go home""",
do="""buy season tickets
watch from the cheap seats
coach on weekends
drive {num 1-3} hours to away games
skip the big games
pay for travel teams
play pickup on {date weekday}s""",
)
B['tc'] = dict(
ppl="""[older|younger] relatives
people in {hood}
[gamers|photographers|podcasters]
small-business owners
parents with kids on tablets
students
[IT|support] folks
neighbors on the {hood_name} group chat
people I work with
early adopters""",
one="""a repair tech
an IT person
a phone store clerk
a software developer
a tech reviewer
a neighbor who fixes everyone's Wi-Fi
a teenager
a support agent""",
adj="""{tc_adj}""",
thing="""{tc_base}""",
place="""the repair shop on {street}
the {brand} store
home
the office
our kitchen
the living room
[the library|the {street_name} library|the {hood_name} branch library]
the electronics counter at {brand}""",
happen="""died after {num 14-40} months
froze during an update
stopped charging
lost all its settings
started rebooting at random
got a {num 2-9}-gigabyte update
ran out of storage
[cracked|shattered] on the sidewalk
started showing ads
lost Wi-Fi every night around {time 12}""",
state="""slower than it used to be
fine for what we need
a pain to set up
more trouble than it's worth
surprisingly sturdy
out of date already
worth the money""",
why="""the last update
the new subscription fees
a bad battery
the price
the warranty
the app changes
the outage
the new password rules""",
result="""I bought a refurbished one for {money}
the repair cost {money}
I spent {duration} on hold
{first} fixed it with a paperclip
we went back to the old one
I wrote a {num 1-2}-star review
the store gave me {pct} off a new one""",
do="""buy refurbished
keep their phones for {num 3-6} years
turn off automatic updates
read the reviews first
fix things themselves
pay for extended warranties
skip the newest models""",
)

B['wk'] = dict(
ppl="""[nurses|drivers|cooks|cashiers|teachers|warehouse workers|call center staff|accountants|developers|janitors]
people on my team
coworkers on the night shift
new hires
[union|nonunion] workers
[managers|supervisors]
people who commute to the {street} office
temps
contractors
[retail|restaurant|hospital] workers""",
one="""a coworker
a shift lead
a manager
a union rep
an HR person
a new hire
a recruiter
a warehouse supervisor
a nurse on nights
a [bank|store|office] manager""",
adj="""[new|revised|rotating|{num 4-5}-day|weekly|hybrid|mandatory|annual|optional|{num 10-12}-hour|part-time|overnight|holiday|summer|open-plan|unpaid]""",
thing="""schedule
policy
shift
meeting
review
training
office layout
time-off rule
dress code
overtime rule
parking plan
bonus plan""",
place="""work
the {street} office
the plant
the warehouse
the store
[the hospital|{hl_hospital}]
our branch
headquarters
the {hood_name} location""",
happen="""started on {date md}
got announced in a {num 2-40}-slide deck
changed {num 2-3} times this year
got rolled back after {num 2-6} weeks
went out in an email at {time 12}
got a {num 10-25}-minute training
was approved by someone none of us has met
cut our breaks by {num 5-15} minutes""",
state="""confusing
fine, honestly
a headache
better than the old one
impossible to follow
popular with nobody
long overdue""",
why="""the new schedule
short staffing
the raise freeze
overtime rules
the reorg
parking costs
the commute
the new software
a bad quarter
the holiday rush""",
result="""{num 2-6} people quit
our {wk_boss} apologized
nobody took lunch
we all stayed late
I updated my resume
the union filed a grievance
the parking lot was half empty
{first} got promoted""",
do="""work through lunch
pick up extra shifts
take the early shift
work from home on {date weekday}s
carpool to the {street} office
skip the optional meetings
keep their resumes updated
take second jobs""",
)
B['mn'] = dict(
ppl="""families in {hood}
renters
retirees on fixed incomes
[students|young couples|single parents]
shoppers at {fd_store}
people I know
[drivers|commuters]
small-business owners
coupon clippers
neighbors on {street}""",
one="""a financial planner
a bank teller
a tax preparer
a bargain hunter
a cashier
a retired accountant
a credit counselor
a neighbor who budgets everything""",
adj="""[monthly|annual|new|easy-to-miss|surprise|late|recurring|one-time|extra|doubled|bigger|smaller|quarterly|seasonal|${num 2-99}]""",
thing="""bill
fee
charge
premium
rate
payment
statement
surcharge
renewal
invoice""",
place="""the bank
the pharmacy counter
{fd_store}
[the DMV|the DMV on {street}]
the gas station on {street}
the utility office
[the post office|the post office on {street}]
the car dealer on {street}""",
happen="""went up {pct}
showed up twice
got waived after one call
doubled overnight
arrived {num 2-11} weeks late
got refunded
was {money} higher than last month
came with a {num 2-14}-page explanation""",
state="""higher than it should be
confusing
easy to miss
a small fortune
the biggest line in our budget
steeper every year
not worth arguing about""",
why="""inflation
the new fees
interest rates
the price of gas
rent
grocery prices
insurance costs
a billing error
the promotional rate ending""",
result="""we cut {num 2-4} subscriptions
I called and got {money} back
we started a budget spreadsheet
the kids got a lecture about lights
we switched banks
I read every line of the statement""",
do="""use coupons
buy in bulk
shop the sales
cancel a subscription every month
pay cash
check their statements
call to negotiate bills
skip takeout""",
)
B['hb'] = dict(
ppl="""[knitters|quilters|potters|woodworkers|birders|gardeners|climbers|chess players|photographers|runners|crafters]
people at the {hb_club}
beginners
retirees with time on their hands
kids at [the library|the {street_name} library|the {hood_name} branch library]
members of the {hb_club}
weekend hobbyists
neighbors with big gardens""",
one="""a quilter
a woodworker
a birder
a potter
a chess coach
a master gardener
a photographer
a yarn shop owner
a beekeeper
a collector""",
adj="""[beginner|advanced|monthly|weekly|free|new|{season}|outdoor|indoor|all-day|evening|family|annual|small|packed]""",
thing="""class
workshop
meetup
show
swap
sale
club night
tournament
fair
open house""",
place="""{hb_venue}
[the library|the {street_name} library|the {hood_name} branch library]
the {hood_name} rec center
[the park|{street_name} Park]
[the fairgrounds|the {street_name} fairgrounds]
a church basement
the community garden""",
happen="""filled up in {num 10-60} minutes
drew {num 12-400} people
moved to {hb_venue}
got a new instructor
doubled in size
ran [an hour|two hours|{num 20-50} minutes] over
raised ${num 200-4000 ,} for [the library|the {street_name} library|the {hood_name} branch library]""",
state="""a great way to meet people
cheaper than you'd think
full of regulars
more welcoming than I expected
addictive
a good excuse to get out""",
why="""the new space
a write-up in {outlet}
word of mouth
the cold weather
the supply prices
retirement
the pandemic years""",
result="""I signed up for the next one
{first} bought a {hb_gear}
we stayed until closing
my garage is now a workshop
the regulars welcomed us
I came home with {num 2-9} new projects""",
do="""buy secondhand gear
meet on {date weekday}s
trade supplies
teach beginners
enter the county fair
post their work online
spend too much on supplies""",
)
B['sb'] = dict(
ppl="""shop owners on {street}
regulars
[small|local] business owners
[clerks|cashiers|baristas]
customers
neighbors
vendors at the market
people who work downtown""",
one="""a shop owner
a clerk
a regular
a barber
a florist
a tailor
a bookseller
a bike mechanic
the owner of {sb_shop_lc}""",
adj="""[old|tiny|family-run|cash-only|new|{num 30-95}-year-old|second-location|independent|beloved|struggling|busy|quiet]""",
thing="""{sb_kind}""",
place="""{street}
{hood}
the corner of {street}
[the strip mall|the {street_name} strip mall]
downtown
the train station
the old mill""",
happen="""closed after {num 12-80} years
moved to {hood}
got a new owner
raised prices {pct}
cut its hours
started delivering
had a closing sale
reopened after a fire
went cash-only""",
state="""a neighborhood fixture
busier than ever
hanging on
worth the trip
cheaper than online""",
why="""the rent increase
the road work on {street}
online competition
card fees
parking changes
the new big-box store
shoplifting""",
result="""the line went out the door
regulars started a fundraiser
I bought more than I needed
the owner thanked everyone by name
the shelves were half empty""",
do="""shop local on weekends
pay cash
buy gift cards to help
skip the big-box stores
walk to {street}""",
)
B['pt'] = dict(
ppl="""dog owners
cat people
people at the dog park
[shelter|rescue] volunteers
[vets|vet techs|groomers|dog walkers]
neighbors with dogs
pet sitters""",
one="""a vet
a vet tech
a groomer
a dog walker
a shelter volunteer
a dog trainer
a neighbor with {num 2-4} cats""",
adj="""[new|fenced|small|muddy|crowded|{hood_name}|free|old|tiny|busy]""",
thing="""dog park
shelter
vet clinic
grooming place
pet store""",
place="""{street}
{hood}
[the park|{street_name} Park]
the river trail
the old {street_name} lot""",
happen="""closed for repairs
raised prices {pct}
took in {num 20-200} animals
opened a second location
added evening hours
ran out of space""",
state="""always busy
worth the drive
muddy after rain
friendly to newcomers""",
why="""vet prices
the new leash rules
a parvo scare
the heat
the shelter crowding""",
result="""we adopted a {pt_pet_kind}
the dog slept all afternoon
I paid {money} at the vet
the shelter waived fees""",
do="""walk their dogs before {time 12}
buy pet insurance
foster kittens
train their dogs at home""",
)
B['tv'] = dict(
ppl="""travelers
[families|students|retirees] on vacation
people at [the airport|the {city} airport]
[business|weekend] travelers
[hotel|airline] workers
road-trippers""",
one="""a flight attendant
a travel agent
a hotel clerk
a bus driver
a frequent flier
a tour guide""",
adj="""[cheap|direct|early|late|overnight|cancelled|delayed|packed|last|new|{num 6-9} a.m.]""",
thing="""flight
train
bus
ferry
connection
shuttle""",
place="""{city}
[the airport|the {city} airport]
the station
the terminal
the border""",
happen="""got cancelled
left {num 2-9} hours late
was overbooked
got diverted to {city}
sold out in a day""",
state="""a nightmare
surprisingly smooth
worth the extra money
packed""",
why="""the weather
staffing
the holiday rush
a computer outage""",
result="""we slept at the gate
I missed a wedding
we got a ${num 10-15} voucher
the trip took {num 2-3} days""",
do="""book early
pack light
drive instead
fly on {date weekday}s""",
)

B['fm'] = dict(
ppl="""parents
grandparents
new parents
parents of toddlers
stepparents
[moms|dads]
babysitters
nannies
families with {num 2-5} kids
single parents
foster parents
teenagers""",
one="""mom of {num 2-5}
dad of {num 2-4}
grandmother
babysitter
nanny
daycare teacher
pediatric nurse
foster parent
stay-at-home dad
parent at the playground""",
adj="""[new|crowded|shaded|fenced|expensive|affordable|home-based|full-day|half-day|drop-in|weekend|summer|after-school|{num 2-5}-day|licensed|tiny|noisy|popular]""",
thing="""daycare
playground
birthday party
summer camp
preschool
kids' gym
story hour
swim class
nap schedule
carpool
babysitting co-op
play group""",
place="""{hood}
[the library|the {street_name} library|the {hood_name} branch library]
[the rec center|the {street_name} rec center]
the park on {street}
church
[the community center|the {street_name} community center]
[the YMCA|the {hood_name} YMCA]
{cafe}""",
happen="""raised its rates to ${num 900-2400 ,} a month
had a waitlist of {num 20-200} families
closed for {num 2-9} days without warning
moved to {hood}
filled up in {num 10-90} minutes
added a second location
lost {num 2-4} teachers
switched to a {num 4-5}-day schedule
ended early because of {wx_event_lc}""",
state="""a lifesaver
impossible to get into
worth every penny
chaos in the best way
the only affordable option
booked months ahead""",
why="""the cost of daycare
the waitlists
nap times
the school calendar
the heat
sick days
the babysitter quitting
work schedules""",
result="""we split the week with grandma
I worked from the car
the kids fell asleep by {time 12}
we paid {money} for a sitter
the group chat lit up
I took {num 2-5} days off""",
do="""share babysitters
swap pickup days
book summer camp in January
keep a backup sitter
lean on grandparents
pay for after-school care""",
)
B['cr'] = dict(
ppl="""drivers
car owners
mechanics
new drivers
commuters who drive downtown
[truck|delivery|rideshare] drivers
people with older cars
[EV|hybrid] owners""",
one="""mechanic
car salesman
tow truck driver
driving instructor
tire shop owner
parts counter guy
used-car buyer
body shop manager""",
adj="""[used|old|leased|rental|new|electric|hybrid|{num 2004-2022}|high-mileage|secondhand|family|work|{num 3-15}-year-old|cheap|beat-up|reliable]""",
thing="""car
minivan
pickup
hatchback
sedan
SUV
station wagon
truck
coupe
crossover""",
place="""[the DMV|the DMV on {street}]
the shop on {street}
the car wash on {street}
the dealer off {street}
[the gas station|the {brand} station on {street}]
the inspection station
the tire place in {hood}
the body shop""",
happen="""failed inspection
needed ${num 400-3800 ,} in repairs
got a recall notice
sat in the shop for {num 3-30} days
got towed from {street}
hit a pothole on {street}
got rear-ended at a light
lost a hubcap
got a ${num 35-180} ticket
finally passed {num 150-300},000 miles""",
state="""reliable
a money pit
cheap to run
worth fixing
on its last legs
better than new""",
why="""gas prices
insurance rates
the recall
repair costs
parts shortages
the potholes
parking tickets""",
result="""I took the bus for a week
the estimate doubled
the mechanic shrugged
we bought a used one for {money}
I sold it for parts
insurance covered {pct}""",
do="""keep their cars for {num 8-15} years
do their own oil changes
shop around for insurance
buy used
drive less
fill up on {date weekday}s""",
)
B['yd'] = dict(
ppl="""homeowners
gardeners
neighbors
landscapers
renters with a yard
people on our street
tree crews""",
one="""landscaper
arborist
neighbor with a perfect lawn
master gardener
handyman
fence installer""",
adj="""[front|back|shared|overgrown|brown|patchy|new|old|cedar|chain-link|leaning|raised|native|shady|sunny]""",
thing="""lawn
fence
hedge
garden bed
maple tree
compost bin
patio
deck
flower bed
vegetable patch
gutter
shed""",
place="""our block
{street}
the back of the lot
the corner lot on {street}
{hood}""",
happen="""came down in {wx_event_lc}
needed ${num 300-4800 ,} in work
got a notice from the HOA
took {num 2-9} weekends to fix
flooded after {num 1-4} inches of rain
got eaten by deer
won the {hood_name} garden tour""",
state="""a weekend project
more work than it looks
the envy of the block
beyond saving
finally under control""",
why="""the drought
the water rules
the HOA
the deer
the heat
the storm damage""",
result="""we hired {first}'s nephew
the neighbors helped
we rented a chipper for {money}
I threw out my back""",
do="""water before {time 12}
plant natives
skip the lawn service
compost everything
share tools""",
)
B['lb'] = dict(
ppl="""library regulars
book club members
readers
[kids|teens] at story time
librarians
retirees
students""",
one="""librarian
book club host
used-book seller
library volunteer
children's librarian
local author""",
adj="""[new|renovated|tiny|busy|quiet|branch|main|mobile|weekend|summer|free|annual|used]""",
thing="""library
book sale
reading program
bookmobile
reading room
book club
author talk
story time""",
place="""{street}
{hood}
the {street_name} branch
downtown
the main library""",
happen="""added Sunday hours
raised ${num 800-9000 ,}
closed for {num 2-12} months of repairs
drew {num 40-600} people
lost its funding
extended its hours to {num 8-9} p.m.""",
state="""packed on weekends
a quiet refuge
the best deal in town
underfunded
worth the trip""",
why="""the budget cuts
the new hours
the renovation
the heat""",
result="""I checked out {num 3-12} books
the kids got stickers
we found a first edition for ${num 2-8}""",
do="""read {num 2-6} books a month
use the library app
volunteer at the book sale
go to story time""",
)
B['ar'] = dict(
ppl="""concertgoers
musicians
theater fans
local artists
people at the festival
gallery regulars
choir members
students in the band""",
one="""musician
stage manager
gallery owner
painter
drummer
festival organizer
sound tech
theater director""",
adj="""[outdoor|free|sold-out|late|summer|local|{num 2-3}-day|student|open-air|tiny|packed|annual|first|last|rained-out]""",
thing="""concert
festival
open mic
play
gallery opening
art walk
recital
jazz night
musical
film screening
dance show""",
place="""the {street_name} theater
[the park|{street_name} Park]
{cafe}
the old {sb_kind_old} on {street}
the amphitheater
the high school auditorium
{hood}""",
happen="""sold out in {num 2-40} minutes
got moved indoors
ran {num 20-60} minutes late
raised ${num 500-9000 ,} for {cc_item}
drew {num 200-9000 ,} people
got cancelled because of {wx_event_lc}""",
state="""worth the ticket
louder than expected
the highlight of the {season}
a little chaotic
better than last year""",
why="""ticket prices
the parking
the weather
the noise complaints
a new sponsor""",
result="""we danced until {time 12}
I bought a ${num 15-60} print
the crowd sang along
we left early""",
do="""buy tickets early
bring folding chairs
support local bands
skip the big venues""",
)
B['ft'] = dict(
ppl="""gym regulars
runners
[swimmers|lifters|cyclists]
yoga people
older members
new members in January
personal trainers""",
one="""personal trainer
yoga teacher
spin instructor
lifeguard
front-desk worker at the gym
running coach""",
adj="""[new|crowded|24-hour|cheap|boutique|hot|early|morning|evening|weekend|beginner|free|outdoor|6 a.m.]""",
thing="""gym
yoga class
spin class
pool
boot camp
weight room
running group
climbing gym
pilates class""",
place="""{street}
{hood}
[the rec center|the {street_name} rec center]
[the YMCA|the {hood_name} YMCA]
[the strip mall|the {street_name} strip mall]""",
happen="""raised dues to ${num 20-140} a month
added a ${num 20-60} sign-up fee
got new equipment
cut its hours
closed the pool for {num 2-10} weeks
filled up by {time 12}""",
state="""packed in January
worth the dues
too crowded after work
friendly to beginners""",
why="""the new dues
the crowds
the heat
the broken showers""",
result="""I started running outside
I cancelled after {num 2-6} months
I got my first pull-up""",
do="""work out at {num 5-6} a.m.
skip the gym in January
run outside
split a membership""",
)

B['ut'] = dict(
ppl="""homeowners
renters
neighbors with solar
people on older wiring
[farmers|businesses]
customers of the power company""",
one="""lineworker
electrician
utility rep
plumber
solar installer
meter reader""",
adj="""[monthly|winter|summer|new|smart|old|leaking|rebuilt|{num 30-80}-year-old|backup|rooftop|prepaid]""",
thing="""power bill
water main
gas line
meter
heat pump
water heater
solar setup
transformer
furnace""",
place="""{street}
{hood}
the corner of {street}
the substation
our basement""",
happen="""broke under {street}
jumped to {money}
got replaced after {num 20-60} years
failed during {wx_event_lc}
got a rebate of ${num 100-2000 ,}
doubled in {num 2-3} months""",
state="""cheaper than expected
a headache
overdue for replacement
worth the upfront cost""",
why="""rate hikes
the cold snap
the heat wave
a broken main
new rules from the state""",
result="""we ran space heaters
the street was dug up for {num 2-9} weeks
the bill dropped {pct}""",
do="""turn the thermostat down
sign up for budget billing
install solar
run the dishwasher at night""",
)
B['pk'] = dict(
ppl="""hikers
dog walkers
campers
families at [the park|{street_name} Park]
trail runners
birders
kayakers
park rangers""",
one="""park ranger
trail volunteer
camp host
fishing guide
lifeguard
park maintenance worker""",
adj="""[new|muddy|paved|steep|shady|crowded|secluded|{num 2-12}-mile|loop|riverside|lakeside|state|city|county|quiet|overgrown]""",
thing="""trail
park
beach
campground
boat launch
picnic area
nature preserve
swimming hole
overlook""",
place="""{hood}
the river
the lake
the edge of town
the old quarry
the foothills""",
happen="""reopened after {num 2-18} months
closed because of {wx_event_lc}
got new signs
added ${num 5-20} parking
drew record crowds
got a new bridge""",
state="""packed on weekends
worth the drive
quiet on weekdays
muddy after rain""",
why="""the heat
the new parking fees
the crowds
the storm damage
the algae bloom""",
result="""we turned back at mile {num 2-6}
the kids found {num 2-9} frogs
we had the place to ourselves""",
do="""go early
bring bug spray
hike on weekdays
pack out their trash""",
)
B['vl'] = dict(
ppl="""volunteers
food bank regulars
church groups
high school students needing hours
retirees
neighbors who cook""",
one="""volunteer coordinator
food bank driver
pastor
scout leader
shelter volunteer
Red Cross volunteer""",
adj="""[annual|monthly|weekend|holiday|neighborhood|citywide|first|big|small|{season}]""",
thing="""food drive
coat drive
park cleanup
blood drive
soup kitchen
toy drive
fundraiser
river cleanup
book drive""",
place="""{hood}
the church on {street}
[the high school|{street_name} High]
[the food bank|the {hood_name} food bank]
{cafe}
City Hall""",
happen="""collected {num 300-9000 ,} pounds of food
raised ${num 500-25000 ,}
drew {num 20-400} volunteers
ran out of supplies
got moved to {date weekday}""",
state="""short on volunteers
bigger than last year
well organized
a good way to spend a Saturday""",
why="""grocery prices
the cold
the holidays
a new sponsor""",
result="""we packed {num 200-900} boxes
{first} brought {num 3-12} friends
the shelves were full again""",
do="""volunteer once a month
donate canned food
give blood
drive meals to neighbors""",
)
B['dl'] = dict(
ppl="""online shoppers
delivery drivers
people in apartments
small sellers
returns-happy shoppers
neighbors who get packages daily""",
one="""delivery driver
warehouse picker
mail carrier
customer service rep
small online seller""",
adj="""[late|lost|damaged|missing|same-day|free|oversized|wrong|{num 2-3}-day|holiday|overnight|returned|stolen]""",
thing="""package
delivery
order
return
shipment
box""",
place="""our porch
the lobby
the locker at {brand}
the post office on {street}
the wrong house
{street}""",
happen="""showed up {num 2-14} days late
got left in the rain
went to {street} instead
arrived crushed
got stolen off the porch
took {num 2-6} weeks to refund""",
state="""a gamble
worth the wait
lost in the system
easier than driving""",
why="""the holiday rush
porch thieves
the new shipping fees
a warehouse backlog""",
result="""I drove to the depot
the refund took {num 2-6} weeks
a neighbor kept it for us""",
do="""ship to a locker
track every order
buy in stores
return things in person""",
)
B['md'] = dict(
ppl="""viewers
[gamers|streamers|podcast listeners]
fans of the show
people in my group chat
parents of teens
binge watchers""",
one="""TV critic
streamer
podcast host
game developer
superfan
film student""",
adj="""[new|final|long-awaited|surprise|animated|true-crime|reality|comedy|{num 6-10}-episode|cancelled|rebooted|indie|free|retro]""",
thing="""season
series
podcast
video game
documentary
miniseries
sitcom
movie
talk show""",
place="""{brand}
the {brand} app
the old cable box
[the library|the {street_name} library|the {hood_name} branch library]'s streaming app
late-night TV""",
happen="""got cancelled after {num 1-3} seasons
dropped all {num 6-12} episodes at once
crashed the app
got a {num 70-99}% score
moved to a paid add-on
ended on a cliffhanger""",
state="""overrated
worth the hype
slow to start
better than the book
too long by {num 2-4} episodes""",
why="""the ending
the price hikes
the ads
the writers' choices""",
result="""we watched {num 3-8} episodes in one night
the group chat exploded
I cancelled the app""",
do="""watch with subtitles
wait for the whole season
share one account
skip the ads""",
)
B['jb'] = dict(
ppl="""job seekers
recent grads
career changers
laid-off workers
recruiters
hiring managers""",
one="""recruiter
hiring manager
career counselor
job coach
new grad
laid-off engineer""",
adj="""[remote|part-time|entry-level|contract|seasonal|hybrid|{num 12-20}-dollar|senior|temporary|union|night]""",
thing="""job
interview
job fair
opening
offer
application
internship
position""",
place="""{company}
[the hospital|{hl_hospital}]
the warehouse
the job center on {street}
{city}""",
happen="""took {num 3-9} rounds of interviews
paid ${num 15-40} an hour
got {num 200-3000 ,} applications
closed in {num 2-5} days
asked for a {num 2-6}-hour test""",
state="""hard to land
worth applying for
a long shot
easier than last year""",
why="""the layoffs
the hiring freeze
remote work
the new minimum wage""",
result="""I got a callback in {num 2-9} days
I never heard back
I started {date md}""",
do="""apply to {num 10-40} jobs a week
network at meetups
rewrite their resumes
take contract work""",
)

B['wd'] = dict(
ppl="""wedding guests
brides and grooms
party planners
caterers
DJs
families planning a reunion
couples on a budget
bridesmaids""",
one="""wedding planner
caterer
DJ
florist
officiant
bridesmaid
party rental owner
photographer""",
adj="""[backyard|outdoor|small|big|budget|surprise|rained-out|last-minute|{num 40-300}-guest|family|themed|weekend|winter|summer]""",
thing="""wedding
reception
birthday party
reunion
baby shower
graduation party
retirement party
block party
anniversary dinner""",
place="""the {street_name} hall
a barn outside {city}
{cafe}
the VFW hall
our backyard
the park pavilion
the hotel ballroom""",
happen="""ran ${num 2-30},000 over budget
got moved indoors
lost its caterer a week out
went until {time 12}
had {num 40-300} guests
ended with a conga line""",
state="""worth every penny
a little chaotic
smaller than planned
the party of the year""",
why="""the weather
venue prices
the guest list
the caterer cancelling""",
result="""we danced until the lights came on
the cake survived
grandma gave a speech""",
do="""book venues a year out
skip the DJ
hire friends to help
keep the guest list short""",
)
B['co'] = dict(
ppl="""college students
freshmen
grad students
commuter students
student workers
RAs
professors
transfer students""",
one="""sophomore
grad student
adjunct professor
RA
financial aid officer
campus tour guide
teaching assistant""",
adj="""[campus|late-night|required|intro|online|8 a.m.|{num 3-4}-credit|summer|weekend|evening|crowded|new]""",
thing="""class
dorm
dining hall
library
lab
lecture
study group
parking lot
bookstore""",
place="""{university}
campus
the community college
the student union
the north quad""",
happen="""raised fees to ${num 200-900} a semester
filled up in {num 2-20} minutes
moved online for {num 2-3} weeks
lost its funding
added late-night hours""",
state="""packed during finals
overpriced
the best place to study
hard to get into""",
why="""tuition increases
the housing shortage
finals week
parking permits""",
result="""I took the class online
we studied until {time 12}
I switched majors""",
do="""take night classes
work {num 10-30} hours a week
buy used textbooks
commute from {hood}""",
)
B['sr'] = dict(
ppl="""seniors
retirees
older neighbors
caregivers
adult children of aging parents
residents of the senior center""",
one="""retired teacher
home health aide
senior center director
caregiver
retired machinist
grandmother of {num 3-12}""",
adj="""[new|weekly|free|daily|morning|afternoon|crowded|affordable|expensive|assisted|subsidized]""",
thing="""senior center
lunch program
exercise class
bingo night
shuttle
assisted living place
memory care unit
day program""",
place="""{hood}
[the community center|the {street_name} community center]
the church on {street}
the senior apartments on {street}""",
happen="""cut its hours
added a second shuttle
raised rates {pct}
drew {num 20-200} people
lost its van""",
state="""a lifeline
always full
worth the cost
short on volunteers""",
why="""the cost of care
staff shortages
the new rates
the shuttle cuts""",
result="""my dad made {num 2-9} new friends
we found a spot after {num 2-9} months
the volunteers stepped in""",
do="""play cards on {date weekday}s
take the senior shuttle
volunteer part-time
walk the mall in the morning""",
)
B['fa'] = dict(
ppl="""farmers
ranchers
orchard growers
farmhands
market gardeners
beekeepers""",
one="""farmer
rancher
dairy farmer
orchard owner
farmhand
county extension agent""",
adj="""[family|organic|small|{num 20-900}-acre|hillside|riverside|busy|roadside|hobby|fourth-generation]""",
thing="""farm
orchard
dairy
pumpkin patch
farm stand
hay field
greenhouse
vineyard""",
place="""outside {city}
the county road
{hood}
the valley""",
happen="""lost {pct} of its crop
sold out by {time 12}
opened for the {season}
got hit by hail
raised prices {pct}""",
state="""busy all {season}
worth the drive
struggling this year""",
why="""the drought
the late frost
fuel prices
the hail""",
result="""we picked {num 5-40} pounds of apples
the line went down the road""",
do="""buy straight from the farm
pick their own berries
visit the farm stand on weekends""",
)
B['mv'] = dict(
ppl="""movers
people moving out
new arrivals
renters between leases
families moving across town
students moving into new places""",
one="""mover
moving company owner
landlord
storage unit manager
real estate agent""",
adj="""[last-minute|cross-town|long-distance|{num 2-3}-day|rainy|summer|cheap|expensive|rushed]""",
thing="""move
moving truck
storage unit
moving crew
lease transfer""",
place="""{hood}
{street}
the storage place on {street}
a [third|fourth|fifth]-floor walk-up""",
happen="""took {num 6-14} hours
cost ${num 400-4000 ,}
fell through a day before
needed {num 2-6} extra boxes
ran {num 2-5} hours late""",
state="""exhausting
cheaper than expected
a nightmare""",
why="""rent prices
the lease ending
a new job""",
result="""we ate pizza on the floor
I lost a box of books
the couch did not fit""",
do="""hire movers
rent a truck
move in the winter
sell half their stuff""",
)
B['sa'] = dict(
ppl="""salon regulars
barbers
stylists
people with curly hair
brides
teenagers""",
one="""barber
stylist
nail tech
salon owner
colorist""",
adj="""[new|cheap|walk-in|old-school|busy|tiny|fancy|cash-only|two-chair|family]""",
thing="""salon
barbershop
nail salon
haircut
color appointment""",
place="""{street}
{hood}
[the strip mall|the {street_name} strip mall]""",
happen="""raised prices to ${num 25-120}
booked up {num 2-6} weeks out
changed owners
added Sunday hours""",
state="""worth the wait
always booked""",
why="""price hikes
the new stylist""",
result="""I walked out with bangs
the barber told me my life story""",
do="""tip in cash
book {num 4-8} weeks ahead
cut their own hair""",
)

B['fs'] = dict(
ppl="""firefighters
neighbors
parents of young kids
volunteer firefighters
EMTs
building managers""",
one="""firefighter
fire marshal
EMT
safety inspector
building manager""",
adj="""[annual|free|new|old|loud|broken|10-year|monthly|surprise]""",
thing="""smoke alarm test
fire drill
open house
safety check
sprinkler inspection
CPR class""",
place="""the fire station on {street}
{hood}
our building
[the high school|{street_name} High]""",
happen="""drew {num 20-400} people
found {num 2-30} dead smoke alarms
went off at {time 12}
got cancelled""",
state="""overdue
worth going to
louder than expected""",
why="""the apartment fire on {street}
the new code
the dry season""",
result="""we bought new batteries
the kids got plastic helmets""",
do="""test their alarms monthly
keep an extinguisher in the kitchen
take the free CPR class""",
)
B['po'] = dict(
ppl="""mail carriers
postal workers
people waiting in line
small sellers
rural customers""",
one="""mail carrier
postmaster
postal clerk
rural carrier""",
adj="""[new|slow|late|rural|main|branch|holiday|certified|priority|express]""",
thing="""post office
mail route
mail delivery
passport appointment
PO box""",
place="""{street}
{hood}
downtown
[the strip mall|the {street_name} strip mall]""",
happen="""cut its hours
had a line out the door
lost {num 2-5} carriers
moved to {street}""",
state="""always crowded
slower than it used to be""",
why="""staffing cuts
the holiday rush
the new sorting center""",
result="""my check arrived {num 2-14} days late
I waited {num 20-90} minutes""",
do="""go at opening time
pay bills online
rent a PO box""",
)
B['gv'] = dict(
ppl="""people renewing licenses
new residents
passport applicants
voters
small-business owners filing permits""",
one="""DMV clerk
county clerk
passport agent
notary
permit officer""",
adj="""[online|new|walk-in|in-person|expedited|annual|{num 2-6}-page|confusing|required]""",
thing="""license renewal
permit
passport application
voter registration
title transfer
business license""",
place="""[the DMV|the DMV on {street}]
the county office
City Hall
[the library|the {street_name} library|the {hood_name} branch library]
[the post office|the post office on {street}]""",
happen="""took {num 2-6} hours
cost ${num 20-190}
got rejected over a signature
needed {num 2-5} forms""",
state="""confusing
faster online
a full-day job""",
why="""the new system
the backlog
staff shortages""",
result="""I went back {num 2-3} times
the clerk was great""",
do="""book appointments weeks ahead
bring every document twice
go at opening time""",
)
B['tx'] = dict(
ppl="""tax filers
freelancers
small-business owners
tax preparers
retirees""",
one="""tax preparer
accountant
freelancer
bookkeeper""",
adj="""[federal|state|late|amended|surprise|quarterly|annual|first]""",
thing="""tax refund
tax bill
return
estimated payment
tax form""",
place="""the IRS
the state
the tax office on {street}
our accountant""",
happen="""arrived {num 2-12} weeks late
came to {money}
got flagged for review
needed {num 2-6} extra forms""",
state="""smaller than last year
a headache""",
why="""the new forms
a side job
the home office""",
result="""we filed at {time 12} on the last day
the refund paid for the car repair""",
do="""file early
keep every receipt
pay a preparer""",
)
B['pc'] = dict(
ppl="""homeowners
renters
exterminators
restaurant owners
gardeners""",
one="""exterminator
landlord
pest control tech
neighbor""",
adj="""[new|surprise|summer|spring|stubborn|{num 2-3}-week|annual]""",
thing="""ant problem
mouse problem
wasp nest
termite inspection
bed bug scare
raccoon visit""",
place="""our kitchen
the basement
the attic
the garage
the building on {street}""",
happen="""lasted {num 2-9} weeks
cost ${num 90-2400 ,} to fix
came back after {num 2-5} weeks
spread to {num 2-6} apartments""",
state="""gross
expensive
finally under control""",
why="""the wet spring
the heat
the construction next door""",
result="""we sealed every crack
the landlord finally called someone""",
do="""seal their trash cans
call an exterminator
keep food in jars""",
)
B['dy'] = dict(
ppl="""DIYers
homeowners
weekend fixers
hardware store regulars
first-time homeowners""",
one="""hardware store clerk
handyman
contractor
carpenter
electrician""",
adj="""[weekend|cheap|big|small|{num 2-9}-hour|messy|half-finished|DIY|kitchen|bathroom]""",
thing="""project
repair
remodel
paint job
tile job
deck repair
shelf install""",
place="""the hardware store on {street}
our kitchen
the garage
the basement""",
happen="""took {num 2-9} weekends
cost ${num 80-3000 ,}
needed {num 2-6} trips to the hardware store
went sideways fast""",
state="""harder than the video made it look
worth doing yourself""",
why="""contractor prices
lumber costs
the long waitlist""",
result="""we hired someone after all
it is mostly level""",
do="""watch {num 3-10} videos first
rent the tools
borrow from neighbors""",
)
B['cb'] = dict(
ppl="""coffee regulars
beer fans
baristas
brewers
wine club members
remote workers""",
one="""barista
brewer
roaster
bartender
taproom manager""",
adj="""[new|tiny|local|busy|quiet|dog-friendly|cash-only|late-night|sunny|{num 2-9}-tap]""",
thing="""coffee shop
taproom
brewery
roastery
wine bar
tea shop""",
place="""{street}
{hood}
the old {sb_kind_old}
the train station""",
happen="""raised prices to ${num 4-8}.{num 10-95} a cup
added {num 2-12} new taps
started closing at {time 12}
banned laptops on weekends""",
state="""the best place to work from
packed on weekends""",
why="""rent on {street}
coffee prices
the laptop crowd""",
result="""I found a new favorite stout
the barista knows my order""",
do="""work from coffee shops
tip the barista
buy beans by the pound""",
)
B['nb'] = dict(
ppl="""neighbors
people on our block
tenants upstairs
HOA members
dog owners""",
one="""neighbor
HOA president
building manager
block captain""",
adj="""[new|loud|late-night|ongoing|annual|petty|long-running|neighborhood|summer|friendly]""",
thing="""noise complaint
parking fight
block party
fence dispute
leaf-blower war
HOA meeting""",
place="""our block
{street}
the building
{hood}""",
happen="""lasted {num 2-9} months
ended with a handshake
reached the city council
drew {num 10-80} people""",
state="""petty
surprisingly friendly
still going""",
why="""parking
the noise
the new fence
the trash cans""",
result="""someone baked cookies
the police never came""",
do="""talk it out
leave polite notes
call the city""",
)
B['lh'] = dict(
ppl="""history buffs
longtime residents
historical society members
tour guides
preservationists""",
one="""local historian
tour guide
preservationist
archivist""",
adj="""[old|historic|{num 1880-1960}|restored|crumbling|famous|forgotten|brick]""",
thing="""building
theater
mill
train depot
church
schoolhouse
bridge
mansion""",
place="""{street}
{hood}
downtown
the riverfront""",
happen="""got a historic plaque
was torn down
reopened as apartments
turned {num 100-150} this year""",
state="""worth a visit
falling apart""",
why="""the redevelopment
a new grant""",
result="""the historical society held a tour""",
do="""join the walking tours
read the plaques""",
)



B['rl'] = dict(
ppl="""church volunteers
choir members
parishioners
potluck regulars
youth group kids
members of the mosque on {street}
temple volunteers
folks at the Sunday supper""",
one="""pastor
choir director
deacon
youth leader
imam
rabbi
church secretary
volunteer cook""",
adj="""[annual|monthly|Sunday|holiday|fall|spring|free|community|interfaith|candlelight|outdoor|potluck]""",
thing="""supper
rummage sale
bake sale
choir concert
coat drive
fish fry
craft fair
vigil
picnic
pancake breakfast""",
place="""the church on {street}
the parish hall
the mosque on {street}
the temple in {hood}
the fellowship hall
the church basement""",
happen="""raised ${num 400-9000 ,} for the roof fund
drew about {num 60-500} people
sold out of pies by {time 12}
moved to the fellowship hall
ran out of chairs""",
state="""the best meal in {hood} for ${num 5-15}
packed every year
a {hood} tradition""",
why="""the new roof
the heating bill
the food pantry
the holiday rush""",
result_raw="""we went home with {num 2-5} pies
the choir sang one more song
the kids ran the raffle""",
do="""bring a dish to share
volunteer in the kitchen
donate coats in the fall
set up chairs the night before""",
)
B['bt'] = dict(
ppl="""boaters
anglers
kayakers
marina regulars
fishing guides
sailors""",
one="""fishing guide
harbor master
marina manager
charter captain
bait shop owner""",
adj="""[early|late|crowded|public|new|old|{num 12-40}-foot|rented|borrowed|weekend|dawn]""",
thing="""boat launch
marina
fishing pier
bait shop
charter trip
sailing class""",
place="""the lake
the river
the harbor
the {street_name} pier
the reservoir""",
happen="""raised slip fees to ${num 900-4000 ,} a season
closed because of low water
caught {num 4-30} fish before noon
got a new dock""",
state="""packed on holiday weekends
worth the early start""",
why="""low water
the algae bloom
the new fees
the wind""",
result_raw="""we caught nothing but weeds
the cooler came home full""",
do="""launch before {num 5-7} a.m.
buy bait the night before
check the wind first""",
)
B['gd'] = dict(
ppl="""gardeners
community garden members
seed swappers
master gardeners
balcony growers""",
one="""master gardener
plot holder
nursery owner
garden club president""",
adj="""[raised|shared|rooftop|school|new|weedy|sunny|shady|{num 4-20}-plot|volunteer-run]""",
thing="""community garden
seed swap
plant sale
garden plot
greenhouse
compost program""",
place="""{street}
{hood}
the library
the school yard""",
happen="""got {num 20-120} new members
ran out of plots
lost its water hookup
sold out of tomato starts by {time 12}""",
state="""a waiting list {num 1-3} years long
the best-kept secret in {hood}""",
why="""the drought
the water bill
the new fence
the rabbits""",
result_raw="""we went home with {num 3-12} seedlings
the zucchini took over""",
do="""water at dawn
share tools
swap seeds in the spring""",
)
B['ck'] = dict(
ppl="""home cooks
meal preppers
bakers
parents packing lunches
roommates who share a kitchen""",
one="""home cook
cooking teacher
food blogger
baker""",
adj="""[cheap|new|old|borrowed|secondhand|cast-iron|nonstick|{num 4-8}-quart|tiny|fancy]""",
thing="""air fryer
slow cooker
stand mixer
rice cooker
pressure cooker
waffle iron
blender
dutch oven""",
place="""the kitchen
the counter
the thrift store
{brand}'s kitchen shop""",
happen="""died after {num 2-9} years
made {num 2-6} dinners in a row
set off the smoke alarm
paid for itself in a month""",
state="""worth the counter space
louder than expected""",
why="""grocery prices
the summer heat
a busy week""",
result_raw="""dinner was ready by {time 12}
the kids asked for seconds""",
do="""cook on {date weekday}s for the week
freeze half of everything
buy secondhand pans""",
)
B['ph'] = dict(
ppl="""phone customers
families on shared plans
people with old phones
prepaid users""",
one="""phone store clerk
carrier rep
repair tech""",
adj="""[family|prepaid|unlimited|new|old|{num 2-5}-line|basic|promotional]""",
thing="""phone plan
data plan
contract
bill
upgrade""",
place="""the carrier store on {street}
the mall kiosk
the website""",
happen="""went up ${num 3-20} a month
got a surprise fee
switched networks overnight""",
state="""cheaper elsewhere
confusing""",
why="""the price hike
the new fees""",
result_raw="""we switched carriers in an afternoon""",
do="""switch carriers every {num 2-3} years
buy phones outright""",
)
B['bb'] = dict(
ppl="""cyclists
bike commuters
mountain bikers
kids on bikes
bike shop regulars""",
one="""bike mechanic
cycling coach
bike shop owner
courier""",
adj="""[new|old|borrowed|electric|secondhand|folding|kids'|{num 3-21}-speed|rusty|stolen]""",
thing="""bike
e-bike
cargo bike
road bike
commuter bike
mountain bike""",
place="""{street}
the river trail
the bike shop on {street}
the {hood_name} loop""",
happen="""got a flat on {street}
got stolen from the rack at {cafe}
needed a ${num 30-200} tune-up""",
state="""faster than the bus
worth the money""",
why="""the new bike lanes
bike thefts
the hills""",
result_raw="""I walked it home
the mechanic fixed it in {num 10-40} minutes""",
do="""lock both wheels
ride the river trail
bike to work in the summer""",
)
B['rc'] = dict(
ppl="""residents
neighbors on {street}
trash crews
recycling volunteers""",
one="""sanitation worker
recycling coordinator
city crew chief""",
adj="""[weekly|biweekly|new|holiday|curbside|missed|overflowing|early|late|Monday]""",
thing="""trash pickup
recycling bin
compost bin
bulk pickup
yard waste day""",
place="""{street}
our block
the alley
{hood}""",
happen="""got skipped {num 2-3} weeks in a row
moved to {date weekday}s
added a ${num 2-9} fee""",
state="""unreliable
better than last year""",
why="""the new contract
staff shortages
the holiday schedule""",
result_raw="""the bins overflowed by {date weekday}""",
do="""call the city about missed pickups
put bins out the night before""",
)

# ------------------------------------------------------------------ more entries per topic (merged into B)
E = {}

E['tr'] = dict(
adj="""packed
delayed
[{num 6-9}:{num 10-55}|{num 4-5}:{num 10-55} p.m.]
limited-stop
late-running
weekday
Sunday
holiday
overcrowded
air-conditioned
unheated
wheelchair-accessible
new hybrid
rebranded
double-decker
ghost
skip-stop
school-day
park-and-ride
owl""",
thing="""bus line
route
commuter rail
ferry run
subway line
night route
express shuttle""",
place="""the {street_name} transit center
the stop by {cafe}
the library stop on {street}
the bus bay at {university}
the {street_name} and {street_name} corner
the platform at {hood}
the layover lot on {street}
the old depot
the crosswalk by [the middle school|{street_name} Middle]
the kiss-and-ride at the station""",
happen="""pulled in {num 2-9} minutes early and left without anyone
[skipped|blew past] the stop at {street}
got a new driver who actually waits
had its schedule cut to every {num 20-40} minutes
ran {num 2-3} buses back to back and then nothing for an hour
got stuck behind a garbage truck on {street}
was replaced by a van for {num 2-6} weeks
[lost|gained] {num 2-6} stops in the redesign
had a broken fare box, so everyone rode free
sat at the {street_name} light through {num 2-4} cycles
got added to the app {num 2-9} months late
made the whole trip in {num 12-40} minutes for once""",
state="""twice as slow as driving
the only way to get to {hood} without a car
crowded with students after {time 12}
fine until the first snow
mostly retirees and nurses at that hour
weirdly calm on {date weekday}s
a gamble after dark
on time exactly once this week""",
why="""the new bus network
the union contract talks
the end of the free-fare pilot
the fare cameras
a shortage of mechanics
the bridge repairs on {street}
the new stadium schedule
the lane closures downtown
last winter's cuts
the ridership survey
the switch to electric buses
the school year starting""",
result_raw="""the driver waved us on for free
the stop filled up with about {num 20-60} people
my {num 8-15}-minute trip took {num 35-70}
I finally bought a bike
we started a carpool with {num 2-4} neighbors
I spent ${num 15-60} on rideshares that week
everyone on board clapped when it finally moved
the agency posted an apology {num 2-3} days later
my manager moved my start time to {time 12}
two of us split a cab to {hood}""",
do="""buy a bike
leave the car at home on {date weekday}s
complain to the transit board
sign up for service alerts
take the long way around {street}
catch the one before
walk to the {street_name} stop instead
move closer to the train
pay for the express
ride with headphones and low expectations
plan around the {time 12} bus
keep a folding scooter in the trunk""",
ppl="""bus drivers on the {num 2-98}
[hospital|warehouse|restaurant] workers who ride at night
[high schoolers|college kids] on the {tr_color} Line
[bike|bus|pedestrian] advocates
dog walkers who cross {street}
retirees with senior passes
[tourists|visitors] headed downtown
parents pushing strollers onto the bus""",
)
E['cc'] = dict(
adj="""citywide
neighborhood
{num 10-20}-year
last-minute
bipartisan
grant-funded
voter-approved
{date year}
rushed
overdue
[pricey|costly|cheap]
pared-back
state-mandated
mayor-backed
council-backed""",
thing="""snow plan
sidewalk program
pothole plan
tree ordinance
speed camera plan
zoning overlay
parks levy
sewer project
short-term rental rule
leaf-blower ban""",
happen="""got {num 200-3000 ,} comments online
drew a packed room on {date weekday}
lost a key vote in committee
got a second hearing
was sent back to staff for more study
won over {num 2-3} skeptics on the council
split the council down the middle
came in ${num 1-20} million under estimate
got delayed by a lawsuit
sailed through with no debate
ended up on the November ballot""",
state="""the biggest change in {hood} in years
a fight nobody expected
unpopular in {hood} but popular downtown
basically the same plan as {num 2009-2019}
a compromise nobody loves
on hold until after the election""",
why="""the snow-plow contract
the new bike lanes
the budget shortfall
the pension bill
the hotel tax
the rezoning near the river
the tree canopy study
the parking minimums
the library branch closure
the proposed fee on plastic bags
the sewer overflow fines
the school resource officers""",
result_raw="""the chair called a {num 10-20}-minute recess
{num 2-6} council members asked for a delay
the meeting ran past {num 10-11} p.m.
the vote got pushed to {cc_later}
the mayor said she'd veto it
a council member read every comment aloud
the public comment line stretched into the hallway
nobody could agree on the wording
the city attorney had to step in
reporters left before the actual vote""",
do="""watch council meetings on the livestream
show up in person on {date weekday}s
call their council member
read the agenda packets
file public records requests
donate to local campaigns
run for the {hood_name} seat
go to the budget workshops""",
)
E['sc'] = dict(
adj="""after-school
before-care
phone-free
half-day
early-release
{num 90}-minute
block
honors
remedial
bilingual
Montessori-style
standards-based
summer-school
snow-day
virtual""",
thing="""bell schedule
field trip policy
late-bus route
seating chart
tutoring program
recess policy
grading scale
science fair
spelling bee
open house""",
happen="""got rolled out with {num 2-3} days' notice
confused half the {sc_grade} class
made pickup take {num 20-40} minutes longer
got praised by the teachers' union
was changed back after {num 2-6} weeks
got debated for {num 2-4} hours at the board meeting
was announced on a {date weekday} night
came with a {num 6-20}-page FAQ""",
state="""a mess for working parents
surprisingly popular with the kids
harder on the younger grades
great for the teachers
all anyone talks about at pickup
better than last year's version""",
why="""the state test
the new principal
the phone ban
the bus cuts
the longer school day
the shorter lunch period
the new grading rules
the district's budget hole
the teacher contract
the snow days""",
result_raw="""my kid came home with {num 2-5} hours of homework
the parent group chat hit {num 200-900} messages
the principal held a {num 30-90}-minute Q&A
half the kids forgot their permission slips
we got {num 3-5} emails in one evening
the teachers wrote a letter to the board
the carpool schedule fell apart""",
do="""pack lunches the night before
volunteer at the book fair
hire a math tutor
chaperone field trips
drive kids to the early bus
email the teacher weekly
set screen limits on school nights
join the PTA""",
)
E['sc']['adj']=E['sc']['adj'].replace('{num 90}-minute','90-minute')

E['hl'] = dict(
adj="""urgent
rural
county
nonprofit
student
family
nurse-run
hospital-owned
corner
strip-mall
downtown
pediatric
low-cost
sliding-scale
{num 2-6}-doctor""",
thing="""flu clinic
vaccine site
blood drive
dentist's office
dermatology practice
mental health clinic
hearing clinic
telehealth service
sleep lab
walk-in pharmacy""",
happen="""moved its flu shots to {date weekday}s only
had a line out the door by {time 12}
started texting reminders {num 2-3} times a day
raised its copay to ${num 25-75}
ran out of appointments for the month
lost its lease on {street}
added a Saturday clinic
switched to a new phone system that drops calls
billed us twice for the same visit
closed early because of a power outage""",
state="""slower than the ER some nights
the best-run office in {hood}
impossible to reach before {num 9-10} a.m.
friendly but overwhelmed
cash-only for some services
worth the drive from {hood}""",
why="""the flu wave
the new patient portal
the insurance switch at work
a measles scare
the shortage of pediatricians
the clinic merger
rising copays
the nursing strike
the long waits for specialists
a wave of pink eye at school""",
result_raw="""the nurse practitioner squeezed us in
we sat in the parking lot for {num 20-90} minutes
the bill was {num 2-4} pages long
my kid got a sticker and a lollipop
I filled the prescription across town
we rescheduled {num 2-3} times""",
do="""book checkups a year out
keep a list of urgent cares
ask for itemized bills
get flu shots at the pharmacy
use telehealth for small things
drive to {hood} for specialists""",
)
E['hs'] = dict(
adj="""garden
courtyard
pre-war
mid-century
split-level
converted
subsidized
income-restricted
newly renovated
pet-friendly
student
furnished
rent-controlled
owner-occupied
ground-floor""",
thing="""row house
loft
garden apartment
in-law unit
triplex
starter home
carriage house
co-op
mobile home
high-rise unit""",
happen="""had {num 30-200} people at the open house
got a ${num 40-150} rent bump at renewal
went under contract in {num 2-6} days
had mold behind the fridge
failed its inspection
sold to an investor from {city}
got split into {num 2-4} units
had no hot water for {num 2-6} days
got a new coat of paint and a ${num 300-600} rent increase
sat on the market for {num 60-200} days""",
state="""too good to be true
a bidding war waiting to happen
drafty in the winter
the last cheap place near {street}
loud but worth it
better inside than the listing photos""",
why="""the new short-term rental rules
the landlord's new management company
the tax reassessment
the school district lines
the new light-rail stop
the bidding wars
rising insurance
the HOA fees
the renovation next door
the rent cap vote""",
result_raw="""we signed the lease on the hood of the car
the inspector found {num 2-9} code problems
the landlord offered a month free
we offered ${num 5-30},000 over and still lost
the tenants' group hired an organizer
our realtor stopped answering texts""",
do="""tour {num 5-20} places before signing
negotiate the renewal
ask for repairs in writing
pool money for a lawyer
search past midnight for listings
rent from small landlords""",
)
E['fd'] = dict(
thing="""taco truck
breakfast spot
pizzeria
bakery-cafe
teahouse
kebab shop
oyster bar
smokehouse
soup counter
creperie""",
happen="""sold out of {fd_dish_noun} by {time 12}
moved {num 2-5} blocks down {street}
started a ${num 12-25} lunch special
got a new menu with {num 6-14} fewer dishes
opened a second spot in {hood}
stopped doing delivery
started closing on {date weekday}s
got a line of {num 20-80} people on opening day
raised the price of a coffee to ${num 3-6}.{num 10-95}
hired a pastry chef from {city}""",
state="""the best value in {hood}
louder than it needs to be
great for big groups
a bit of a scene now
still cash-only
worth the drive across town""",
why="""the new tip screens
the price of eggs
the parking on {street}
a viral video
the new owners
the health inspection
the menu changes
the long waits
the new patio
the summer crowds""",
result_raw="""we got the last table at {time 12}
the chef came out to say hi
the tab came to {money} for {num 2-6} of us
we left with {num 2-4} boxes of leftovers
{first} ordered a second round
I'm still thinking about the {fd_dish_noun}""",
do="""eat at the bar
go at {num 4-5} p.m. to beat the line
order at the counter
split plates
bring their own containers
call ahead for takeout""",
)
E['sp'] = dict(
adj="""travel-team
intramural
varsity
JV
co-ed
adult-league
twilight
preseason
double-overtime
hometown
charity
all-star""",
thing="""soccer game
baseball game
hockey game
basketball game
swim meet
track meet
cross-country race
tennis match
softball game
volleyball match""",
happen="""drew the biggest crowd in {num 5-20} years
got delayed by lightning for {num 30-90} minutes
ended with a walk-off hit
went to a shootout
turned into a blowout by halftime
got streamed to about {num 300-9000 ,} viewers
had {num 2-5} ejections
ended {num 1-9}-{num 0-8}""",
state="""the best hour of my week
freezing in the stands
packed with grandparents
a blowout from the start
good, cheap entertainment""",
why="""the new coach
the turf field
the ticket prices
the playoff format
the parking mess
the referee shortage
the heat rules
the travel costs""",
result_raw="""we got home past {time 12}
the kids ran onto the field after
my voice was gone by the second half
the coach bought everyone pizza
the parking lot took {num 20-40} minutes to clear""",
do="""bring blankets to the bleachers
carpool to away games
sign up to run the snack bar
watch from the hill
buy the season pass
skip the travel team""",
)

E['tc'] = dict(
happen="""deleted {num 2-9} years of photos
updated itself at {time 12}
lost its charger in the move
started buzzing on every call
stopped pairing with the car
got slower after the last update
died during a video call
needed a ${num 30-180} part
fell into the sink
overheated in the car""",
state="""fine for email and not much else
louder than it should be
slower every month
surprisingly good for the price
a fingerprint magnet""",
why="""the battery swelling
the new charging port
the forced update
the subscription for basic features
the data caps
the two-year contract
the trade-in deal
the repair costs""",
result_raw="""I paid {money} for a screen repair
the kids lost screen time for a week
I went back to paper for a while
{first} set it up in about {num 5-15} minutes
the store swapped it on the spot""",
do="""keep the receipt
back up their photos weekly
buy the cheapest model that works
repair instead of replacing
use a case and a screen protector
wait for holiday sales""",
)
E['wk'] = dict(
thing="""badge system
time clock
break schedule
performance review
training module
hiring process
holiday schedule
return-to-office plan""",
happen="""took effect {time_rel}
was announced on a {date weekday} at {time 12}
came with a {num 5-30}-question survey
got explained in a {num 45-90}-minute meeting
changed the break room hours
added {num 2-6} new forms to fill out
was quietly dropped after {num 2-8} weeks""",
state="""fine on paper and rough in practice
confusing for the night shift
a hit with the younger staff
a sore spot with the veterans""",
why="""the new manager
the staffing agency
the safety audit
the new contract
a bad inspection
the parking lot construction""",
result_raw="""three people called in sick that day
the break room got a new coffee machine
the schedule got posted {num 2-5} days late
we got a ${num 25-100} gift card as an apology""",
do="""trade shifts in the group chat
clock in {num 5-15} minutes early
keep notes on every meeting
ask for changes in writing
take the bus to work""",
)
E['mn'] = dict(
thing="""utility bill
insurance bill
phone payment
car payment
credit card fee
bank fee
streaming charge""",
happen="""went up ${num 3-40} without warning
got split into {num 2-3} separate charges
included a ${num 2-9}.{num 10-99} "service fee"
came {num 2-9} days early
doubled after the promo ended""",
state="""creeping up every month
hard to dispute
buried in the fine print""",
why="""the end of the promo rate
the new pricing plan
the card fees
the price of eggs
rent going up""",
result_raw="""we moved the money into savings
I spent an evening on hold
the bank waived it after one call""",
do="""keep a budget spreadsheet
set calendar reminders for renewals
buy store brands
compare prices on their phones""",
)
E['hb'] = dict(
thing="""knitting class
pottery class
chess tournament
quilt show
plant swap
photo walk
book swap
woodworking workshop""",
happen="""sold out in an afternoon
drew twice the usual crowd
got moved to the {hood_name} rec center
had a waiting list of {num 10-60}
ended with a potluck""",
state="""the highlight of my week
full of retirees and college kids""",
why="""a new teacher
cheaper supplies
a write-up in {outlet}""",
result_raw="""I left with a lumpy but proud bowl
{first} won the raffle""",
do="""trade patterns
split the cost of supplies
meet at {cafe} afterwards""",
)
E['sb'] = dict(
thing="""corner store
repair shop
deli
sewing shop
gift shop
shoe store""",
happen="""lost its lease after {num 12-50} years
doubled its floor space
added Sunday hours
got a new sign after {num 20-40} years""",
state="""busier since the road work ended
one of the last of its kind""",
why="""the new parking meters
the big-box store on the highway""",
result_raw="""the owner gave us {pct} off
the shelves were restocked by {date weekday}""",
do="""buy gift cards from local shops
tell friends about new stores""",
)
E['wx'] = dict(
happen="""blew the shingles off {num 2-9} houses on {street}
turned the {street_name} underpass into a lake
dumped {num 1-5} inches in an hour
froze every car door on the block
kept schools closed for {num 2-3} days""",
state="""the kind that makes the news
worse on the hills
gone as fast as it came""",
why="""the ice
the flash flooding
the humidity
the wildfire smoke
the late frost""",
result_raw="""we lost a fence panel
the power flickered all night
{first} got stuck on the highway for {num 2-5} hours""",
do="""park in the garage
fill the bathtub before storms
keep salt by the door
check on older neighbors""",
)


# ------------------------------------------------------------------ synonyms for literal glue

SYN=[
(r"\bbecause of\b","[because of|due to|thanks to|on account of]"),
(r"\ba lot of\b","[a lot of|plenty of|lots of]"),
(r"\blately\b","[lately|recently|these days|as of late]"),
(r"\bfinally\b","[finally|at last|eventually]"),
(r"\bmaybe\b","[maybe|perhaps|probably]"),
(r"\bthe whole\b","[the whole|the entire]"),
(r"\ba little\b","[a little|a bit|slightly]"),
(r"\btold me\b","[told me|mentioned|let me know]"),
(r"\bnearly\b","[nearly|almost|close to]"),
(r"\babout (?=\{num|\$|\{money|\{pct)","[about|roughly|around|nearly|close to|some] "),
(r"\bmore than (?=\{num|\$|\{money|\{pct)","[more than|over|upwards of] "),
(r"\bup to (?=\{num|\$|\{money)","[up to|as much as] "),
(r"(?<!Then )\bagain\b","[again|once again|yet again]"),
(r"\bsurprisingly\b","[surprisingly|oddly|unexpectedly]"),
(r"\bhonestly\b","[honestly|frankly|truthfully]"),
(r"\bpretty\b(?= [a-z])","[pretty|fairly|rather]"),
(r"\bimpossible\b","[impossible|nearly impossible|next to impossible]"),
(r"\bexpensive\b","[expensive|pricey|costly]"),
(r"\bcheap\b(?! [A-Z])","[cheap|inexpensive|affordable]"),
(r"\bstarted\b(?= [a-z]+ing\b)","[started|began]"),
(r"\bwait\b(?= for)","[wait|wait around]"),
(r"\bworth it\b","[worth it|worth the trouble|worth the effort]"),
(r"\bevery single\b","[every single|each and every]"),
(r"\bno one\b","[no one|nobody]"),
]
def apply(text):
    out=[];i=0
    for m in re.finditer(r"\{[^}]*\}",text):
        seg=text[i:m.start()]
        for a,b in SYN: seg=re.sub(a,b,seg)
        out.append(seg); out.append(m.group(0)); i=m.end()
    seg=text[i:]
    for a,b in SYN: seg=re.sub(a,b,seg)
    out.append(seg)
    return ''.join(out)
def apply_file_text(s):
    lines=s.split('\n'); n=0
    for k,l in enumerate(lines):
        if l.startswith('==') or l.startswith('//') or not l.strip(): continue
        l2=apply(l)
        if l2!=l: n+=1; lines[k]=l2
    return '\n'.join(lines),n


# ------------------------------------------------------------------ writer

for X,d in E.items():
    for k,v in d.items():
        k = 'result' if k == 'result_raw' else k
        B[X][k]=(B[X].get(k,'').rstrip()+'\n'+v.strip()).strip()
for X,d in B.items():
    if 'result_raw' in d:
        d['result'] = (d.get('result','').rstrip()+'\n'+d.pop('result_raw').strip()).strip()
NONPHYS={'ph','rc','md','tx','gv','jb','mn','wk','sc','cc','dl','wx','vl','nb','po','co','mv','wd'}
GEN_EXTRA = {
 'why': "[the mess on {street}|the changes in {hood}|what happened on {street} in {past month}|the {hood_name} [closure|project|situation|rezoning|detour|cleanup]|a thread on the {hood_name} forum|an article in {outlet}|a story {first} heard at {cafe}|the work crews on {street}|last month's meeting in {hood}|a letter from {company}|the new owners on {street}|the row of empty storefronts on {street}|whatever {first} {last} posted on {date weekday}]",
 'state': "[the talk of {hood}|a running joke in {hood}|better than anything in {city}|[worse|better] than it was in {num 2012-2022}|about what you'd expect for {hood}|the pride of {hood}|a sore spot on {street}|the envy of {hood}|the one thing people on {street} agree on|a mystery to everyone in {hood}]",
 'happen': "[made the front page of {outlet}|got a short write-up in {outlet}|came up at the {hood_name} [neighborhood meeting|block party]|set off a long thread on the {hood_name} forum|got a mention in the {hood_name} newsletter|got {num 2-9} complaints to the city in one week]",
 'do': "[keep an eye on the {hood_name} forum|ask around in {hood} first|check {outlet} before deciding]",
 'result_raw': "[{first} posted about it on the {hood_name} forum|{outlet} ran a short piece on it {time_rel}|the {hood_name} newsletter mentioned it {time_rel}|{first} {last} from {hood} started a petition|{first} from {street} brought it up at the block party|someone taped a sign about it to the pole on {street}|{first} {last} wrote a letter to {outlet}|a reporter from {outlet} called {first} for a quote]",
}
NOASIDE={'sp','ar','ut','pc','fs','fm','sr','hb','tv','wx','pk'}
BIZ={'fd','sb','hl','ft','cb','sa','cr','pt'}
SKIP={'wx':{3,10,12}}
out=["// Written by corpora/tools/topic_words.py (edit the banks there and re-run it): generic",
"// sentence shapes (`tg_*`) instantiated for each topic of topics.grammar with that topic's own",
"// people, things, places, events, reasons, outcomes and verbs, so combinations multiply while",
"// every slot stays on topic.",""]
out.append("""== say_verb
say
said
told me
complain
keep saying
told {outlet}
wrote in
swear
insist
point out
have been saying
grumbled
agree
admit
joke

== amt
About
Roughly
Nearly
More than
Over
Almost
Just under
Close to

== cc_later
[next month|the next meeting|the {date weekday} after next|after the budget vote|the fall|a special session]

== sc_start_short
[next semester|in January|this fall|after spring break|last month|this week]

== fd_grade
[B|C|A|passing|conditional]

== adv_freq
@w:12 
usually
often
rarely
still
now
mostly
sometimes
regularly
hardly ever
always
increasingly
openly
quietly
reluctantly
happily
basically
never
occasionally
mostly just
all but
pretty much
more or less
still mostly
now mostly
generally
typically
almost always
almost never
grudgingly
gladly
cheerfully
stubbornly
nervously
secretly
proudly
wisely
smartly
sensibly
somehow still
clearly
obviously
these days mostly
by now mostly
for the most part
at least sometimes
only occasionally
still happily
half-jokingly
very openly

== habit_time
@w:3 [on weekends|on {date weekday}s|every morning|after work|in the {season}|most days|at night|before {time 12}|once a week|twice a month|these days|lately|every other week|on the way home|before school|on payday|in bad weather]
[every|most|some] [morning|evening|weekend|{date weekday}|{season}|payday|holiday]
[before|after] [{time 12}|work|school|dinner|church|practice|the morning rush|the lunch crowd]
[at least|about|maybe] [{num 2-6} times|once|twice] a [week|month|year]
whenever [it rains|it snows|the kids have off|money is tight|{first} asks|they can|the weather is nice|the app works]

== ppl_mod
longtime
newer
younger
older
retired
working
local
weekend
busy
budget-minded
first-time
veteran
bilingual
part-time
full-time
exhausted
cautious
frustrated
unbothered
patient
impatient
tired
curious
skeptical
loyal
lifelong
out-of-town
suburban
small-town
big-city
college-age
middle-aged
night-owl
early-rising
car-free
stubborn
practical
cash-strapped
well-off
overworked
hopeful
nervous
fed-up
easygoing
chatty
quiet
organized
half-awake
seasoned
brand-new
grumbling
cheerful
hardcore
casual
die-hard
reluctant
savvy
thrifty
polite
determined

== ppl_tail
with [young kids|teenagers|toddlers|a dog|two jobs|long commutes|no car|a second job|grown kids|a new baby]
on fixed incomes
I follow online
in my [building|complex|office|church|running club|book club|carpool]
from the old neighborhood
who moved here [{num 2-15} years ago|last year|during the pandemic|from {city}]
who grew up around here
in their {num 2-8}0s
I [went to school with|used to work with|see at {cafe}|know from the dog park]
[at|from] {company}
who [rent|own] their places
who [work nights|work from home|work two jobs|just retired|just had kids]

== one_mod
veteran
young
retired
longtime
new
part-time
local
tired
cheerful
blunt
friendly
grumpy
soft-spoken
very patient
{num 2-7}0-something
overworked
semi-retired
third-generation
first-year
well-known
no-nonsense
talkative
exhausted
recently hired
fast-talking
calm
straight-shooting
weary
sharp

== one_tail
@w:3 from {hood}
@w:2 on {street}
in {city}
with {num 2-30} years on the job
who has lived in {city} for {num 3-40} years
who asked not to be named
I met at {cafe}
from [church|my old job|the gym|book club|the dog park|across the hall]
who [works|lives] [near|off] {street}
[named|called] {first}

== me_subj
@w:5 I
@w:3 We
@w:3 {first} and I
@w:2 [My|Our] [neighbor|friend|roommate|coworker|cousin|landlord|babysitter] {first}
My [sister|brother|wife|husband|partner|mom|dad|aunt|uncle|grandmother] and I
@w:2 {first} from [work|down the street|across the hall|book club|the gym|church|{hood}|{street}]
Me and {first}
{first} {last} and I

== res_subj
@w:4 I
@w:3 we
@w:2 {first}
half the [block|building|office|class|team|street]
[my neighbor|my roommate|my coworker] [{first}|]
my [sister|brother|partner|wife|husband|kid|mom|dad]
a couple of [neighbors|coworkers|friends|us]
everyone I know
our [landlord|boss|coach|teacher|super]

== res_aux
ended up having to
had to
decided to
chose to
started to
finally agreed to
figured we should
now plan to

== sc_grade
[third-grade|fourth-grade|fifth-grade|seventh-grade|ninth-grade|kindergarten]

== sp_field
[the {street_name} field|{street_name} Park|the turf field in {hood}|the {city} fairgrounds|the middle school field]
""")
frames=[l for l in (FRAMES.strip()+'\n'+FRAMES_MORE.strip()+'\n'+FRAMES_NEWS.strip()).split('\n') if l.strip()]
for X,b in B.items():
    for k,v in b.items():
        if k=='ppl':
            simple=[];complex_=[]
            for line in v.strip().split('\n'):
                line=line.strip()
                (complex_ if re.search(r"\b(who|on|at|in|the|our|my|with|from|of|I)\b",line) else simple).append(line)
            out.append(f"== {X}_g_ppl")
            out.append(f"@w:3 [{{ppl_mod}} |]{{{X}_g_ppl_simple}}[ {{ppl_tail}}|]")
            out.append(f"@w:1 {{{X}_g_ppl_complex}}")
            out.append("")
            out.append(f"== {X}_g_ppl_short")
            out.append(f"[{{ppl_mod}} |]{{{X}_g_ppl_simple}}")
            out.append("")
            out.append(f"== {X}_g_ppl_simple"); out+=simple; out.append("")
            out.append(f"== {X}_g_ppl_complex"); out+=(complex_ or simple); out.append("")
            continue
        if k=='one':
            base=[]
            for line in v.strip().split('\n'):
                line=line.strip()
                m=re.match(r"(a|an) (.*)",line)
                base.append(m.group(2) if m else line)
            out.append(f"== {X}_g_one")
            out.append(f"a [{{one_mod}} |]{{{X}_g_one_base}}[ {{one_tail}}|]")
            out.append("")
            out.append(f"== {X}_g_one_bare")
            out.append(f"a [{{one_mod}} |]{{{X}_g_one_base}}")
            out.append("")
            out.append(f"== {X}_g_one_base"); out+=base; out.append("")
            titles=[b for b in base if len(re.sub(r"\[[^\]]*\]","x",b).split())<=3 and not re.search(r"\b(who|at|from|of|with|on|in|for|named|the|my|our)\b|\{",b)]
            out.append(f"== {X}_g_title"); out+=(titles or ['neighbor']); out.append("")
            continue
        if k=='result':
            out.append(f"== {X}_g_result")
            out.append(f"@w:5 {{{X}_g_result_raw}}")
            out.append(f"@w:1 {{res_subj}} {{res_aux}} {{{X}_g_do}}")
            out.append("")
            out.append(f"== {X}_g_result_raw")
            lines_=[l.strip() for l in v.strip().split('\n')]
            out+=lines_
            out.append(f"@w:{max(2,len(lines_)//3)} "+GEN_EXTRA['result_raw'])
            out.append("")
            continue
        out.append(f"== {X}_g_{k}")
        lines_=[l.strip() for l in v.strip().split('\n')]
        out+=lines_
        if k in GEN_EXTRA:
            out.append(f"@w:{max(2,len(lines_)//3)} "+GEN_EXTRA[k])
        out.append("")
    if X in V:
        pres=[];past=[];pp=[];presif=[]
        for l in V[X].strip().split('\n'):
            parts=l.split('|')
            pres.append(parts[0]); past.append(parts[1]); pp.append(parts[2] if len(parts)>2 else parts[1])
        out.append(f"== {X}_g_v_pres"); out+=pres; out.append("")
        out.append(f"== {X}_g_v_past"); out+=past; out.append("")
        out.append(f"== {X}_g_v_pp"); out+=pp; out.append("")
        out.append(f"== {X}_g_v_pres_if"); out+=pres; out.append("")
        pass
    out.append(f"== {X}_g_np")
    out.append(f"@w:5 the {{{X}_g_adj}} {{{X}_g_thing}}")
    if X in BIZ:
        out.append(f"@w:1 the {{{X}_g_thing}} [{{first}}|my neighbor|a coworker|my {{hl_rel}}|everyone] [keeps talking about|recommended]")
    if X not in NONPHYS and X not in NOASIDE:
        out.append(f"@w:2 the {{{X}_g_adj}} {{{X}_g_thing}} ([the one|just] [across from|next to|behind|around the corner from|a block from|down the street from] [{{cafe}}|{{brand}}'s|the {{venue_kind}} on {{street}}|the old {{sb_kind_old}}|{{first_name}}'s place])")
    if X in BIZ:
        out.append(f"@w:3 {{brand}}'s {{{X}_g_thing}}")
        out.append(f"@w:2 the {{brand}} {{{X}_g_thing}}")
        out.append(f"@w:2 {{first_name}}'s {{{X}_g_thing}}")
    out.append("")
    if X in V:
        out.append(f"== {X}_g_pp")
        if X in NONPHYS:
            out.append("@w:1")
        else:
            out.append(f"[in {{hood}}|on {{street}}|near {{{X}_g_place}}|by {{{X}_g_place}}|across town|downtown|out in {{hood}}|over on {{street}}|at {{num 12-4800}} {{street}}|]")
        out.append("")
    out.append(f"== tg_{X}")
    for i,f in enumerate(frames,1):
        if i in SKIP.get(X,()): continue
        f=f.replace('{^X_why_cap}','{^X_why}')
        f=re.sub(r'\{(\^?)X_',lambda m:'{'+m.group(1)+X+'_g_',f)
        out.append(f)
    if X in V:
        for f in FRAMES_V.strip().split('\n'):
            f=re.sub(r'\{(\^?)X_',lambda m:'{'+m.group(1)+X+'_g_',f)
            out.append(f)
    out.append("")
    me=[f for f in (frames+[l for l in FRAMES_V.strip().split('\n') if l.strip()] if X in V else frames) if re.sub(r"^@w:\d+ ","",f).startswith(('{me_subj}','[I|We]')) and '{src}' not in f]
    out.append(f"== tg_{X}_me")
    for f in me:
        f=re.sub(r'\{(\^?)X_',lambda m:'{'+m.group(1)+X+'_g_',f)
        out.append(f)
    out.append("")
text,n=apply_file_text('\n'.join(out))
OUT=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','genres','common','topic-words.grammar')
with open(OUT,'w') as f:
    f.write(text)


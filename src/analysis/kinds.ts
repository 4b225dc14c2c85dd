/**
 * The vocabulary of event kinds: what a reported happening is, the past-tense domain event it becomes
 * (DESIGN §4), the words that trigger it, and its nearest category in CAMEO (the event codebook of
 * GDELT/ICEWS) and ACLED (Armed Conflict Location & Event Data). The README table is generated from
 * `KINDS`; the projection merges facts of one kind (or of compatible kinds, `compatible`).
 *
 * Triggers are regular-expression sources, matched case-insensitively on word boundaries. They are
 * general English news vocabulary: no rule names a person, a place or an outlet.
 */

export interface KindDefinition {
  /** Stable id used in facts and by the projection. */
  id: string;
  /** The dated domain event appended to the article stream, in the past tense. */
  eventType: string;
  /** One line for people. */
  description: string;
  /** Verb forms and multiword expressions that report the happening. */
  triggers: string[];
  /**
   * Nouns that name the happening; they count only in a clause that reports something (a past verb,
   * its own date or a figure), so "quick air strikes have limited utility" in background prose is not a fact.
   */
  nouns?: string[];
  /** Nearest CAMEO code and label. */
  cameo: string;
  /** Nearest ACLED event type › sub-event type. */
  acled: string;
  /** Kinds the projection may merge with this one (a siege report and an attack report of one happening). */
  compatible?: string[];
}

const ADJ = String.raw`(?:(?!(?:for|to|of|in|on|at|by|with|from|and|against)\b)[\w’'-]+\s+){0,4}?`; // up to four modifiers: "a coordinated two-pronged"

export const KINDS: readonly KindDefinition[] = [
  {
    id: 'attack',
    eventType: 'OffensiveLaunched',
    description: 'An armed attack, offensive, assault, raid or bombing (a bomb or blast on the ground) was launched.',
    triggers: [
      String.raw`(?:launch(?:ed|es|ing)?|mount(?:ed|s|ing)?|beg[ai]n|begun|beginning|start(?:ed|s|ing)?|stag(?:ed|es|ing)|unleash(?:ed|es|ing)?|open(?:ed|s|ing)?|carr(?:y|ies|ied|ying)\s+out|conduct(?:ed|s|ing)?)\s+${ADJ}(?:attacks?|offensives?|assaults?|raids?|incursions?|counter-?offensives?|counter-?attacks?|ground\s+operations?|military\s+operations?|invasion|push)`,
      String.raw`attack(?:ed|ing)\b(?!\s+(?:helicopters?|aircraft|dogs?|ads?))`,
      String.raw`(?:stormed|storming|ambush(?:ed|ing)|assaulted|raided|invaded|invading|shelled|shelling|opened\s+fire|fired\s+(?:on|at|rockets?|missiles?)|clashed|besieged)`,
      String.raw`(?:suicide\s+)?bomb(?:er|ers)?\s+(?:blew|detonated|struck)`,
      String.raw`(?:car|truck|suicide|roadside)\s+bomb(?:s|ings?)?\s+(?:exploded|killed|struck|hit|went\s+off)`,
      // Not "the bombing that killed …": its deaths are a casualties fact of their own.
      String.raw`bombs?\s+(?:\w+\s+){0,2}?(?:exploded|went\s+off|detonated|ripped\s+through|tore\s+through)`,
      String.raw`(?:explosions?|blasts?)\s+(?:\w+\s+){0,2}?(?:rocked|ripped\s+through|tore\s+through|shook|struck|hit)`,
      String.raw`(?:gunmen|militants|insurgents|rebels|fighters|troops|forces)\s+(?:struck|hit|fired)`,
    ],
    nouns: [String.raw`(?:terror(?:ist)?\s+attacks?|shooting|massacre|explosion|blast|(?:car|truck|suicide|roadside)\s+bomb(?:s|ings?))`],
    cameo: '190 Use conventional military force / 193 Fight with small arms and light weapons',
    acled: 'Battles › Armed clash',
    compatible: ['airstrike', 'territory-change', 'conflict-start'],
  },
  {
    id: 'territory-change',
    eventType: 'TerritoryCaptured',
    description: 'A place or a force changed hands: seized, captured, overrun, retaken, lost.',
    triggers: [
      String.raw`(?:seiz|captur|overr[au]n|overrunn|recaptur|retak|retook|reclaim|regain|liberat)\w*`,
      String.raw`(?:took|taken|taking|take|gain\w*|seiz\w*|wrest\w*|assum\w*|grabb?\w*|los[ti]\w*|lose)\s+(?:full\s+|complete\s+|effective\s+)?control`,
      String.raw`now\s+(?:controls?|holds?|runs?)`,
      String.raw`(?:fell|fall(?:en|s)?)\s+(?:to|into\s+the\s+hands\s+of)`,
      String.raw`(?:entered|swept\s+into|advanced\s+into|pushed\s+into|marched\s+into|rolled\s+into)\s+(?:the\s+)?(?:city|town|village|capital|province|region|district|[A-Z])`,
      String.raw`(?:clawed|won)\s+back`,
      String.raw`(?:annex(?:ed|es|ing))`,
    ],
    cameo: '200 Use unconventional mass violence (nearest: 190 Use conventional military force, occupy territory)',
    acled: 'Strategic developments › Non-state actor overtakes territory / Government regains territory',
    compatible: ['attack'],
  },
  {
    id: 'airstrike',
    eventType: 'AirStrikesCarriedOut',
    description: 'Air strikes, drone strikes, bombing raids or missile strikes were carried out.',
    triggers: [
      String.raw`(?:air|drone|missile|rocket|aerial)[\s-]?(?:strikes?|raids?|attacks?|bombardments?|campaign)`,
      String.raw`(?:warplanes?|jets?|aircraft|helicopters?|drones?|bombers?)\s+(?:\w+\s+){0,2}?(?:struck|hit|bombed|bombing|targeted|attacked|pounded|conducted|carried\s+out|launched|dropped|fired)`,
      // Not the adjective ("the bombed embassy"), nor "bombing", which names the happening more often than it
      // reports it ("the Nairobi bombing", "bombing victims"): as a noun, `nouns` takes it where a clause reports it.
      String.raw`(?:(?<!\b(?:the|a|an)\s+)bombed|bombard(?:ed|ing)|pounded|pounding)`,
    ],
    nouns: [String.raw`(?:bombardments?|bombings?|airpower\s+campaign)`],
    cameo: '195 Employ aerial weapons',
    acled: 'Explosions/Remote violence › Air/drone strike',
    compatible: ['attack'],
  },
  {
    id: 'casualties',
    eventType: 'CasualtiesReported',
    description: 'People were killed, wounded or reported dead; a death toll.',
    triggers: [
      String.raw`(?:killed|killing|kills|died|dies|dead|slain|perished|wounded|wounding|injured|injuring|massacred|executed|beheaded|murdered)`,
      String.raw`claim(?:ed|s|ing)?\s+(?:the\s+)?(?:lives|\w+\s+lives|(?:over|more\s+than|at\s+least|nearly|about|some|around)?\s*[\d,]+\s+lives)`,
      String.raw`(?:death\s+toll|toll\s+(?:rose|climbed|reached|stood)|lives\s+(?:were\s+)?lost)`,
    ],
    nouns: [String.raw`(?:deaths|fatalities|casualties|dead|bodies)`],
    cameo: '1823 Kill by physical assault (nearest); counted as ACLED fatalities',
    acled: 'Fatalities (reported on any event type)',
  },
  {
    id: 'visit',
    eventType: 'VisitMade',
    description: 'An official visited or travelled to a place or a host.',
    triggers: [
      String.raw`(?:visit(?:ed|s|ing)?|toured|touring)(?!\s+(?:visa|site|website))`,
      String.raw`(?:travel(?:l)?ed|travels|travel(?:l)?ing|flew|arrived|arrives|landed|headed)\s+(?:to|in|into)\b`,
      String.raw`(?:trip|tour|state\s+visit|official\s+visit)\s+to`,
    ],
    cameo: '042 Make a visit / 043 Host a visit',
    acled: 'n/a (political event)',
    compatible: ['meeting'],
  },
  {
    id: 'meeting',
    eventType: 'MeetingHeld',
    description: 'Officials met or held talks, a summit or negotiations.',
    triggers: [
      String.raw`(?:met|meets|meeting)\s+(?:with\b|[A-Z])`,
      String.raw`(?:held|hold|holds|holding)\s+${ADJ}(?:talks|meetings?|summits?|negotiations|discussions|consultations)`,
      String.raw`(?:talks|summit|negotiations)\s+(?:with|between|in)\b`,
    ],
    cameo: '040 Consult / 043 Meet',
    acled: 'n/a (political event)',
    compatible: ['visit', 'call', 'diplomacy'],
  },
  {
    id: 'call',
    eventType: 'CallHeld',
    description: 'Leaders or officials spoke by telephone.',
    triggers: [
      String.raw`(?:phone|telephone)\s+(?:call|conversation|talks)`,
      String.raw`(?:calls?|conversation)\s+with\b`,
      String.raw`(?:spoke|speaks|talked)\s+(?:by\s+(?:phone|telephone)|on\s+the\s+(?:phone|telephone))`,
      String.raw`(?:phoned|telephoned)`,
    ],
    cameo: '041 Discuss by telephone',
    acled: 'n/a (political event)',
    compatible: ['meeting', 'statement', 'diplomacy'],
  },
  {
    id: 'statement',
    eventType: 'StatementMade',
    description: 'Someone stated, warned, pledged, vowed or announced something (when that is the news itself).',
    triggers: [
      String.raw`(?:warned|warning|pledged|pledging|vowed|vowing|announced|declared|denounced|condemned|condemning|stressed|emphasi[sz]ed|affirmed|reaffirmed|reassured|urged|insisted|threatened|accused|blamed|criticised|criticized|demanded|promised|rejected|welcomed|expressed\s+(?:\w+\s+)?(?:concern|regret|hope|dismay|alarm|outrage|anger|frustration)|echoed|called\s+for|called\s+on)`,
      String.raw`(?:said|says|stated|stating|told|noted|remarked|added|confirmed|reported)`,
    ],
    cameo: '010 Make statement / 012 Make pessimistic comment / 013 Make optimistic comment',
    acled: 'n/a (political event)',
    compatible: ['call', 'diplomacy'],
  },
  {
    id: 'ceasefire',
    eventType: 'CeasefireBegan',
    description: 'A ceasefire or truce was agreed, took effect, or broke down.',
    triggers: [String.raw`(?:cease[\s-]?fire|truce|armistice|cessation\s+of\s+hostilities)`],
    cameo: '0871 Declare ceasefire',
    acled: 'Strategic developments › Agreement',
    compatible: ['agreement', 'diplomacy'],
  },
  {
    id: 'agreement',
    eventType: 'AgreementSigned',
    description: 'A deal, accord or treaty was reached or signed.',
    triggers: [
      String.raw`(?:sign(?:ed|s|ing)?|reach(?:ed|es|ing)?|strik(?:es|ing)|struck|seal(?:ed|s|ing)?|clinch(?:ed|es|ing)?|broker(?:ed|s|ing)?|finali[sz](?:ed|es|ing))\s+${ADJ}(?:agreements?|deals?|accords?|treat(?:y|ies)|pacts?|memorandum|protocol)`,
      String.raw`(?:agreed\s+(?:to|on|upon)|brokered)`,
    ],
    cameo: '057 Sign formal agreement',
    acled: 'Strategic developments › Agreement',
    compatible: ['ceasefire', 'diplomacy'],
  },
  {
    id: 'election',
    eventType: 'ElectionHeld',
    description: 'An election, referendum or vote took place, or someone was elected.',
    triggers: [
      String.raw`(?:re-?elected|elected|voted|votes\s+were\s+cast|went\s+to\s+the\s+polls|won\s+(?:the\s+)?(?:\w+\s+)?(?:election|vote|presidency|referendum))`,
      String.raw`(?:sworn\s+in|inaugurated)`,
    ],
    nouns: [String.raw`(?:elections?|referendum|polls|runoff|run-off|ballot)`],
    cameo: 'n/a (nearest 0311 Express intent to cooperate economically is unrelated; no CAMEO root for elections)',
    acled: 'n/a',
  },
  {
    id: 'protest',
    eventType: 'ProtestHeld',
    description: 'People protested, demonstrated, rallied or rioted.',
    triggers: [
      String.raw`(?:protested|protesting|demonstrated|rallied|marched|rioted|took\s+to\s+the\s+streets|went\s+on\s+(?:a\s+)?(?:\w+\s+)?strike|staged\s+(?:a\s+)?(?:\w+\s+)?(?:strike|walkout|sit-in))`,
      String.raw`(?:protesters|demonstrators|crowds)\s+(?:\w+\s+){0,2}?(?:gathered|marched|clashed|chanted|filled|blocked|stormed)`,
    ],
    nouns: [String.raw`(?:protests?|demonstrations?|rall(?:y|ies)|riots?|sit-ins?|uprising|crackdown)`],
    cameo: '14 Protest / 145 Protest violently, riot; 175 Use tactics of violent repression (crackdown)',
    acled: 'Protests › Peaceful protest / Riots',
  },
  {
    id: 'arrest',
    eventType: 'ArrestMade',
    description: 'People were arrested, detained or taken into custody.',
    triggers: [String.raw`(?:arrested|arresting|detained|detaining|apprehended|taken\s+into\s+custody|rounded\s+up|abducted|kidnapped|taken\s+hostage|hijacked)`],
    nouns: [String.raw`(?:arrests?|detentions?)`],
    cameo: '173 Arrest, detain, or charge with legal action',
    acled: 'Strategic developments › Arrests',
  },
  {
    id: 'trial',
    eventType: 'TrialHeld',
    description: 'A court charged, tried, convicted, sentenced or acquitted someone.',
    triggers: [String.raw`(?:charged\s+with|indicted|convicted|sentenced|acquitted|pleaded\s+(?:guilty|not\s+guilty)|went\s+on\s+trial|stood\s+trial|found\s+guilty|ruled\s+that|jailed|(?:overturned|upheld|quashed)\s+(?:the|a|an|his|her|their|its)\s+(?:\w+\s+){0,2}?(?:ruling|conviction|sentence|verdict|ban|decision))`],
    nouns: [String.raw`(?:verdict|trial)`],
    cameo: '173 Arrest, detain, or charge with legal action (nearest)',
    acled: 'n/a',
  },
  {
    id: 'disaster',
    eventType: 'DisasterStruck',
    description: 'A natural disaster, accident or epidemic struck or was confirmed.',
    triggers: [
      String.raw`(?:earthquake|quake|tsunami|hurricane|typhoon|cyclone|tornado|storm|flood(?:s|ing)?|landslide|wildfire|volcano|eruption|drought|famine)\s+(?:\w+\s+){0,2}?(?:struck|hit|killed|swept|devastated|destroyed|ravaged|erupted|made\s+landfall)`,
      String.raw`(?:outbreak|epidemic|pandemic)\s+(?:of\b|was\s+declared|spread)`,
      String.raw`(?:confirmed|new|reported)\s+(?:\w+\s+){0,2}?cases?\s+of`,
      String.raw`(?:crashed|derailed|capsized|collapsed|sank)`,
    ],
    nouns: [String.raw`(?:earthquake|tsunami|hurricane|typhoon|cyclone|floods|landslide|wildfire|outbreak|epidemic|pandemic|plane\s+crash)`],
    cameo: 'n/a (not a political event)',
    acled: 'n/a',
  },
  {
    id: 'economic',
    eventType: 'EconomicEventReported',
    description: 'An economic measure or market move: rates, bailouts, tariffs, prices, markets.',
    triggers: [
      String.raw`(?:raised|cut|lowered|hiked)\s+(?:\w+\s+){0,2}?(?:interest\s+)?rates?`,
      String.raw`(?:shares|stocks?|share\s+price|prices|markets?|index|currency|dollar|euro|yen|bonds?|yields?|inflation|unemployment|gdp|output|exports|imports|profits?|earnings|revenues?|sales|net\s+income)\s+(?:(?!and\b)\w+\s+){0,3}?(?:fell|rose|plunged|soared|jumped|slumped|tumbled|dropped|surged|climbed|crashed|declined|increased|gained|slipped|sank|advanced|rebounded|hit\s+(?:a\s+)?(?:[\w-]+\s+){0,2}?(?:low|high|record))`,
      String.raw`(?:filed\s+for\s+(?:\w+\s+)?bankruptcy|declared\s+bankruptcy|went\s+bankrupt|went\s+into\s+(?:administration|receivership))`,
      String.raw`(?:bailout|stimulus\s+package|tariffs?\s+on|devalu(?:ed|ation))`,
    ],
    cameo: '06 Engage in material cooperation (nearest) / 163 Impose embargo (sanctions: see `sanctions`)',
    acled: 'n/a',
  },
  {
    id: 'sanctions',
    eventType: 'SanctionsImposed',
    description: 'Sanctions, an embargo or a blockade were imposed or lifted.',
    triggers: [String.raw`(?:imposed|impose|imposing|slapped|lifted|eased|tightened|extended)\s+${ADJ}(?:sanctions|embargo|blockade|restrictions)`],
    nouns: [String.raw`(?:sanctions\s+(?:on|against))`],
    cameo: '163 Impose embargo, boycott, or sanctions',
    acled: 'n/a',
    compatible: ['diplomacy', 'economic'],
  },
  {
    id: 'conflict-start',
    eventType: 'ConflictBegan',
    description: 'A war, uprising, insurgency or crisis began.',
    triggers: [
      String.raw`(?:war|conflict|uprising|revolution|insurgency|rebellion|crisis|unrest|hostilities|intifada)\b[^.;:]{0,40}?\b(?:began|begun|started|erupted|broke\s+out|broken\s+out|flared|ignited)`,
      String.raw`(?:outbreak|start|beginning|onset)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:war|conflict|uprising|revolution|insurgency|rebellion|hostilities)`,
      String.raw`(?:declared|declares)\s+war`,
    ],
    cameo: '190 Use conventional military force (onset)',
    acled: 'n/a (onset of a conflict)',
    compatible: ['attack'],
  },
  {
    id: 'organisation',
    eventType: 'OrganisationChanged',
    description: 'An organisation was founded, merged, split, renamed, dissolved or designated.',
    triggers: [
      String.raw`(?:distanced\s+(?:itself|themselves)\s+from|split\s+(?:from|with)|broke\s+(?:away\s+from|ties\s+with)|cut\s+ties\s+with|merged\s+(?:with|into)|agreed\s+to\s+merge|announced\s+(?:a|an|its|their)\s+(?:\w+\s+)?merger|rebranded|renamed|dissolved|disbanded|was\s+(?:founded|formed|established|created)|were\s+(?:founded|formed)|founded\s+in|formed\s+in|designated\s+(?:as\s+)?a\s+terrorist)`,
    ],
    cameo: '05 Engage in diplomatic cooperation (nearest; organisational change has no CAMEO root)',
    acled: 'n/a',
  },
  {
    id: 'diplomacy',
    eventType: 'DiplomaticActionTaken',
    description: 'A diplomatic act: solidarity or support expressed to another state, envoys, ties, recognition, mediation.',
    triggers: [
      String.raw`(?:expressed|offered|voiced|reaffirmed|reiterated)\s+(?:\w+\s+){0,2}?(?:solidarity|support|backing|condolences)`,
      String.raw`(?:recalled|expelled|summoned|appointed)\s+(?:\w+\s+){0,2}?(?:ambassadors?|envoys?|diplomats?)`,
      String.raw`(?:severed|cut|restored|resumed|normali[sz]ed|established)\s+(?:\w+\s+){0,2}?(?:ties|relations)`,
      String.raw`(?:recogni[sz]ed\s+(?:the\s+)?(?:independence|state|government))`,
      String.raw`(?:mediated|peace\s+(?:talks|process|plan|conference|initiative)|de-?escalation)`,
    ],
    cameo: '05 Engage in diplomatic cooperation / 03 Express intent to cooperate',
    acled: 'n/a (political event)',
    compatible: ['statement', 'meeting', 'call', 'visit'],
  },
  {
    id: 'leadership',
    eventType: 'LeadershipChanged',
    description: 'Someone took or left an office: resigned, was appointed, dismissed, ousted or impeached.',
    triggers: [
      // Not the adjectives: "the ousted leader", "his newly appointed deputy".
      String.raw`(?:resigned|resigning|stepped\s+down|stepping\s+down|quit\s+as|took\s+office|(?:was|were|been)\s+(?:dismissed|removed\s+from\s+(?:office|power|his\s+post|her\s+post))|reshuffled|(?<!\b(?:the|a|an|his|her|its|their|\w+ly)\s+)(?:ousted|impeached|appointed))`,
    ],
    nouns: [String.raw`(?:resignation|ouster|impeachment|reshuffle)`],
    cameo: 'n/a (no CAMEO root for a change of office; nearest 1041 Demand change in leadership)',
    acled: 'Strategic developments › Change to group/activity (nearest)',
  },
  {
    id: 'legislation',
    eventType: 'LawPassed',
    description: 'A law, bill, budget, decree or resolution was passed, approved, signed, vetoed or struck down.',
    triggers: [
      String.raw`(?:passed|approved|adopted|rejected|vetoed|ratified|enacted|repealed|amended|issued|struck\s+down|voted\s+(?:for|against|on|down|through))\s+${ADJ}(?:law|laws|bill|bills|legislation|budget|constitution|amendment|resolution|decree)\b`,
      String.raw`signed\s+(?:\w+\s+){0,4}?into\s+law`,
      String.raw`(?:law|bill|legislation|budget|amendment|resolution|decree)\s+(?:\w+\s+){0,3}?(?:was|were|has\s+been|had\s+been)\s+(?:passed|approved|adopted|rejected|vetoed|ratified|enacted|repealed|signed|struck\s+down)`,
    ],
    cameo: 'n/a (no CAMEO root for legislation)',
    acled: 'n/a',
  },
  {
    id: 'reinforcement',
    eventType: 'ReinforcementsSent',
    description: 'Troops or equipment were sent, deployed, mobilised, or positions reinforced.',
    triggers: [
      String.raw`(?:sent|sends|sending|dispatched|rushed|deployed|deploying|deploys|mobili[sz]ed|mobili[sz]ing|moved)\s+(?:in\s+)?(?:\w+\s+){0,3}?(?:reinforcements|troops|soldiers|forces|warships|tanks|units|battalions|brigades|fighters)`,
      String.raw`(?:reinforc\w+|bolster\w*\s+(?:its|their|his|the)\s+(?:positions?|defen[cs]es|forces|presence)|beefed\s+up)`,
    ],
    nouns: [String.raw`(?:deployment|build-?up)\s+of`],
    cameo: '15 Exhibit force posture / 154 Mobilize or increase armed forces',
    acled: 'Strategic developments › Change to group/activity',
  },
  {
    id: 'withdrawal',
    eventType: 'ForcesWithdrew',
    description: 'Forces withdrew, retreated or pulled back; people fled or were displaced.',
    triggers: [
      String.raw`(?:withdrew|withdrawn|withdrawing|retreated|retreating|pull(?:ed|ing|s)?\s+(?:back|out)|evacuated|fled|fleeing|displaced|abandoned\s+(?:their|its)\s+positions)`,
    ],
    nouns: [String.raw`(?:withdrawal|retreat|evacuation|exodus)`],
    cameo: '0874 Retreat or surrender militarily / 0873 Demobilize armed forces',
    acled: 'Strategic developments › Headquarters or base established (nearest) / displacement',
  },
  {
    id: 'generic',
    eventType: 'EventReported',
    description: 'A dated happening that fits no other kind (a past-tense clause with its own date).',
    triggers: [],
    cameo: '— (by verb)',
    acled: '—',
  },
];

export type KindId = (typeof KINDS)[number]['id'];

export const KIND_BY_ID: ReadonlyMap<string, KindDefinition> = new Map(KINDS.map((k) => [k.id, k]));

/** The domain event type of a kind (`EventReported` for unknown ids). */
export function eventTypeOf(kind: string): string {
  return KIND_BY_ID.get(kind)?.eventType ?? 'EventReported';
}

/** Whether two kinds may describe one happening (the projection's blocking key). */
export function kindsCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  return !!(KIND_BY_ID.get(a)?.compatible?.includes(b) || KIND_BY_ID.get(b)?.compatible?.includes(a));
}

export interface CompiledKind {
  kind: KindDefinition;
  /** Strong triggers: verbs and fixed expressions. */
  triggers: RegExp | null;
  /** Noun triggers, counted only in a reporting clause. */
  nouns: RegExp | null;
}

const wrap = (sources: string[]): RegExp | null =>
  // `\b` first (not a lookbehind) lets the engine skip ahead fast; callers reject a match glued to ’ ' or -.
  sources.length ? new RegExp(String.raw`\b(?:${sources.join('|')})(?![A-Za-z0-9\u00C0-\u024F])`, 'gi') : null;

/** Compiled once at module load. */
export const COMPILED_KINDS: readonly CompiledKind[] = KINDS.map((kind) => ({
  kind,
  triggers: wrap(kind.triggers),
  nouns: wrap(kind.nouns ?? []),
}));

/**
 * A deterministic corpus of invented news reports for the benchmark.
 *
 * The world: a pool of "stories" (a region, its parties and people, and a chain of 5–9 happenings over
 * one or two weeks). Each article picks one story and a publication instant inside it, and reports the
 * story's happenings up to then (and the planned ones just after) in its own wording, relative to its
 * own publication time: bare weekdays for the last few days, absolute dates further back, months and
 * years for background, "earlier that day" for anaphora. Several outlets report each story, so every
 * happening is reported by several articles in different words, spellings and (for tolls) figures.
 * Each article also carries noise: one or two happenings of its own, colour, analysis and quotes.
 *
 * Everything is invented (names are built from syllables); everything is a pure function of the seed
 * and the article index, so `articleAt(seed, i)` streams any N without holding the corpus in memory.
 */
import { DateTime } from 'luxon';

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for a corpus, and identical on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes integers into one 32-bit seed (so article i's randomness does not depend on article i-1's). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h ^= Math.imul((p | 0) ^ 0x85ebca6b, 0xc2b2ae35);
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

class Rng {
  constructor(readonly next: () => number) {}
  static of(...parts: number[]): Rng {
    return new Rng(mulberry32(mix(...parts)));
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

// ---------------------------------------------------------------------------------------------
// Invented names

const ONSETS = ['b', 'd', 'k', 'l', 'm', 'n', 'r', 's', 't', 'v', 'z', 'h', 'f', 'g', 'th', 'kh', 'br', 'dr', 'sh', 'tr'];
const VOWELS = ['a', 'a', 'e', 'i', 'o', 'u', 'e', 'o', 'ai', 'ei'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'm', 'n', 'r', 'sk', 'v', 'th'];

function word(r: Rng, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += r.pick(i === 0 ? ONSETS : ONSETS.slice(0, 16)) + r.pick(VOWELS) + (i === syllables - 1 ? r.pick(CODAS) : '');
  return w.charAt(0).toUpperCase() + w.slice(1);
}

const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };

export interface Place {
  name: string;
  /** Other spellings outlets use: an `al-` prefix, an accent, a hyphen. */
  variants: string[];
  province: string;
  zone: string;
}

export interface Person {
  name: string;
  role: string;
}

export interface Org {
  name: string;
  short: string;
}

export interface World {
  places: Place[];
  byProvince: Map<string, Place[]>;
  provinces: string[];
  people: Person[];
  groups: Org[];
  governments: string[];
  monitors: Org[];
  agencies: string[];
  outlets: string[];
}

const ZONES = ['Europe/Athens', 'Asia/Dubai', 'Africa/Nairobi', 'Asia/Karachi', 'Europe/Istanbul', 'Africa/Cairo', 'Asia/Tbilisi', 'America/Bogota', 'Asia/Jakarta', 'Europe/Kyiv'];
const ROLES = ['the foreign minister', 'the defence minister', 'the regional governor', 'a senior commander', 'the interior minister', 'the prime minister', 'a spokesperson for the army', 'the envoy of the regional bloc', 'the mayor', 'the chief negotiator'];
const GROUP_WORDS = [['Liberation', 'Front'], ['Free', 'Army'], ['Popular', 'Movement'], ['Northern', 'Alliance'], ['Revolutionary', 'Council'], ['Highland', 'Brigades'], ['National', 'Guard'], ['Coastal', 'Defence Forces']];
const OUTLET_WORDS = ['Ledger', 'Wire', 'Courier', 'Dispatch', 'Observer', 'Herald', 'Gazette', 'Monitor', 'Post', 'Chronicle', 'Report', 'Sentinel'];

function accent(name: string, r: Rng): string {
  const idx = [...name].findIndex((c, i) => i > 0 && ACCENTS[c]);
  return idx > 0 ? name.slice(0, idx) + ACCENTS[name[idx]] + name.slice(idx + 1) : name;
}

const worlds = new Map<string, World>();

/**
 * How many times the world of 1,000 articles the world of `n` articles is. More reports of one region
 * are more stories about more places and people, as a wire's feed of many regions is: with one fixed
 * world, 50,000 articles would tell 8,000 stories in 240 towns over 16 weeks, every town and commander
 * in dozens of unrelated stories at once. The outlets and the generic names (the UN, "the
 * Observatory") stay as they are, so common names still recur across stories at every size.
 */
export const worldScale = (n: number): number => Math.max(1, Math.ceil(n / 1000));

/** The invented world of a seed and scale: places, people, parties, monitors and outlets. */
export function worldOf(seed: number, scale = 1): World {
  const key = `${seed}/${scale}`;
  const cached = worlds.get(key);
  if (cached) return cached;
  const r = Rng.of(seed, 1);
  const used = new Set<string>();
  const fresh = (syl: number) => {
    for (;;) {
      const w = word(r, syl);
      if (!used.has(w) && w.length >= 4) {
        used.add(w);
        return w;
      }
    }
  };
  const provinces = Array.from({ length: 24 * scale }, () => fresh(r.int(2, 3)));
  const places: Place[] = Array.from({ length: 240 * scale }, (_, i) => {
    const name = fresh(r.int(2, 3));
    const variants = [name];
    if (i % 3 === 0) variants.push(`Al-${name}`, `al-${name}`);
    if (i % 4 === 1) variants.push(accent(name, r));
    if (i % 5 === 2) variants.push(`${name.slice(0, 3)}-${name.slice(3).toLowerCase()}`);
    return { name: variants[variants.length > 1 && i % 3 === 0 ? 1 : 0], variants, province: provinces[i % provinces.length], zone: ZONES[i % ZONES.length] };
  });
  const people: Person[] = Array.from({ length: 320 * scale }, (_, i) => ({ name: `${fresh(2)} ${fresh(r.int(2, 3))}`, role: ROLES[i % ROLES.length] }));
  const groups: Org[] = Array.from({ length: 40 * scale }, () => {
    const [a, b] = r.pick(GROUP_WORDS);
    const base = fresh(2);
    const name = `${base} ${a} ${b}`;
    return { name, short: (base[0] + a[0] + b[0]).toUpperCase() };
  });
  const governments = Array.from({ length: 24 * scale }, () => `${fresh(2)}`);
  const monitors: Org[] = Array.from({ length: 16 * scale }, () => {
    const base = fresh(2);
    return { name: `the ${base} Observatory for Civil Rights`, short: `the Observatory` };
  });
  const agencies = Array.from({ length: 12 * scale }, () => `${fresh(2).toUpperCase().slice(0, 4)}`);
  const outlets = Array.from({ length: 36 }, () => `The ${fresh(2)} ${r.pick(OUTLET_WORDS)}`);
  const byProvince = new Map<string, Place[]>();
  for (const p of places) byProvince.set(p.province, [...(byProvince.get(p.province) ?? []), p]);
  const world = { places, byProvince, provinces, people, groups, governments, monitors, agencies, outlets };
  worlds.set(key, world);
  return world;
}

// ---------------------------------------------------------------------------------------------
// Stories and happenings

export type Kind = 'offensive' | 'capture' | 'strikes' | 'visit' | 'statement' | 'ceasefire' | 'toll' | 'protest' | 'agreement' | 'flood' | 'arrests' | 'talks';

export interface Happening {
  id: string;
  kind: Kind;
  /** The day it happened (ISO), local to the story's zone. */
  day: string;
  place: Place;
  actor: Org;
  person: Person;
  other: Person;
  government: string;
  /** A count (killed, displaced, arrested, …), when the kind has one. */
  count: number;
  civilians: number;
  quote: string;
}

export interface Story {
  index: number;
  zone: string;
  place: Place;
  government: string;
  monitor: Org;
  agency: string;
  start: DateTime;
  end: DateTime;
  happenings: Happening[];
}

/** Monday 2 March 2026: the corpus spans the 16 weeks after it. */
export const BASE = DateTime.fromISO('2026-03-02T00:00:00', { zone: 'UTC' });
export const SPAN_DAYS = 16 * 7;

const ARCS: Kind[][] = [
  ['offensive', 'capture', 'strikes', 'toll', 'visit', 'statement', 'ceasefire', 'toll', 'talks'],
  ['protest', 'arrests', 'statement', 'protest', 'toll', 'talks', 'agreement'],
  ['flood', 'toll', 'visit', 'statement', 'flood', 'agreement'],
  ['strikes', 'offensive', 'toll', 'capture', 'statement', 'talks', 'ceasefire', 'visit'],
  ['talks', 'statement', 'agreement', 'visit', 'protest', 'arrests'],
];

const QUOTES = [
  'We will not abandon the people of {place}',
  'The situation is deteriorating by the hour',
  'This is a turning point, and everyone in the region knows it',
  'Our forces acted to protect civilians and nothing else',
  'There can be no military solution to this crisis',
  'We call on all sides to exercise maximum restraint',
  'The hospitals are overwhelmed and supplies are running out',
  'Nobody expected the lines to collapse so quickly',
  'We are ready to return to the table, but not under fire',
  'Every family here has lost someone',
];

export function storyCount(n: number): number {
  return Math.max(3, Math.ceil(n / 6));
}

export function storyAt(seed: number, index: number, scale = 1): Story {
  const w = worldOf(seed, scale);
  const r = Rng.of(seed, 2, index);
  const place = r.pick(w.places);
  // Dates are local wall times held in UTC DateTimes (cheap arithmetic); the zone applies only to publishedAt.
  const start = BASE.plus({ days: r.int(0, SPAN_DAYS - 14) });
  const arc = r.pick(ARCS);
  const length = r.int(5, Math.min(9, arc.length));
  const actor = r.pick(w.groups);
  const government = r.pick(w.governments);
  const people = Array.from({ length: 4 }, () => r.pick(w.people));
  // Places of the same province mostly, now and then one further away (never a scan of the world).
  const local = w.byProvince.get(place.province) ?? [place];
  const nearby = Array.from({ length: 4 }, () => (r.chance(0.3) ? r.pick(w.places) : r.pick(local)));
  let day = start;
  let toll = r.int(8, 60);
  const happenings: Happening[] = [];
  for (let k = 0; k < length; k++) {
    const kind = arc[k];
    if (k > 0) day = day.plus({ days: r.chance(0.25) ? 0 : r.int(1, 2) });
    toll += r.int(5, 120);
    happenings.push({
      id: `s${index}h${k}`,
      kind,
      day: day.toISODate()!,
      place: r.chance(0.6) ? place : r.pick(nearby),
      actor,
      person: people[k % 4],
      other: people[(k + 1) % 4],
      government,
      count: kind === 'toll' ? toll : kind === 'flood' ? r.int(200, 9000) : kind === 'arrests' ? r.int(12, 400) : r.int(3, 90),
      civilians: r.int(2, 40),
      quote: r.pick(QUOTES),
    });
  }
  return { index, zone: place.zone, place, government, monitor: r.pick(w.monitors), agency: r.pick(w.agencies), start, end: day, happenings };
}

// ---------------------------------------------------------------------------------------------
// Writing: time expressions relative to the article's publication

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function countText(n: number, r: Rng, qualifier = true): string {
  const q = qualifier ? r.pick(['at least ', 'more than ', 'about ', 'nearly ', '', 'over ']) : '';
  const num = n <= 12 && r.chance(0.7) ? SMALL[n] : n >= 1000 ? n.toLocaleString('en-US') : String(n);
  return q + num;
}

/** How an article published at `pub` names the day `day`: weekday, "last Friday", a date, "earlier this month". */
function whenText(day: DateTime, pub: DateTime, r: Rng, future: boolean): string {
  const diff = dayNumber(pub) - dayNumber(day);
  const wd = WEEKDAYS[day.weekday - 1];
  const dm = `${day.day} ${MONTHS[day.month - 1]}`;
  const md = `${MONTHS[day.month - 1]} ${day.day}`;
  if (future) {
    if (diff > -7) return r.pick([`on ${wd}`, `on ${wd}`, `next ${wd}`, `on ${md}`]);
    return r.pick([`on ${md}`, `on ${dm}`, `later in ${MONTHS[day.month - 1]}`]);
  }
  if (diff === 0) return r.pick([`on ${wd}`, 'earlier today', `on ${wd}`, 'today']);
  if (diff < 7) return r.pick([`on ${wd}`, `on ${wd}`, `on ${wd}`, diff === 1 ? 'yesterday' : `last ${wd}`, `on ${wd}, ${md}`]);
  if (diff < 40) return r.pick([`on ${dm}`, `on ${md}`, `on ${md}, ${day.year}`, `on ${wd}, ${dm}`]);
  return r.pick([`in ${MONTHS[day.month - 1]}`, `in early ${MONTHS[day.month - 1]}`, `on ${dm} ${day.year}`]);
}

const DAY_MS = 86_400_000;
/** Days since the epoch of a wall time held in a UTC DateTime (plain arithmetic: luxon's diff is slow). */
const dayNumber = (d: DateTime) => Math.floor(d.toMillis() / DAY_MS);

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Ctx {
  r: Rng;
  h: Happening;
  when: string;
  place: string;
  story: Story;
  pub: DateTime;
  /** The toll an outlet knows at its publication (earlier reports know less). */
  toll: number;
}

type Template = (c: Ctx) => string;

const SOURCES = (c: Ctx) =>
  c.r.pick([`according to ${c.story.monitor.name}`, `according to ${c.story.monitor.short}`, `the state news agency ${c.story.agency} reported`, `local officials said`, `medical sources told reporters`, `according to a statement from the ${c.story.government} government`]);

const PAST: Record<Kind, Template[]> = {
  offensive: [
    (c) => `Fighters of the ${c.h.actor.name} launched a major offensive against government positions around ${c.place} ${c.when}.`,
    (c) => `${cap(c.when)}, the ${c.h.actor.short} began a surprise assault on the outskirts of ${c.place}, ${SOURCES(c)}.`,
    (c) => `The ${c.h.actor.short}, a coalition dominated by hardline factions, attacked army lines near ${c.place} ${c.when}.`,
  ],
  capture: [
    (c) => `The ${c.h.actor.name} seized the town of ${c.place} ${c.when}, ${SOURCES(c)}.`,
    (c) => `${cap(c.when)}, ${c.h.actor.short} fighters captured ${c.place} after government troops withdrew.`,
    (c) => `The ${c.h.actor.short} claimed to have entered ${c.place} ${c.when}, a claim that could not be independently verified.`,
  ],
  strikes: [
    (c) => `Air strikes hit residential areas of ${c.place} ${c.when}, killing ${countText(c.h.count, c.r)} people, ${SOURCES(c)}.`,
    (c) => `${cap(c.when)}, warplanes bombed ${c.place}, killing ${countText(c.h.count, c.r)} people including ${countText(c.h.civilians, c.r, false)} civilians.`,
    (c) => `The ${c.h.government} air force carried out strikes on ${c.place} ${c.when}, ${SOURCES(c)}.`,
  ],
  visit: [
    (c) => `${c.h.person.name}, ${c.h.person.role}, visited ${c.place} ${c.when} to meet ${c.h.other.name}.`,
    (c) => `${cap(c.when)}, ${c.h.person.name} travelled to ${c.place}, where ${c.h.person.name.split(' ')[1]} held talks with ${c.h.other.name}.`,
    (c) => `${c.h.person.name} arrived in ${c.place} ${c.when}, the first visit by ${c.h.person.role} since the fighting began.`,
  ],
  statement: [
    (c) => `“${c.h.quote.replace('{place}', c.place)},” ${c.h.person.name}, ${c.h.person.role}, said ${c.when}.`,
    (c) => `${c.h.person.name} said in a televised address ${c.when} that “${c.h.quote.replace('{place}', c.place).toLowerCase()}”.`,
    (c) => `Speaking to reporters in ${c.place} ${c.when}, ${c.h.person.name} warned: “${c.h.quote.replace('{place}', c.place)}.”`,
  ],
  ceasefire: [
    (c) => `A ceasefire between the ${c.h.actor.short} and the ${c.h.government} government took effect ${c.when} around ${c.place}.`,
    (c) => `${cap(c.when)}, a fragile truce began in ${c.place} after days of heavy fighting.`,
  ],
  toll: [
    (c) => `The death toll from the fighting has risen to ${countText(c.toll, c.r)}, including ${countText(c.h.civilians, c.r, false)} civilians, ${SOURCES(c)}.`,
    (c) => `${cap(SOURCES(c))} that ${countText(c.toll, c.r)} people had been killed in and around ${c.place} by ${c.when.replace(/^(on|in) /, '')}.`,
    (c) => `At least ${c.toll} people have died since the clashes started, ${SOURCES(c)}.`,
  ],
  protest: [
    (c) => `Thousands of people protested in the centre of ${c.place} ${c.when}, demanding the release of detained activists.`,
    (c) => `${cap(c.when)}, crowds marched through ${c.place} chanting against the ${c.h.government} government.`,
  ],
  agreement: [
    (c) => `The ${c.h.government} government and the ${c.h.actor.short} signed an agreement in ${c.place} ${c.when} on the exchange of prisoners.`,
    (c) => `${cap(c.when)}, negotiators meeting in ${c.place} reached a deal to reopen the main road, ${SOURCES(c)}.`,
  ],
  flood: [
    (c) => `Floods struck ${c.place} ${c.when}, displacing ${countText(c.h.count, c.r)} families, ${SOURCES(c)}.`,
    (c) => `${cap(c.when)}, the river burst its banks near ${c.place}, forcing ${countText(c.h.count, c.r)} people from their homes.`,
  ],
  arrests: [
    (c) => `Police in ${c.place} arrested ${countText(c.h.count, c.r)} people ${c.when}, ${SOURCES(c)}.`,
    (c) => `${cap(c.when)}, security forces detained ${countText(c.h.count, c.r)} demonstrators in ${c.place}.`,
  ],
  talks: [
    (c) => `Delegations from both sides met in ${c.place} ${c.when} for talks mediated by ${c.h.other.name}.`,
    (c) => `${cap(c.when)}, ${c.h.person.name} and ${c.h.other.name} held talks in ${c.place} on a possible truce.`,
  ],
};

const FUTURE: Partial<Record<Kind, Template[]>> = {
  visit: [
    (c) => `${c.h.person.name}, ${c.h.person.role}, will visit ${c.place} ${c.when}, ${SOURCES(c)}.`,
    (c) => `${c.h.person.name} is due to travel to ${c.place} ${c.when} to meet ${c.h.other.name}.`,
  ],
  ceasefire: [(c) => `A ceasefire is expected to take effect ${c.when} around ${c.place}, ${SOURCES(c)}.`],
  talks: [(c) => `Negotiators are scheduled to meet in ${c.place} ${c.when}, ${c.h.other.name} said.`],
  agreement: [(c) => `The two sides plan to sign an agreement in ${c.place} ${c.when}.`],
  protest: [(c) => `Organisers said they will march again in ${c.place} ${c.when}.`],
};

const BACKGROUND: ((s: Story, r: Rng, w: World) => string)[] = [
  (s, r) => `In ${r.int(1998, 2019)}, the ${s.government} army, backed by foreign airpower, recaptured parts of ${s.place.province} province from rebels.`,
  (s, r) => `${s.place.name} has changed hands several times since the conflict began over a decade ago.`,
  (s, r) => `The region was hit by a similar crisis in ${r.int(2001, 2020)}, when ${countText(r.int(20, 900), r)} people were killed.`,
  (s, r) => `Last year, the ${s.government} government ${r.pick(['promised', 'pledged', 'set aside money'])} to rebuild ${r.int(3, 40)} ${r.pick(['bridges', 'clinics', 'schools', 'water stations'])} in ${s.place.province}.`,
  (s, r) => `The last round of negotiations collapsed in ${MONTHS[r.int(0, 11)]} ${r.int(2015, 2025)} without an agreement.`,
  (s, r) => `Since ${r.int(2011, 2022)}, more than ${r.int(2, 9)} million people have fled the province, according to the United Nations refugee agency.`,
  (s, r, w) => `${r.pick(w.people).name}, who governed ${s.place.province} from ${r.int(1990, 2005)}, once called ${s.place.name} “${r.pick(['the key to the north', 'the granary of the valley', 'a city of bridges', 'the gate to the coast'])}”.`,
  (s) => `The ${s.place.province} region has been contested since late 2016.`,
];

/**
 * Colour: sentences composed from phrase banks, so that two articles about different stories rarely
 * share a sentence (real reports do not repeat each other's boilerplate across unrelated stories).
 */
const WHO = [
  (s: Story, r: Rng, w: World) => `residents of ${s.place.name}`,
  (s: Story, r: Rng, w: World) => `${r.pick(w.people).name}, a shopkeeper in ${s.place.name},`,
  (s: Story, r: Rng, w: World) => `aid workers in ${s.place.province}`,
  (s: Story, r: Rng, w: World) => `${r.pick(w.people).name}, a teacher from the ${s.place.province} valley,`,
  (s: Story, r: Rng, w: World) => `doctors at the ${word(r, 2)} clinic`,
  (s: Story, r: Rng, w: World) => `farmers on the plain outside ${s.place.name}`,
  (s: Story, r: Rng, w: World) => `${r.pick(w.people).name}, an analyst at the ${word(r, 2)} Institute,`,
  (s: Story, r: Rng, w: World) => `families sheltering near the ${word(r, 2)} bridge`,
];
const SAW = [
  (r: Rng) => `described queues for bread stretching ${r.int(2, 9)} blocks`,
  (r: Rng) => `spoke of power cuts lasting ${r.int(6, 20)} hours a day`,
  (r: Rng) => `said the price of a sack of flour had risen to ${r.int(12, 90)} ${r.pick(['dinars', 'pounds', 'marks', 'crowns'])}`,
  (r: Rng) => `complained that the ${r.pick(['northern', 'eastern', 'coastal', 'mountain'])} road had been shut for ${r.int(3, 30)} days`,
  (r: Rng) => `reported that ${r.int(2, 14)} of the district's ${r.int(15, 40)} schools stayed shut`,
  (r: Rng) => `warned that stocks of ${r.pick(['insulin', 'antibiotics', 'baby formula', 'diesel', 'clean water'])} would last ${r.pick(['days', 'a week', 'a fortnight'])}`,
  (r: Rng) => `said mobile networks had been down since the ${r.pick(['shelling', 'storm', 'curfew', 'blackout'])}`,
  (r: Rng) => `counted ${r.int(3, 60)} burned-out ${r.pick(['cars', 'trucks', 'buses', 'tractors'])} along the ${r.pick(['river', 'ring', 'airport', 'market'])} road`,
];
const TAIL = [
  () => '',
  (r: Rng) => `, a claim that could not be verified`,
  (r: Rng) => ` in ${r.pick(['a phone interview', 'messages to reporters', 'a video posted online', 'remarks to local radio'])}`,
  (r: Rng) => `, adding that ${r.pick(['nobody had come to help', 'the night had been quiet', 'help was promised but never came', 'many had already left'])}`,
];
const COLOUR: ((s: Story, r: Rng, w: World) => string)[] = Array.from({ length: 12 }, (_, i) => (s: Story, r: Rng, w: World) => {
  // Each of an article's colour sentences says something else; which, and who says it, varies by story.
  const who = WHO[(i * 3 + s.index) % WHO.length](s, r, w);
  return `${cap(who)} ${SAW[(i + s.index) % SAW.length](r)}${r.pick(TAIL)(r)}.`;
});

const NOUN: Record<Kind, string> = {
  offensive: 'offensive', capture: 'fall of the town', strikes: 'air strikes', visit: 'visit', statement: 'remarks',
  ceasefire: 'ceasefire', toll: 'fighting', protest: 'protests', agreement: 'agreement', flood: 'floods', arrests: 'arrests', talks: 'talks',
};

/** A second sentence about a happening: reactions, figures, attribution; dated by anaphora or not at all. */
const DETAIL: Template[] = [
  (c) => `“${c.h.quote.replace('{place}', c.place)},” ${c.h.other.name}, ${c.h.other.role}, said after the ${NOUN[c.h.kind]}.`,
  (c) => `${c.h.other.name} condemned the ${NOUN[c.h.kind]} in ${c.place}, calling it “a grave escalation”.`,
  (c) => `Later that day, ${c.h.person.name} told reporters that ${countText(c.h.civilians, c.r)} civilians had been wounded.`,
  (c) => `The ${NOUN[c.h.kind]} came as ${c.h.person.name}, ${c.h.person.role}, was preparing to leave for the capital.`,
  (c) => `${cap(SOURCES(c))} that the ${NOUN[c.h.kind]} had affected ${countText(c.h.count * 3 + 7, c.r)} families in the ${c.story.place.province} region.`,
  (c) => `The ${c.h.government} government did not respond to a request for comment on the ${NOUN[c.h.kind]}.`,
];

export interface BenchArticle {
  id: string;
  outlet: string;
  url: string;
  title: string;
  publishedAt: string;
  timezone: string;
  language: 'en';
  text: string;
  /** Not sent: which happenings of the pool the article reports (for checking reconciliation). */
  happenings: string[];
}

interface Pool {
  stories: Story[];
  /** Story indexes by week of their start, for finding another story running at a publication time. */
  byWeek: Map<number, number[]>;
}
const pools = new Map<string, Pool>();

function poolOf(seed: number, n: number): Pool {
  const key = `${seed}/${n}`;
  let pool = pools.get(key);
  if (!pool) {
    const stories = Array.from({ length: storyCount(n) }, (_, s) => storyAt(seed, s, worldScale(n)));
    const byWeek = new Map<number, number[]>();
    for (const s of stories) {
      const wk = Math.floor(s.start.diff(BASE, 'days').days / 7);
      byWeek.set(wk, [...(byWeek.get(wk) ?? []), s.index]);
    }
    pool = { stories, byWeek };
    pools.clear();
    pools.set(key, pool);
  }
  return pool;
}

/** Article i of the corpus of `n` articles for `seed`: a pure function of (seed, n, i). */
export function articleAt(seed: number, n: number, i: number): BenchArticle {
  const w = worldOf(seed, worldScale(n));
  const pool = poolOf(seed, n);
  const r = Rng.of(seed, 3, i);
  const story = r.pick(pool.stories);
  // Published between the second day of the story and three days after its last happening.
  const span = Math.max(2, Math.round(story.end.diff(story.start, 'days').days) + 3);
  const pub = story.start.plus({ days: r.int(2, span), hours: r.int(7, 22), minutes: r.int(0, 59) });
  const pubDay = pub.toISODate()!;
  const outlet = r.pick(w.outlets);
  const spell = (p: Place) => (p.variants.length > 1 ? r.pick(p.variants) : p.name);
  const target = r.int(3000, 4800);

  const body: string[] = [];
  const reported: string[] = [];
  const write = (s: Story, h: Happening, future: boolean, lastDay: string | null, detail: boolean) => {
    const day = DateTime.fromISO(h.day, { zone: 'utc' });
    let when = whenText(day, pub, r, future);
    if (!future && lastDay === h.day && r.chance(0.5)) when = r.pick(['earlier that day', 'on the same day', 'later that day']);
    const toll = h.kind === 'toll' ? Math.round(h.count * (0.7 + 0.3 * Math.min(1, (pub.toMillis() - day.toMillis()) / DAY_MS / 3))) : h.count;
    const c: Ctx = { r, h, when, place: spell(h.place), story: s, pub, toll };
    body.push(r.pick(future ? FUTURE[h.kind]! : PAST[h.kind])(c));
    if (detail) body.push(r.pick(DETAIL)(c));
    reported.push(h.id);
  };
  const tell = (s: Story, maxPast: number, detail: number) => {
    const past = s.happenings.filter((h) => h.day <= pubDay).slice(-maxPast);
    // Latest first, as news is written, then the rest in the order they happened.
    const ordered = past.length ? [past[past.length - 1], ...past.slice(0, -1)] : [];
    let lastDay: string | null = null;
    for (const h of ordered) {
      write(s, h, false, lastDay, r.chance(detail));
      lastDay = h.day;
    }
    for (const h of s.happenings.filter((h) => h.day > pubDay && FUTURE[h.kind]).slice(0, 2)) write(s, h, true, null, false);
  };
  tell(story, 9, 0.6);
  // Another story running at the same time, more briefly: the outlet's round-up.
  const wk = Math.floor((dayNumber(pub) - dayNumber(BASE)) / 7);
  const others = [...(pool.byWeek.get(wk) ?? []), ...(pool.byWeek.get(wk - 1) ?? [])].filter((s) => s !== story.index);
  if (others.length && r.chance(0.8)) {
    const other = pool.stories[r.pick(others)];
    body.push(r.pick([`Elsewhere in the region, `, `In a separate development, `, `Meanwhile, in ${other.place.province}, `]) + 'the situation also worsened.');
    tell(other, 3, 0.3);
  }
  // Noise: happenings of the article's own, somewhere else, in the last fortnight.
  for (let k = r.int(1, 3); k > 0; k--) {
    const kind = r.pick(Object.keys(PAST) as Kind[]);
    const day = pub.minus({ days: r.int(0, 13) });
    const h: Happening = { ...story.happenings[0], id: `noise-${i}-${k}`, kind, day: day.toISODate()!, place: r.pick(w.places), actor: r.pick(w.groups), person: r.pick(w.people), other: r.pick(w.people), count: r.int(3, 500) };
    body.splice(r.int(1, body.length), 0, r.pick(PAST[kind])({ r, h, when: whenText(day, pub, r, false), place: h.place.name, story, pub, toll: h.count }));
  }
  // Background (with years) and colour, each at most once, until the article is long enough.
  const deck = r.shuffle([...BACKGROUND.slice(), ...COLOUR.slice()]);
  let length = body.join(' ').length;
  for (const f of deck) {
    if (length >= target) break;
    const s = f(story, r, w);
    if (length + s.length > 4950) continue;
    body.splice(r.int(2, body.length), 0, s);
    length += s.length + 1;
  }
  // Paragraphs of one to three sentences.
  const paras: string[] = [];
  for (let k = 0; k < body.length; ) {
    const take = r.int(1, 3);
    paras.push(body.slice(k, k + take).join(' '));
    k += take;
  }
  const lead = story.happenings.find((h) => h.id === reported[0]) ?? story.happenings[0];
  const title = `${cap(lead.kind === 'toll' ? 'death toll rises' : NOUN[lead.kind])} in ${spell(lead.place)} as ${story.place.province} crisis deepens`;
  const slug = outlet.toLowerCase().replace(/^the /, '').replace(/[^a-z]+/g, '-');
  return {
    id: `bench-${seed}-${i}`,
    outlet,
    url: `https://${slug}.example/${pub.toFormat('yyyy/MM/dd')}/${i}`,
    title,
    publishedAt: DateTime.fromObject(pub.toObject(), { zone: story.zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!,
    timezone: story.zone,
    language: 'en',
    text: paras.join('\n'),
    happenings: reported,
  };
}

export function* corpus(seed: number, n: number): Generator<BenchArticle> {
  for (let i = 0; i < n; i++) yield articleAt(seed, n, i);
}

/** The request body of POST /articles for an article. */
export function bodyOf(a: BenchArticle): string {
  const { happenings: _, ...body } = a;
  return JSON.stringify(body);
}

// `node dist/bench/corpus.js [n] [seed]` prints sample articles.
if (require.main === module) {
  const n = Number(process.argv[2] ?? 3);
  const seed = Number(process.argv[3] ?? 42);
  let bytes = 0;
  for (const a of corpus(seed, n)) {
    bytes += Buffer.byteLength(a.text);
    if (n <= 5) console.log(`--- ${a.id} ${a.outlet} ${a.publishedAt} ${a.timezone} (${a.text.length} chars)\n${a.title}\n\n${a.text}\n`);
  }
  console.log(`${n} articles, ${(bytes / n / 1024).toFixed(2)} KB on average`);
}

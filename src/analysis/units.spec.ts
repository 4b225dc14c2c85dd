/** Table-driven tests of the parts: keys, figures, status, attribution, kinds, sentences, time expressions. */
import { analyse, attributionOf, extractFigures, KINDS, normaliseKey, splitSentences, statusOf } from './index';
import { extractTimeExpressions } from './time';

const PUB = '2024-12-01T19:00:00+03:00';
const facts = (text: string, publishedAt = PUB) => analyse({ text, publishedAt, timezone: 'UTC' }).facts;

describe('normaliseKey', () => {
  it.each([
    ['Maaret Al-Nu’man', 'Maaret al-Numan'],
    ['Hayat Tahrir Al-Sham', 'Hayat Tahrir al-Sham'],
    ['Hayat Tahrir Al Sham', 'Hayat Tahrir al-Sham'],
    ['Bashar Al-Assad', 'Bashar al-Assad'],
    ['São Paulo', 'Sao Paulo'],
    ['Tal-Rifaat', 'Tal Rifaat'],
    ['The United Nations', 'United Nations'],
    ['Iran’s', 'Iran'],
    ["Côte d'Ivoire", 'Cote d’Ivoire'],
  ])('%s ≡ %s', (a, b) => expect(normaliseKey(a)).toBe(normaliseKey(b)));

  it.each([['Maaret Al-Nu’man', 'maaretnuman'], ['  ', ''], ['Zürich', 'zurich'], ['El-Baradei', 'baradei']])('%s → %s', (a, k) =>
    expect(normaliseKey(a)).toBe(k));

  it('keeps distinct names distinct', () => expect(normaliseKey('Hama')).not.toBe(normaliseKey('Homs')));
});

describe('figures', () => {
  const fig = (s: string) => extractFigures(s, 0, s.length).map((f) => [f.count, f.qualifier, f.unit]);
  it.each<[string, [number, string, string][]]>([
    ['The fighting has claimed over 412 lives', [[412, 'over', 'deaths']]],
    ['it claimed more than 412 lives', [[412, 'over', 'deaths']]],
    ['including at least 61 civilians', [[61, 'at least', 'civilians']]],
    ['over 300 combatants and at least 20 civilians have been killed', [[300, 'over', 'combatants killed'], [20, 'at least', 'civilians killed']]],
    ['capturing 65 Syrian troops', [[65, 'exact', 'troops captured']]],
    ['which had displaced nearly a million people', [[1_000_000, 'up to', 'people displaced']]],
    ['killing nine civilians', [[9, 'exact', 'civilians killed']]],
    ['killing dozens, the agency said', [[24, 'approximate', 'people killed']]],
    ['twelve people were wounded', [[12, 'exact', 'people wounded']]],
    ['about 3,500 refugees arrived', [[3500, 'about', 'refugees']]],
    ['some 2.5 million people', [[2_500_000, 'about', 'people']]],
    ['hundreds of thousands of people', [[200_000, 'approximate', 'people']]],
  ])('%s', (text, expected) => expect(fig(text)).toEqual(expected));

  it.each(['in 2016', 'UNSCR 2254', 'its 13th year', 'over a decade', '5 Min Read'])('no figure in %s', (text) =>
    expect(fig(text)).toEqual([]));
});

describe('status', () => {
  const st = (sentence: string, trigger: string) => statusOf(sentence, sentence.indexOf(trigger), trigger);
  it.each([
    ['He announced he will visit the capital on Sunday.', 'visit', 'planned'],
    ['The minister plans to visit the capital.', 'visit', 'planned'],
    ['The president is due to meet the envoy.', 'meet', 'planned'],
    ['They claimed to have entered the city, though this has not been independently verified.', 'entered', 'claimed'],
    ['The group allegedly seized the town.', 'seized', 'claimed'],
    ['The army denied that it bombed the market.', 'bombed', 'denied'],
    ['The fighting has claimed over 412 lives.', 'claimed', 'reported'],
    ['Rebels seized the town on Saturday.', 'seized', 'reported'],
    // "due to" a cause is no plan; "had been due to" and ", due to" are.
    ['Profit tripled on Thursday due to higher prices and output.', 'prices', 'reported'],
    ['The offer had been due to expire on Friday.', 'expire', 'planned'],
    ['The envoy, due to arrive on Monday, cancelled.', 'arrive', 'planned'],
  ])('%s', (sentence, trigger, status) => expect(st(sentence, trigger)).toBe(status));
});

describe('attribution', () => {
  it.each([
    ['Strikes killed 12 people, according to the Observatory.', 'the Observatory'],
    ['Strikes killed dozens, as per state news agency SANA.', 'state news agency SANA'],
    ['The town fell, a military source confirmed.', 'a military source'],
    ['“We will fight,” the commander said.', 'the commander'],
    ['The ministry said that 40 people died.', 'The ministry'],
    ['Rebels seized the town.', null],
  ])('%s', (sentence, who) => expect(attributionOf(sentence)).toBe(who));
});

describe('kinds', () => {
  it('documents every kind with an event type, triggers and CAMEO/ACLED categories', () => {
    const ids = KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(KINDS.length).toBeGreaterThanOrEqual(15);
    expect(KINDS.length).toBeLessThanOrEqual(25);
    for (const k of KINDS) {
      expect(k.eventType).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(k.cameo.length).toBeGreaterThan(0);
      expect(k.acled.length).toBeGreaterThan(0);
      if (k.id !== 'generic') expect(k.triggers.length).toBeGreaterThan(0);
    }
    expect(KINDS.find((k) => k.id === 'generic')?.eventType).toBe('EventReported');
  });

  it.each([
    ['Insurgents launched a coordinated offensive on Wednesday.', 'attack', 'OffensiveLaunched'],
    ['Rebels seized the strategic town of Kafr Nabl on Monday.', 'territory-change', 'TerritoryCaptured'],
    ['Warplanes bombed a market in the city on Monday.', 'airstrike', 'AirStrikesCarriedOut'],
    ['At least 30 people were killed on Tuesday.', 'casualties', 'CasualtiesReported'],
    ['The foreign minister visited Ankara on Tuesday.', 'visit', 'VisitMade'],
    ['The two leaders held talks in Geneva on Monday.', 'meeting', 'MeetingHeld'],
    ['In a phone call with his counterpart on Monday, the president discussed trade.', 'call', 'CallHeld'],
    ['The envoy warned on Monday that the crisis could spread.', 'statement', 'StatementMade'],
    ['A ceasefire took effect on Wednesday.', 'ceasefire', 'CeasefireBegan'],
    ['The two countries signed a trade agreement on Friday.', 'agreement', 'AgreementSigned'],
    ['Voters elected a new parliament on Sunday.', 'election', 'ElectionHeld'],
    ['Thousands protested in the capital on Friday.', 'protest', 'ProtestHeld'],
    ['Police arrested 12 suspects on Monday.', 'arrest', 'ArrestMade'],
    ['A court sentenced the former mayor on Tuesday.', 'trial', 'TrialHeld'],
    ['An earthquake struck the region on Monday.', 'disaster', 'DisasterStruck'],
    ['The central bank raised interest rates on Thursday.', 'economic', 'EconomicEventReported'],
    ['The EU imposed new sanctions on the regime on Monday.', 'sanctions', 'SanctionsImposed'],
    ['The civil war began in 2011.', 'conflict-start', 'ConflictBegan'],
    ['The group distanced itself from the network in 2016.', 'organisation', 'OrganisationChanged'],
    ['The prime minister resigned on Sunday.', 'leadership', 'LeadershipChanged'],
    ['The president appointed a new cabinet on Monday.', 'leadership', 'LeadershipChanged'],
    ['Parliament passed the budget on Tuesday.', 'legislation', 'LawPassed'],
    ['The governor signed the measure into law on Friday.', 'legislation', 'LawPassed'],
    ['The army sent reinforcements to the north on Sunday.', 'reinforcement', 'ReinforcementsSent'],
    ['Workers went on strike over pay on Monday.', 'protest', 'ProtestHeld'],
    ['The hurricane made landfall on Sunday.', 'disaster', 'DisasterStruck'],
    ['Health officials confirmed the first case of the virus on Monday.', 'disaster', 'DisasterStruck'],
    ['Shares of the carmaker plunged 20 percent on Monday.', 'economic', 'EconomicEventReported'],
    ['The company’s stock fell $1.125 in over-the-counter trading on Monday.', 'economic', 'EconomicEventReported'],
    ['Third-quarter net income rose 11% to $38 million, the insurer said on Tuesday.', 'economic', 'EconomicEventReported'],
    ['The dollar hit a record low against the yen on Friday.', 'economic', 'EconomicEventReported'],
    ['The airline filed for bankruptcy protection on Monday.', 'economic', 'EconomicEventReported'],
    ['An appeals court overturned the conviction on Friday.', 'trial', 'TrialHeld'],
    ['The ship was hijacked by pirates on Tuesday.', 'arrest', 'ArrestMade'],
    ['Government troops withdrew from the town on Friday.', 'withdrawal', 'ForcesWithdrew'],
    ['Warplanes were bombing the town on Monday.', 'airstrike', 'AirStrikesCarriedOut'],
    ['Two bombs exploded outside the embassies on Friday.', 'attack', 'OffensiveLaunched'],
    ['Explosions rocked the capital on Tuesday.', 'attack', 'OffensiveLaunched'],
    ['The car bombings occurred minutes apart on Friday.', 'attack', 'OffensiveLaunched'],
    ['The parliament adjourned on Friday.', 'generic', 'EventReported'],
  ])('%s → %s', (text, kind, type) => {
    const f = facts(text);
    expect(f.map((x) => x.kind)).toContain(kind);
    expect(f.find((x) => x.kind === kind)?.type).toBe(type);
  });

  it('keeps background description without a happening out', () => {
    expect(facts('The city has long been a strategic prize for both sides.')).toEqual([]);
    // An adjective, not a happening: "the ousted leader", "newly appointed".
    expect(facts('Loyalists of the ousted leader clashed with police.').map((x) => x.kind)).not.toContain('leadership');
    expect(facts('Newly appointed Prime Minister Adel Safar spoke on Monday.').map((x) => x.kind)).not.toContain('leadership');
    expect(facts('Analysts suggest the government may not regain control.')).toEqual([]);
    expect(facts('She laid flowers at the bombed embassy on Tuesday.').map((x) => x.kind)).not.toContain('airstrike');
    expect(facts('Bombing investigators from three countries arrived on Monday.').map((x) => x.kind)).not.toContain('airstrike');
    expect(facts('“Quick reaction air strikes have limited utility,” he said.')).toEqual([]);
  });

  it('reports no happening from a clause that opens with a condition', () => {
    expect(facts('If a more virulent form appears late in the year, hospitals will have time to prepare.')).toEqual([]);
    expect(facts('To see if anything had changed, last year the researchers went back to the hospitals.').map((x) => x.kind)).toEqual(['generic']);
  });

  it('reports nothing from a question', () => {
    expect(facts('Why did the army attack the town in 1982?')).toEqual([]);
    expect(facts('“Were the protesters armed when police killed them on Friday?”')).toEqual([]);
  });

  it('keeps quotation marks paired after a stray one, line by line', () => {
    // A quote opened and never closed on its line ran to the end of it; the next line's opening mark opens anew.
    const text = 'The monitor called it "a massacre. \nPolice arrested 12 people on Monday. \n"Soldiers attacked our houses on Sunday," he said.';
    expect(facts(text).map((x) => x.kind)).toEqual(['arrest', 'statement']);
    // The typewriter's pair, as the wires' archives write it.
    expect(facts("``Soldiers attacked our houses on Sunday,'' he said.").map((x) => x.kind)).toEqual(['statement']);
    // Within a line, the next mark closes a quote whatever its side.
    expect(facts('He described it as "a collection of aides, "waiting to see. Rebels seized the town on Friday.').map((x) => x.kind)).toEqual(['territory-change']);
  });

  it('finds two happenings in one sentence', () => {
    const f = facts('Pro-government militias attacked rebel fighters in the province, seizing the strategic town of Kafr Nabl.');
    expect(f.map((x) => x.kind)).toEqual(['attack', 'territory-change']);
  });
});

describe('dating', () => {
  it('resolves a past weekday backward and a planned one forward', () => {
    expect(facts('Rebels launched an attack on Wednesday.')[0].when.from).toBe('2024-11-27');
    const planned = facts('The minister will visit the capital on Sunday.', '2024-11-30T16:00:00+03:00')[0];
    expect(planned).toMatchObject({ status: 'planned', when: { from: '2024-12-01', to: '2024-12-01' } });
  });

  it('bounds an undated happening by the publication day, and an undated plan from it on', () => {
    expect(facts('Rebels seized the town.')[0].when).toEqual({ from: null, to: '2024-12-01', precision: 'bounded', edtf: '../2024-12-01', timex3: 'PAST_REF' });
    expect(facts('The minister plans to visit the capital.')[0].when).toMatchObject({ from: '2024-12-01', to: null, precision: 'bounded' });
  });

  it('takes "earlier that day" and "the same day" from the fact they point at', () => {
    const f = facts('The minister visited the capital on Saturday. Earlier that day, warplanes bombed a market. On the same day, rebels seized a town.');
    expect(f.map((x) => x.when.from)).toEqual(['2024-11-30', '2024-11-30', '2024-11-30']);
    expect(f[1].datedBy.anchor).toEqual({ type: 'fact', factIndex: 0 });
  });

  it('counts "the next day" and "the day before" from the happening they point at, or from a day named nearer', () => {
    const f = facts('Rebels seized the town on Friday. The next day, troops shelled the port.');
    expect(f.map((x) => x.when.from)).toEqual(['2024-11-29', '2024-11-30']);
    expect(f[1].datedBy).toMatchObject({ rule: 'anaphora-fact', anchor: { type: 'fact', factIndex: 0 } });
    // The funeral's Saturday, named after the meeting's Sunday, is what "the day before" counts from.
    const g = facts('Ministers will hold a meeting on Sunday. At Saturday’s funeral for a boy killed in a protest the day before, mourners chanted.');
    expect(g.map((x) => [x.kind, x.when.from])).toEqual([['meeting', '2024-12-01'], ['casualties', '2024-11-29'], ['protest', '2024-11-29']]);
  });

  it('dates a participle by the time of the clause it continues, when that clause reports no fact of its own', () => {
    const f = facts('The ferry overturned near the coast on Friday, killing 12 people.');
    expect(f.map((x) => [x.kind, x.when.from, x.datedBy.text])).toEqual([['casualties', '2024-11-29', 'Friday']]);
  });

  it('does not count "the day before" from a happening known only by its year', () => {
    const f = facts('Emergency rule was imposed in 2009. The protests went ahead despite the lifting of emergency rule the day before.');
    expect(f.map((x) => x.when.edtf)).toEqual(['2009', '2024-11-30']);
  });

  it('reads what is dated after the publication as planned, however it is worded', () => {
    const f = facts('Spain votes in elections in February. Police said there would be a strike on Tuesday.', '2024-11-30T16:00:00+03:00');
    expect(f.map((x) => [x.when.from, x.status])).toEqual([['2025-02-01', 'planned'], ['2024-12-03', 'planned']]);
  });

  it('dates background years by their own year and ignores "the first since"', () => {
    const f = facts('In 2016, the army recaptured the city. The airstrikes were the first since 2016.');
    expect(f[0].when.edtf).toBe('2016');
    expect(f[1].when.precision).toBe('bounded');
  });

  it('dates each of two coordinated happenings by the time of its own part of the clause', () => {
    const day = (text: string) => facts(text, '2024-05-10T12:00:00Z').map((x) => [x.kind, x.when.edtf]);
    expect(day('Protesters marched through the capital in January and police arrested 40 people on Saturday.')).toEqual([
      ['protest', '2024-01'],
      ['arrest', '2024-05-04'],
    ]);
    expect(day('Two people were killed in 2013 and the suspect was arrested on Friday.')).toEqual([
      ['casualties', '2013'],
      ['arrest', '2024-05-10'],
    ]);
    // A part naming no time takes the clause's; a part without a happening stays with the one before it.
    expect(day('Police arrested the man and charged him on Monday.')).toEqual([['arrest', '2024-05-06']]);
    expect(day('Rebels attacked the port and the airport in March and troops withdrew from the town on Monday.')).toEqual([
      ['attack', '2024-03'],
      ['withdrawal', '2024-05-06'],
    ]);
    // What is said takes the saying's date, not the times of what was said.
    expect(day('The company canceled the briefing last month and said it would give an update in June.')[0][1]).toBe('2024-04');
  });

  it('dates a lead by the week or weekend it names before the dateline’s filing stamp, and by the stamp before a year', () => {
    const lead = (body: string) => facts(`LONDON | Tue Mar 15, 2011 4:54 am GMT LONDON (Reuters) - ${body}`, '2011-03-15T04:54:00Z')[0].when.edtf;
    expect(lead('At least 30 people were killed at the weekend in clashes, a rights group said.')).toBe('2011-03-12/2011-03-13');
    expect(lead('Police arrested 12 protesters, residents said.')).toBe('2011-03-15');
    expect(lead('Police arrested 12 fans of the 1999 champions, residents said.')).toBe('2011-03-15');
  });

  it('keeps a sentence’s date out of the next paragraph', () => {
    const f = facts('Rebels launched an attack on Wednesday.\n\nThe army sent reinforcements to the north.');
    expect(f[1].when.precision).toBe('bounded');
  });
});

describe('sentences', () => {
  const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));
  it.each<[string, string[]]>([
    ['The U.S. envoy met Col. Smith on Nov. 30. He left.', ['The U.S. envoy met Col. Smith on Nov. 30.', 'He left.']],
    ['Rebels Take Control\n\nThe city fell.', ['Rebels Take Control', 'The city fell.']],
    ['- First point\n- Second point', ['First point', 'Second point']],
    ['“We will win.” The war went on.', ['“We will win.”', 'The war went on.']],
  ])('%s', (text, expected) => expect(split(text)).toEqual(expected));
});

describe('participants', () => {
  const keys = (text: string) => facts(text).flatMap((f) => f.participants.map((p) => p.key));
  it('takes no common noun that merely opens a sentence for a name', () => {
    expect(keys('Farmers blocked the highway on Wednesday. Thousands marched in the capital on Wednesday.')).toEqual([]);
    expect(keys('Nobody was hurt when the army shelled the town on Wednesday.')).not.toContain('nobody');
  });

  it('reads "Residents of X" as the people of a place, not a name', () => {
    const f = facts('Residents of Tarvo fled the shelling on Wednesday.');
    expect(keys('Residents of Tarvo fled the shelling on Wednesday.')).not.toContain('residentsoftarvo');
    expect(f.flatMap((x) => x.places.map((p) => p.key))).toContain('tarvo');
    expect(facts('Shelling hit Tarvo on Wednesday, residents of Tarvo said.').flatMap((x) => x.places.map((p) => p.key))).toContain('tarvo');
  });

  it('keeps a name that opens a sentence when the article also writes it inside one, or it is a people', () => {
    expect(keys('Hamdan attacked the convoy on Wednesday, a spokesman for Hamdan said.')).toContain('hamdan');
    expect(keys('French troops attacked the base on Wednesday.')).toContain('france');
  });

  it('does not take the source a report is attributed to for a party to it', () => {
    const text = 'Fighters of the Zarin Front attacked the base on Wednesday, according to the Larkin Observatory for Human Rights.';
    expect(keys(text)).toContain('zarinfront');
    expect(keys(text)).not.toContain('larkinobservatoryforhumanrights');
    expect(facts(text)[0].attribution).toBe('the Larkin Observatory for Human Rights');
    const described = 'According to the Larkin Observatory for Human Rights (LOHR), a Norway-based monitor, the Zarin Front attacked the base on Wednesday.';
    expect(keys(described)).toEqual(['zarinfront']);
    expect(facts(described)[0].places).toEqual([]);
    // A speaker is a party to what it says: only "according to" and the like name a mere source.
    expect(keys('The Zarin Front said on Wednesday that it attacked the base.')).toContain('zarinfront');
    // So is a news medium or monitor that reports it, wherever it is named.
    expect(keys('Shelling killed 40 people in Tarvo on Wednesday, the state news agency TAZA reported.')).not.toContain('taza');
    expect(keys('The state news agency TAZA reported that shelling killed 40 people in Tarvo on Wednesday.')).not.toContain('taza');
    expect(keys('The Zarin Front attacked the base on Wednesday, its commander Omar Tesk said.')).toContain('omartesk');
  });
});

describe('time expressions', () => {
  const timex = (text: string) => extractTimeExpressions(text, PUB, 'UTC').map((t) => `${t.text}=${t.value}`);

  it('reads the days heading a chronology’s lines as past, in the historical present', () => {
    // From 21 September, "March 19" is nearer ahead than behind; in running text without a tense it stays the nearest.
    const sept = (text: string) => extractTimeExpressions(text, '2011-09-21T12:00:00Z', 'UTC').map((t) => `${t.text}=${t.value}`);
    expect(sept('A timeline: Feb. 15/16, 2011 - A riot breaks out.\nFeb. 24 - Militias take control of the port.\n19 March: The first air strikes halt the advance.'))
      .toEqual(['Feb. 15=2011-02-15', '2011=2011', 'Feb. 24=2011-02-24', '19 March=2011-03-19']);
    expect(sept('Flights depart each Thursday from March 19.')).toEqual(['each Thursday=XXXX-WXX-4', 'March 19=2012-03-19']);
  });

  it('reads a weekday before a day and month as one date ("Saturday 2 May 2009", "Tuesday 28 April")', () => {
    const may = (text: string) => extractTimeExpressions(text, '2009-05-01T12:00:00Z', 'UTC').map((t) => `${t.text}=${t.value}`);
    expect(may('It appeared on Saturday 2 May 2009. On Tuesday 28 April, the governor spoke.'))
      .toEqual(['Saturday 2 May 2009=2009-05-02', 'Tuesday 28 April=2009-04-28']);
  });

  it('takes a weekday between "the" and a capitalised word for a paper or programme ("the Sunday Times")', () => {
    expect(timex('He told the Sunday Times that talks had failed. The Monday Night Football show aired on Friday.')).toEqual(['Friday=2024-11-29']);
  });

  it('reads "this weekend" in a past clause written on a weekday as the weekend just past', () => {
    const monday = (text: string) => extractTimeExpressions(text, '2011-10-17T12:00:00Z', 'UTC').map((t) => `${t.text}=${t.value}`);
    expect(monday('The club climbed to the top of the table this weekend.')).toEqual(['this weekend=2011-W41-WE']);
    expect(monday('Rain is expected this weekend.')).toEqual(['this weekend=2011-W42-WE']);
  });

  it('reads "this century" as a span of a hundred years, like "the past century"', () => {
    expect(timex('It was the worst disaster of this century.')).toEqual(['this century=P100Y']);
  });

  it('takes a capitalised "Today" after a name for the name of a paper or programme, not the day', () => {
    expect(timex('The minister told USA Today that talks had failed.')).toEqual([]);
    expect(timex('The talks failed on Saturday. Today, the minister left.')).toEqual(['Saturday=2024-11-30', 'Today=2024-12-01']);
  });

  it('leaves out a sentence-opening "Now," (a discourse marker) but keeps "now" in the sentence', () => {
    expect(timex('Now, he says, the talks have failed.')).toEqual([]);
    expect(timex('Now the talks have failed, and the army is now in the city.')).toEqual(['Now=PRESENT_REF', 'now=PRESENT_REF']);
  });

  it('reads "by year-end" as this year and "since year-end" as the last, but not the adjective "year-end net"', () => {
    expect(timex('The deal should close by year-end.')).toEqual(['year-end=2024']);
    expect(timex('The index has risen 4% since year end.')).toEqual(['year end=2023']);
    expect(timex('Its debt stood at $2 billion at year-end 1988.')).toEqual(['year-end 1988=1988']);
    expect(timex('Year-end net was below forecasts.')).toEqual([]);
  });

  it('takes "the people of tomorrow" for the coming age, not the next day', () => {
    expect(timex('He said he had chosen the people of tomorrow.')).toEqual([]);
    expect(timex('The vote of the council is due tomorrow.')).toEqual(['tomorrow=2024-12-02']);
  });
});

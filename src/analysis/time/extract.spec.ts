import { extractTimeExpressions } from './index';

/** The first expression of `text` published at `at` (UTC). */
function first(text: string, at: string) {
  const [e] = extractTimeExpressions(text, at, 'UTC');
  return e;
}

const SUNDAY = '2024-12-01T10:00:00+00:00';
const SATURDAY = '2024-11-30T10:00:00+00:00';

describe('weekdays (DESIGN §5)', () => {
  it.each([
    // [text, publication, expected value]
    ['Rebels attacked the town on Wednesday.', SUNDAY, '2024-11-27'],
    ['Rebels attacked the town on Sunday.', SUNDAY, '2024-12-01'],
    ['The envoy will visit Damascus on Wednesday.', SUNDAY, '2024-12-04'],
    ['The talks are due to resume on Sunday.', SUNDAY, '2024-12-01'],
    ['The minister plans to travel on Friday.', SUNDAY, '2024-12-06'],
    ['Officials met last Sunday.', SUNDAY, '2024-11-24'],
    ['Officials will meet next Sunday.', SUNDAY, '2024-12-08'],
    ['Later on Sunday, the army withdrew.', SUNDAY, '2024-12-01'],
    ['Rebels attacked the town on Wednesday.', SATURDAY, '2024-11-27'],
    ['Rebels entered the city on Saturday.', SATURDAY, '2024-11-30'],
    ['The vote is expected on Monday.', SATURDAY, '2024-12-02'],
    ['The vote is scheduled for Saturday.', SATURDAY, '2024-11-30'],
    ['It happened last Saturday.', SATURDAY, '2024-11-23'],
    ['They will return next Saturday.', SATURDAY, '2024-12-07'],
    ["Friday's ruling angered the families.", SATURDAY, '2024-11-29'],
  ])('%s (published %s) → %s', (text, at, value) => {
    const e = first(text, at);
    expect(e.type).toBe('DATE');
    expect(e.value).toBe(value);
    expect(e.when).toMatchObject({ from: value, to: value, precision: 'day', edtf: value });
  });
});

describe('calendar expressions', () => {
  it.each([
    ['The war began in 2016.', '2016', 'DATE', { from: '2016-01-01', to: '2016-12-31', precision: 'year', edtf: '2016' }],
    ['Aleppo fell in late 2016.', '2016-Q4', 'DATE', { from: '2016-10-01', to: '2016-12-31', precision: 'season', edtf: '2016-36', timex3: '2016-Q4' }],
    ['The lockdown began in March 2020.', '2020-03', 'DATE', { from: '2020-03-01', to: '2020-03-31', precision: 'month', edtf: '2020-03' }],
    ['The offensive began on November 30, 2024.', '2024-11-30', 'DATE', { from: '2024-11-30', to: '2024-11-30', precision: 'day' }],
    ['It started on 30 November 2024.', '2024-11-30', 'DATE', { precision: 'day' }],
    ['Fighting resumed on Nov. 30.', '2024-11-30', 'DATE', { precision: 'day' }],
    ['Filed on 2024-11-30 in court.', '2024-11-30', 'DATE', { precision: 'day' }],
    ['Filed on 11/30/2024 in court.', '2024-11-30', 'DATE', { precision: 'day' }],
    ['The town was captured over a decade ago.', '2014', 'DATE', { from: null, to: '2014-12-31', precision: 'bounded', edtf: '../2014' }],
    ['They left two years ago.', '2022', 'DATE', { from: '2022-01-01', to: '2022-12-31' }],
    ['Prices fell this week.', '2024-W48', 'DATE', { from: '2024-11-25', to: '2024-12-01' }],
    ['Exports rose last year.', '2023', 'DATE', { precision: 'year' }],
    ['Profit fell in the third quarter.', '2024-Q3', 'DATE', { edtf: '2024-35' }],
    ['Unrest spread in the 1990s.', '199', 'DATE', { from: '1990-01-01', to: '1999-12-31', edtf: '199X', timex3: '199' }],
    ['Prices peaked in the early 1980s.', '198', 'DATE', { edtf: '198X', timex3: '198' }],
    ['Crops failed last summer.', '2024-SU', 'DATE', { edtf: '2024-22' }],
    ['The rebels attacked yesterday.', '2024-11-30', 'DATE', { precision: 'day' }],
    ['Protests are planned for tonight.', '2024-12-01TNI', 'TIME', { precision: 'day' }],
    ['Fighting is now over.', 'PRESENT_REF', 'DATE', {}],
    ['Clashes recently intensified.', 'PAST_REF', 'DATE', { to: '2024-12-01', precision: 'bounded' }],
  ])('%s → %s', (text, value, type, when) => {
    const e = first(text, SUNDAY);
    expect(e).toBeDefined();
    expect(e.value).toBe(value);
    expect(e.type).toBe(type);
    expect(e.when).toMatchObject(when);
  });

  it('reads a month without a year by the tense of its clause', () => {
    expect(first('The siege began in March.', SUNDAY).value).toBe('2024-03');
    expect(first('Elections will be held in March.', SUNDAY).value).toBe('2025-03');
  });

  it('does not take a participle used as an adjective ("an undisclosed venue") for a past verb', () => {
    expect(first('The prize will be handed over at an undisclosed ceremony in February.', SUNDAY).value).toBe('2025-02');
    expect(first('Voting will take place at a newly opened centre in February.', SUNDAY).value).toBe('2025-02');
    expect(first('The rebels stormed a heavily guarded prison in February.', SUNDAY).value).toBe('2024-02');
  });
});

describe('durations', () => {
  it.each([
    ['after two months of intense conflict', 'P2M'],
    ['for three days', 'P3D'],
    ['a decade of war', 'P10Y'],
    ['for several years', 'PXY'],
    ['in the last 24 hours', 'PT24H'],
    ['for at least 20 more years', 'P20Y'],
    ['will stay for two more weeks', 'P2W'],
    ['may be extended for an additional year', 'P1Y'],
    ['a minute and a half later', 'PT1M30S'],
    ['for two and a half years', 'P2Y6M'],
    ['after their third day-long meeting', 'P1D'],
    ['a week-long visit', 'P1W'],
    ['a decades-long battle', 'PXY'],
    ['feuding for decades', 'PXY'],
  ])('%s → %s', (text, value) => {
    const e = first(text, SUNDAY);
    expect(e).toMatchObject({ type: 'DURATION', value, when: null, edtf: '' });
  });
});

describe('anaphora', () => {
  it('resolves "earlier that day" to the previous explicit date and flags it', () => {
    const text = 'On November 27, rebels launched an offensive. Earlier that day, jets struck the city.';
    const list = extractTimeExpressions(text, SUNDAY, 'UTC');
    const e = list.find((x) => x.anaphoric)!;
    expect(e.text).toBe('Earlier that day');
    expect(e.value).toBe('2024-11-27');
  });
  it('counts "the previous day" from the publication when no date precedes it', () => {
    expect(first('The minister resigned the previous day.', SUNDAY)).toMatchObject({ value: '2024-11-30', anaphoric: true });
    expect(first('The minister resigned that day.', SUNDAY)).toMatchObject({ value: '2024-12-01', anaphoric: true });
  });
});

describe('more calendar words', () => {
  it.each([
    ['The truce collapsed a fortnight ago.', 'a fortnight ago', '2024-11-17'],
    ['The debt will be repaid by the end of the month.', 'the end of the month', '2024-12'],
    ['Exports rose at the beginning of the year.', 'the beginning of the year', '2024'],
  ])('%s → %s', (text, span, value) => {
    expect(first(text, SUNDAY)).toMatchObject({ text: span, value });
  });

  it('reads "fell from 2009 to 2012" as two years, but a count as amounts', () => {
    const years = (text: string) => extractTimeExpressions(text, SUNDAY, 'UTC').map((e) => e.value);
    expect(years('Unemployment fell from 2009 to 2012.')).toEqual(['2009', '2012']);
    expect(years('The index rose from 1990 to 2010 points.')).toEqual([]);
  });
});

describe('wire datelines', () => {
  it('anchors relative expressions on the dateline day, not the archive stamp', () => {
    const text = 'BUDAPEST, March 12 (Xinhua) -- The countries to accede to the alliance on Friday were also Poland and the Czech Republic.';
    const list = extractTimeExpressions(text, '1999-03-13T12:00:00+00:00', 'UTC');
    expect(list.map((e) => [e.text, e.value])).toEqual([['March 12', '1999-03-12'], ['Friday', '1999-03-12']]);
  });

  it('ignores a dateline far from the publication and ordinary opening sentences', () => {
    const far = extractTimeExpressions('PARIS, June 2 (AFP) -- Talks resumed on Friday.', SUNDAY, 'UTC');
    expect(far.find((e) => e.text === 'Friday')!.value).toBe('2024-11-29');
    const prose = extractTimeExpressions('Officials said Tuesday, November 26 (local time), that talks resumed on Friday.', SUNDAY, 'UTC');
    expect(prose.find((e) => e.text === 'Friday')!.value).toBe('2024-11-29');
  });
});

describe('months with a relative year and durations between happenings', () => {
  it.each([
    ['In January this year, the talks failed.', '2024-01', 'DATE', 'January this year'],
    ['The party split in June last year.', '2023-06', 'DATE', 'June last year'],
    ['They join the alliance in early April next year.', '2025-04', 'DATE', 'early April next year'],
    ['The move comes barely a month after the airline suspended flights.', 'P1M', 'DURATION', 'barely a month'],
    ['Three days later, the index recovered.', 'P3D', 'DURATION', 'Three days'],
    ['The banks must wait at least 30 days before closing the purchase.', 'P30D', 'DURATION', 'at least 30 days'],
  ])('%s → %s', (text, value, type, span) => {
    const e = first(text, SUNDAY);
    expect(e).toMatchObject({ value, type, text: span });
  });

  it('does not read "last week after …" as a week after something', () => {
    expect(first('The son met the envoy last week after a series of calls.', SUNDAY)).toMatchObject({ text: 'last week', value: '2024-W47' });
  });

  it('shifts each "a year earlier" from the period under report, not from the previous shift', () => {
    const text = 'Profit rose in the third quarter from a year earlier. Sales fell from a year earlier.';
    const values = extractTimeExpressions(text, SUNDAY, 'UTC').map((e) => e.value);
    expect(values).toEqual(['2024-Q3', '2023-Q3', '2023-Q3']);
  });
});

describe('periods of results compared a year apart', () => {
  const values = (text: string) => extractTimeExpressions(text, SUNDAY, 'UTC').map((e) => `${e.text}=${e.value}`);

  it('takes "the quarter" as the base of a later "a year ago", across an intervening year', () => {
    expect(values('The unit will be sold in 2025. Deposits fell in the quarter compared with a year ago.'))
      .toEqual(['2025=2025', 'the quarter=2024-Q3', 'a year ago=2023-Q3']);
  });

  it('reads "the year-ago quarter" without an earlier quarter as the last completed quarter a year before', () => {
    expect(values('Net income in the year-ago quarter was $4 million.')).toEqual(['the year-ago quarter=2023-Q3']);
    expect(values('In the second quarter profit rose. In the year-ago quarter it fell.'))
      .toEqual(['the second quarter=2024-Q2', 'the year-ago quarter=2023-Q2']);
  });

  it.each([
    ["Net sales for this year's third quarter rose.", "this year's third quarter=2024-Q3"],
    ["The merger could close as early as next year's first quarter.", "next year's first quarter=2025-Q1"],
    ["Losses narrowed from last year's second half.", "last year's second half=2023-H2"],
    ["U.K. sales for last year's quarter were $3 million.", "last year's quarter=2023-Q3"],
    ['For the quarter a year ago, the bank earned $16 million.', 'the quarter a year ago=2023-Q3'],
    ['It earned $1.8 million in the same quarter last year.', 'the same quarter last year=2023-Q3'],
  ])('reads the year of a quarter in words: %s', (text, expected) => {
    expect(values(text)).toEqual([expected]);
  });

  it('reads "the 1988 quarter" as the quarter under report in that year', () => {
    expect(values('Third-quarter profit fell. The company earned $376,000 in the 1988 quarter.'))
      .toEqual(['Third-quarter=2024-Q3', 'the 1988 quarter=1988-Q3']);
    expect(values('It earned $20 million in the 2019 quarter.')).toEqual(['the 2019 quarter=2019-Q3']);
    expect(values('It earned $20 million in the 2019 period.')).toEqual(['the 2019 period=2019']);
  });

  it('reads "the first half of 1989" and "the last half of 1989" as half years', () => {
    expect(values('Earnings will be lower for the last half of 1989.')).toEqual(['the last half of 1989=1989-H2']);
    expect(values('Sales rose in the first half of 2016.')).toEqual(['the first half of 2016=2016-H1']);
  });

  it('reads "the first two quarters of 1990" as the half year they make up', () => {
    expect(values('Demand stays weak through the first two quarters of 1990.')).toEqual(['the first two quarters of 1990=1990-H1']);
    expect(values('Sales fell in the last two quarters of fiscal 1989.')).toEqual(['the last two quarters of fiscal 1989=1989-H2']);
  });

  it('reads "the last half of the \'80s" as the decade, one expression', () => {
    expect(values("Sales have been flat through the last half of the '80s.")).toEqual(["the last half of the '80s=198"]);
    expect(values('Growth slowed in the first half of the 1990s.')).toEqual(['the first half of the 1990s=199']);
  });

  it('does not read "the past" of "the past three summers" as PAST_REF', () => {
    expect(values('It provoked violence for the past three summers.')).toEqual([]);
    expect(values('As in the past, they refused.')).toEqual(['the past=PAST_REF']);
  });

  it('does not compare "a year ago" with a forecast quarter', () => {
    expect(values('Sales rose in the third quarter. The plant opens in the first quarter of 2025. Costs were higher than a year ago.'))
      .toEqual(['the third quarter=2024-Q3', 'the first quarter of 2025=2025-Q1', 'a year ago=2023-Q3']);
  });
});

describe('a day named by a deictic subject', () => {
  it.each([
    ["It's the second day of an offensive by the security forces.", 'the second day'],
    ['He said it was "a great day for the country and for the world."', 'a great day'],
  ])('%s → the day of the report', (text, span) => {
    expect(first(text, SUNDAY)).toMatchObject({ text: span, type: 'DATE', value: '2024-12-01' });
  });

  it('is not any day of a life', () => {
    expect(extractTimeExpressions('It was the worst day of his life.', SUNDAY, 'UTC')).toEqual([]);
  });
});

describe('recent and coming stretches of unspecified length', () => {
  it.each([
    ['The economy is expected to slow in coming months.', 'coming months', 'PXM'],
    ['Tax payments will be cut in coming quarters.', 'coming quarters', 'PXQ'],
    ['They will buy equipment in the coming years.', 'the coming years', 'PXY'],
    ['Kidnappings have risen in recent years.', 'recent years', 'PXY'],
    ['Security was tightened in recent days.', 'recent days', 'PXD'],
    ['Sales fell in recent weeks.', 'recent weeks', 'PXW'],
  ])('%s → %s (%s), the same for every unit', (text, span, value) => {
    expect(first(text, SUNDAY)).toMatchObject({ text: span, type: 'DURATION', value });
  });
});

describe('references to the future', () => {
  it.each([
    ['Prosecutors may soon seek an indictment.', 'soon'],
    ['The company will soon begin selling boxes.', 'soon'],
    ['The board wants to sell the unit as soon as possible.', 'as soon as possible'],
    ['We do not minimize the challenges of the near term.', 'the near term'],
    ['Islam will one day be the second largest religion in the country.', 'one day'],
  ])('%s → FUTURE_REF', (text, span) => {
    expect(first(text, SUNDAY)).toMatchObject({ text: span, type: 'DATE', value: 'FUTURE_REF' });
  });

  it.each([
    ['The deal saves $500 million a year in costs.', 'a year', 'P1Y'],
    ['Spokesmen give hundreds of interviews a day.', 'a day', 'P1D'],
    ['The route adds 700 seats a week.', 'a week', 'P1W'],
  ])('reads a rate as a recurring period: %s', (text, span, value) => {
    expect(first(text, SUNDAY)).toMatchObject({ text: span, type: 'SET', value });
  });

  it.each([
    'Sales are expected to rise 8.5% annually through 1992.',
    'The plant would produce about 10,000 units annually.',
    'Revenue should increase by 20% annually.',
  ])('leaves the rate of a figure to the figure: %s', (text) => {
    expect(extractTimeExpressions(text, SUNDAY, 'UTC').filter((e) => e.type === 'SET')).toEqual([]);
  });

  it('reads "daily" before a name as a paper, and after a verb as a recurrence', () => {
    expect(extractTimeExpressions('The letter ran on the front page of the party daily Granma.', SUNDAY, 'UTC').filter((e) => e.type === 'SET')).toEqual([]);
    expect(extractTimeExpressions('Rallies are held here annually for the poet.', SUNDAY, 'UTC')[0]).toMatchObject({ text: 'annually', value: 'P1Y' });
  });

  it('ends a duration at a closing quote written as two apostrophes', () => {
    expect(first("''I am talking about three days'' more or less, he said.", SUNDAY)).toMatchObject({ text: 'about three days', type: 'DURATION', value: 'P3D' });
  });

  it('keeps a count that does not fill its period ("12 hours a day") a duration with its rate', () => {
    expect(extractTimeExpressions('Nurses worked 12 hours a day.', SUNDAY, 'UTC').map((e) => [e.text, e.type])).toEqual([['12 hours', 'DURATION'], ['a day', 'SET']]);
  });

  it('reads "for a while" as a stretch of unknown length (PXX), not the conjunction "while"', () => {
    const list = extractTimeExpressions('They will have to live without it for a while. While he slept, it rained.', SUNDAY, 'UTC');
    expect(list.map((e) => [e.text, e.type, e.value])).toEqual([['a while', 'DURATION', 'PXX']]);
  });

  it('keeps "a year" a duration when it is not a rate', () => {
    expect(first('He spent a year in prison.', SUNDAY)).toMatchObject({ text: 'a year', type: 'DURATION', value: 'P1Y' });
  });

  it('reads "each July" as a recurring month', () => {
    expect(first('Orangemen march each July from their church.', SUNDAY)).toMatchObject({ text: 'each July', type: 'SET', value: 'XXXX-07' });
  });

  it('reads "one day" without a modal as a duration and "then current" as the past', () => {
    expect(first('The strike lasted one day.', SUNDAY)).toMatchObject({ text: 'one day', type: 'DURATION', value: 'P1D' });
    expect(first('Holders may buy shares at half the then-current market price.', SUNDAY)).toMatchObject({ text: 'then-current', value: 'PAST_REF' });
  });

  it('reads "recently" grading a time after it ("most recently last October") as part of no expression', () => {
    const list = extractTimeExpressions('Three doctors were killed, most recently last October. Prices were this high as recently as 1990.', SUNDAY, 'UTC');
    expect(list.map((e) => e.text)).toEqual(['last October', '1990']);
    expect(first('The company recently cut its dividend.', SUNDAY)).toMatchObject({ text: 'recently', value: 'PAST_REF' });
  });

  it('does not read "the future of" a people or a company as a time', () => {
    expect(extractTimeExpressions('That is very important to the future of our peoples.', SUNDAY, 'UTC')).toEqual([]);
    expect(first('Analysts worry about the future.', SUNDAY)).toMatchObject({ text: 'the future', value: 'FUTURE_REF' });
  });

  it.each([
    'He was soon released from the hospital.',
    'The trickle of cash soon became a flood.',
    'The talks resumed as soon as the envoy arrived.',
    'The rebels withdrew soon after the truce.',
  ])('does not read "soon" as the future in: %s', (text) => {
    expect(extractTimeExpressions(text, SUNDAY, 'UTC').filter((e) => e.value === 'FUTURE_REF')).toEqual([]);
  });
});

describe('the end of a reported period', () => {
  it.each([
    ['In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.', 'Jan. 31', '1989-01-31'],
    ['For the quarter ended Sept. 30, Delta posted net income of $8 million.', 'Sept. 30', '1989-09-30'],
  ])('%s → %s is past however far back', (text, span, value) => {
    expect(extractTimeExpressions(text, '1989-10-31T12:00:00Z', 'UTC').find((e) => e.text === span)).toMatchObject({ type: 'DATE', value });
  });
});

describe('months without a year or a tense cue', () => {
  const OCT_30 = '1989-10-30T12:00:00Z';
  it.each([
    ['The stock rose to $42 in June from $29.75 in March.', '1989-03'],
    ['The closing, expected in January, needs approval.', '1990-01'],
    ['Sales through February are the subject of the review.', '1990-02'],
    ['Tourism officials are hoping for a pick-up in business from March.', '1990-03'],
    ['The board named him chief executive in April.', '1989-04'],
    ['The March accession will let them sign the documents.', '1990-03'],
    // A past verb before a long object dates the month; a plan ("was to"), a present perfect or a far "next" does not.
    ['The country was the first Western nation to recognize the rebel council in January.', '1989-01'],
    ['His priority was to restart gas exports via a pipeline to the coast by December or January.', '1990-01'],
    ['A group of lenders has extended the company up to $90 million in revolving loans through January.', '1990-01'],
    ['Dozens were hurt in the blast next to the two embassies of the western capitals in January.', '1989-01'],
  ])('%s → %s', (text, value) => {
    const months = extractTimeExpressions(text, OCT_30, 'UTC').filter((e) => /^\d{4}-\d{2}$/.test(e.value));
    expect(months[months.length - 1].value).toBe(value);
  });
});

describe('tense cues', () => {
  it.each([
    ['Until Thursday, they had not called him a suspect.', '2024-11-28'],
    ['On Friday, the government planned to pay the families.', '2024-11-29'],
    ['Exiles planned a large demonstration in the square on Saturday.', '2024-12-07'],
    ['The alliance will admit them on Thursday, an official said.', '2024-12-05'],
    ['In September, it announced plans to expand.', '2024-09'],
    ['He fights to keep him when the case is heard in May.', '2025-05'],
    // The present of a scheduled happening points ahead; an infinitive takes the tense of its verb.
    ['The tender offer expires Friday.', '2024-12-06'],
    ['He and the envoy meet separately Monday with the mediator.', '2024-12-02'],
    ['Officials did not meet on Friday.', '2024-11-29'],
    ["The ministers didn't meet on Friday.", '2024-11-29'],
    ['The plant failed to meet its target on Friday.', '2024-11-29'],
    ['Ministers gather in Brussels on Monday.', '2024-12-02'],
    ['Elections are due in June.', '2025-06'],
    ['A ruling is expected by Thursday.', '2024-12-05'],
    ['Voters go to the polls on Saturday.', '2024-12-07'],
    ['The ceasefire takes effect on Thursday.', '2024-12-05'],
    ['The vote is on Friday.', '2024-12-06'],
    ['The premier, who was heckled by unions on Friday, said he would press on.', '2024-11-29'],
    ['The minister, who arrived on Monday, will leave soon.', '2024-11-25'],
    // "set on" after a noun is a past participle ("a record set on …"); after "be" it is a schedule.
    ['The index is near its record high set on Aug. 6.', '2024-08-06'],
    ['The vote is set on Friday.', '2024-12-06'],
    // A fronted time waits for its verb past a long subject; abbreviations ("vs.", "Ala.") do not end the sentence.
    ['In January, a week after the anniversary of the Smith vs. Jones ruling, a bomb in Springfield, Ill., killed a guard.', '2024-01'],
  ])('%s → %s', (text, value) => {
    expect(first(text, SUNDAY).value).toBe(value);
  });
});

describe('parts of days, recurring weekdays, holidays', () => {
  it.each([
    ['The rally was held Wednesday evening.', '2024-11-27TEV', 'TIME'],
    ['Crowds gathered Friday night.', '2024-11-29', 'DATE'],
    ['Two flights leave on Tuesday nights.', 'XXXX-WXX-2TNI', 'SET'],
    ['Two flights leave on Monday and Tuesday nights.', 'XXXX-WXX-1TNI', 'SET'],
    ['Talks were held on Monday and Tuesday.', '2024-11-25', 'DATE'],
    ['In London at mid-afternoon yesterday, the shares were up.', '2024-11-30TAF', 'TIME'],
    ['The shares fell yesterday afternoon.', '2024-11-30TAF', 'TIME'],
    ['The shares fell yesterday.', '2024-11-30', 'DATE'],
    ['The boy was found on Thanksgiving Day.', '2024-11-28', 'DATE'],
    ['He was found last Thanksgiving.', '2024-11-28', 'DATE'],
    ['Shops will reopen after Christmas.', '2024-12-25', 'DATE'],
    ['Protesters prayed as Easter week began.', '2024-W13', 'DATE'],
    ['The race was decided on Election Day 2020.', '2020-11-03', 'DATE'],
    ["Markets close on New Year's Day.", '2025-01-01', 'DATE'],
  ])('%s → %s', (text, value, type) => {
    expect(first(text, SUNDAY)).toMatchObject({ value, type });
  });

  it('reads "the previous Friday" from the day last mentioned', () => {
    const list = extractTimeExpressions('Stocks fell Friday, down 4.5% from the previous Friday.', '1989-10-30T12:00:00Z', 'UTC');
    expect(list.map((e) => e.value)).toEqual(['1989-10-27', '1989-10-20']);
  });
});

describe('weeks of a date, clock times with a later day, conjunctions', () => {
  it('reads "the week of March 6" as that ISO week', () => {
    expect(first('The case may be heard the week of March 6.', '2000-02-24T12:00:00Z')).toMatchObject({ value: '2000-W10', text: 'the week of March 6' });
  });

  it('dates a clock time by the weekday after its parenthetical, keeping both expressions', () => {
    const list = extractTimeExpressions('The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.', '1998-08-08T12:00:00Z', 'UTC');
    expect(list.map((e) => [e.text, e.value])).toEqual([['about 10:35 a.m.', '1998-08-07T10:35'], ['Friday', '1998-08-07']]);
  });

  it('dates the second day of a pair by the month (and year) of the first', () => {
    const pairs = (text: string) => extractTimeExpressions(text, '1999-02-10T12:00:00Z', 'UTC').map((e) => [e.text, e.value]);
    expect(pairs('A ceremony will be held at the summit on April 24 and 25.')).toEqual([['April 24', '1999-04-24'], ['25', '1999-04-25']]);
    expect(pairs('Talks on May 3 or 4, 2000 failed.')).toEqual([['May 3', '2000-05-03'], ['4, 2000', '2000-05-04']]);
    expect(pairs('Prices rose March 3 and 4 percent later.')).toEqual([['March 3', '1999-03-03']]);
    expect(pairs('Fighting from Nov. 1 to 15 villages spread.')).toEqual([['Nov. 1', '1998-11-01']]);
  });

  it('still reads a year after a capitalised calendar word or at the head of a sentence', () => {
    expect(extractTimeExpressions('Sales slowed after Christmas 1998. In 1999, they rose.', SUNDAY, 'UTC').map((e) => e.value)).toEqual(['1998-12-25', '1999']);
  });

  it('reads years before 1900 only after a preposition of time', () => {
    expect(first('They fought for independence from Spain in 1898.', SUNDAY)).toMatchObject({ text: '1898', value: '1898' });
    expect(extractTimeExpressions('A force of 1800 fighters and 1750 tanks.', SUNDAY, 'UTC')).toEqual([]);
  });

  it('reads "the day before <date>" as that date shifted, not as an anaphor', () => {
    const list = extractTimeExpressions("The day before last Tuesday's hearing, he went to court.", '2000-02-24T12:00:00Z', 'UTC');
    expect(list.map((e) => [e.text, e.value, !!e.anaphoric])).toEqual([["The day before last Tuesday", '2000-02-21', false]]);
    expect(first('Shops reopened the week after Christmas.', SUNDAY)).toMatchObject({ text: 'the week after Christmas', value: '2025-W01' });
  });

  it('reads "at 4 in the morning" as a clock time, dated by a restatement in parentheses', () => {
    const list = extractTimeExpressions('The father will leave at 4 in the morning (4 a.m. EDT Thursday), he said. They met until eleven at night.', SUNDAY, 'UTC');
    expect(list.map((e) => [e.text, e.type, e.value])).toEqual([
      ['4 in the morning', 'TIME', '2024-12-05T04:00'], ['4 a.m. EDT Thursday', 'TIME', '2024-12-05T04:00'], ['eleven at night', 'TIME', '2024-12-01T23:00'],
    ]);
    // Counting things, not telling the hour: at most the morning itself is read.
    expect(extractTimeExpressions('He scored two in the morning session.', SUNDAY, 'UTC').map((e) => e.text)).toEqual(['the morning']);
  });

  it('reads a part of the day after a preposition in a past clause as that part of the day last mentioned', () => {
    const list = extractTimeExpressions('Shares fell Friday. Dealers placed buy orders in the morning. By mid afternoon, officials were saying so.', SUNDAY, 'UTC');
    expect(list.map((e) => [e.text, e.value])).toEqual([['Friday', '2024-11-29'], ['the morning', '2024-11-29TMO'], ['mid afternoon', '2024-11-29TAF']]);
    expect(extractTimeExpressions('I jog in the morning. We will meet in the evening.', SUNDAY, 'UTC')).toEqual([]);
    expect(extractTimeExpressions('Shares fell Friday. Later that afternoon he left.', SUNDAY, 'UTC')[1]).toMatchObject({ value: '2024-11-29TAF' });
  });

  it('reads "at midday" as that time of the publication day, but not a bare "midnight"', () => {
    expect(first('He will appear before a judge at midday.', SUNDAY)).toMatchObject({ text: 'midday', type: 'TIME', value: '2024-12-01T12:00' });
    expect(extractTimeExpressions('Staff were burning the midnight oil.', SUNDAY, 'UTC')).toEqual([]);
  });

  it('reads "the early summer" as the summer', () => {
    expect(first('Orders rose from the low levels of the early summer.', '1989-10-26T12:00:00Z')).toMatchObject({ text: 'the early summer', value: '1989-SU' });
  });

  it('leaves "before" heading a clause or a gerund out of "the day"', () => {
    const list = extractTimeExpressions('She spent hours in Nairobi later in the day before returning home.', SUNDAY, 'UTC');
    expect(list.some((e) => /day before/.test(e.text))).toBe(false);
  });
});

describe('false positives', () => {
  it.each([
    'The war has cost 412 lives.',
    'UNSCR 2254 calls for elections.',
    'Rebels captured 65 Syrian troops.',
    'More than 2,000 people fled.',
    'Some 2000 people fled.',
    'It cost $1999 to repair.',
    'The strike hit at 2016 GMT.',
    'Rebels captured 2016 soldiers.',
    // The present age, not a day; a programme title, not a week.
    "The case is for today's youth what the blockade was for their parents.",
    'Chips of choice in many of today\'s personal computers.',
    'The minister, speaking on the broadcaster\'s "This Week," said talks would go on.',
    // A bare "Earlier," relates two happenings (TimeML leaves it to the links), it names no time.
    'Earlier, the army had shelled the town.',
    // "formerly", like "former", places one title before another: it refers to no time of its own.
    "Also in the group is Ann Novak, formerly the bank's chief economist.",
    // A count filling its whole period says "all the time": neither a duration nor a recurrence.
    'Picket every office, 24 hours a day, seven days a week.',
    // A number right after a capitalised word inside a sentence is part of a name.
    'She heads a joint venture called Vega 1990, which makes pumps.',
  ])('%s has no time expression', (text) => {
    expect(extractTimeExpressions(text, SUNDAY, 'UTC')).toEqual([]);
  });
});

describe('offsets and robustness', () => {
  const text = 'Au 🇸🇾 — On Wednesday, 30 November 2024, «rebels» entered; by 2016 they had left. Two years ago … ';
  it('indexes the input, sorted and without overlaps', () => {
    const list = extractTimeExpressions(text, SUNDAY, 'UTC');
    expect(list.length).toBeGreaterThan(2);
    let end = 0;
    for (const e of list) {
      expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(e.start).toBeGreaterThanOrEqual(end);
      end = e.end;
    }
  });

  it('never throws on odd input', () => {
    const inputs = [
      '', '<p>On <b>Monday</b></p>', '\u0000\u0001 2016 \u202e مارس 2020 ‏', '🙂'.repeat(1000),
      'Monday '.repeat(5000), '1999/99/99 99:99 p.m.', '2016'.repeat(2000),
    ];
    for (const s of inputs) expect(() => extractTimeExpressions(s, SUNDAY, 'UTC')).not.toThrow();
    expect(extractTimeExpressions('On Monday', 'not a date')).toEqual([]);
    expect(() => extractTimeExpressions('On Monday', SUNDAY, 'Not/AZone')).not.toThrow();
  });

  // Speed is the benchmark's to measure (npm run bench, stage 1), not a timed test's.
  it('reads a 1 MB text as the sum of its parts', () => {
    const article = ('Rebels attacked on Wednesday and captured the town in late 2016, officials said. '
      + 'The talks will resume next Monday, two months after the ceasefire of March 2020. ').repeat(25).slice(0, 4096);
    const one = extractTimeExpressions(article, SUNDAY, 'UTC');
    expect(one.length).toBeGreaterThan(40);
    const big = extractTimeExpressions(article.repeat(256), SUNDAY, 'UTC');
    expect(big.length).toBeGreaterThanOrEqual(one.length * 250);
  });
});

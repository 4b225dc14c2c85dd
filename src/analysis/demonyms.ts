/**
 * Nationality adjectives → country name, for the countries of the world (a general lexical table, not
 * tuned to any article): "Iranian forces" gives the participant key of the country, so it meets "Iran’s".
 */
const TABLE = `Afghan:Afghanistan|Albanian:Albania|Algerian:Algeria|American:United States|Angolan:Angola|
Argentine:Argentina|Argentinian:Argentina|Armenian:Armenia|Australian:Australia|Austrian:Austria|
Azerbaijani:Azerbaijan|Azeri:Azerbaijan|Bahraini:Bahrain|Bangladeshi:Bangladesh|Belarusian:Belarus|
Belgian:Belgium|Bolivian:Bolivia|Bosnian:Bosnia|Brazilian:Brazil|British:United Kingdom|Bulgarian:Bulgaria|
Burmese:Myanmar|Burundian:Burundi|Cambodian:Cambodia|Cameroonian:Cameroon|Canadian:Canada|Chadian:Chad|
Chilean:Chile|Chinese:China|Colombian:Colombia|Congolese:Congo|Croatian:Croatia|Cuban:Cuba|Cypriot:Cyprus|
Czech:Czech Republic|Danish:Denmark|Dutch:Netherlands|Ecuadorian:Ecuador|Egyptian:Egypt|
Emirati:United Arab Emirates|Eritrean:Eritrea|Estonian:Estonia|Ethiopian:Ethiopia|Filipino:Philippines|
Finnish:Finland|French:France|Georgian:Georgia|German:Germany|Ghanaian:Ghana|Greek:Greece|
Guatemalan:Guatemala|Haitian:Haiti|Honduran:Honduras|Hungarian:Hungary|Icelandic:Iceland|Indian:India|
Indonesian:Indonesia|Iranian:Iran|Iraqi:Iraq|Irish:Ireland|Israeli:Israel|Italian:Italy|Ivorian:Ivory Coast|
Jamaican:Jamaica|Japanese:Japan|Jordanian:Jordan|Kazakh:Kazakhstan|Kenyan:Kenya|Korean:Korea|Kosovar:Kosovo|
Kuwaiti:Kuwait|Kyrgyz:Kyrgyzstan|Lao:Laos|Latvian:Latvia|Lebanese:Lebanon|Liberian:Liberia|Libyan:Libya|
Lithuanian:Lithuania|Malaysian:Malaysia|Malian:Mali|Maltese:Malta|Mauritanian:Mauritania|Mexican:Mexico|
Moldovan:Moldova|Mongolian:Mongolia|Montenegrin:Montenegro|Moroccan:Morocco|Mozambican:Mozambique|
Namibian:Namibia|Nepali:Nepal|Nepalese:Nepal|Nicaraguan:Nicaragua|Nigerian:Nigeria|Nigerien:Niger|
Norwegian:Norway|Omani:Oman|Pakistani:Pakistan|Palestinian:Palestine|Panamanian:Panama|Paraguayan:Paraguay|
Peruvian:Peru|Polish:Poland|Portuguese:Portugal|Qatari:Qatar|Romanian:Romania|Russian:Russia|Rwandan:Rwanda|
Saudi:Saudi Arabia|Senegalese:Senegal|Serbian:Serbia|Singaporean:Singapore|Slovak:Slovakia|Slovenian:Slovenia|
Somali:Somalia|Somalian:Somalia|South African:South Africa|Spanish:Spain|Sri Lankan:Sri Lanka|Sudanese:Sudan|
Swedish:Sweden|Swiss:Switzerland|Syrian:Syria|Taiwanese:Taiwan|Tajik:Tajikistan|Tanzanian:Tanzania|
Thai:Thailand|Tunisian:Tunisia|Turkish:Turkey|Turkmen:Turkmenistan|Ugandan:Uganda|Ukrainian:Ukraine|
Uruguayan:Uruguay|Uzbek:Uzbekistan|Venezuelan:Venezuela|Vietnamese:Vietnam|Yemeni:Yemen|Zambian:Zambia|
Zimbabwean:Zimbabwe`;

/** Demonym (as written, capitalised) → country name. */
export const DEMONYMS: ReadonlyMap<string, string> = new Map(
  TABLE.split(/\|\s*/).map((pair) => {
    const [d, c] = pair.split(':');
    return [d.trim(), c.trim()] as [string, string];
  }),
);

/** Country names (for recognising a capitalised chunk as a place). */
export const COUNTRIES: ReadonlySet<string> = new Set([...DEMONYMS.values()]);

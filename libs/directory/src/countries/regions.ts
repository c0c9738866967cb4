/** Regions of the UN M49 geoscheme, the grouping networks use to speak of their member states. */
export const REGIONS = ['AFRICA', 'AMERICAS', 'ASIA', 'EUROPE', 'OCEANIA', 'ANTARCTICA'] as const;
export type Region = (typeof REGIONS)[number];

/**
 * ISO 3166-1 alpha-2 codes by UN M49 region. The country list and names come from
 * `i18n-iso-countries`; the package has no regions, so this one mapping is kept here (a unit test
 * checks that every code the package knows has a region).
 */
const CODES_BY_REGION: Record<Region, string> = {
  AFRICA:
    'DZ EG LY MA SD TN EH IO TF BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ GA ST ' +
    'BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  AMERICAS:
    'AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX NI PA ' +
    'AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US',
  ASIA:
    'KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK ' +
    'AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE',
  EUROPE:
    'BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD BA HR GI GR VA IT MT ME MK ' +
    'PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH',
  OCEANIA: 'AU CX CC HM NZ NF FJ NC PG SB VU GU KI MH FM NR MP PW AS CK PF NU PN WS TK TO TV WF UM',
  ANTARCTICA: 'AQ',
};

const REGION_OF = new Map<string, Region>(
  REGIONS.flatMap((region) => CODES_BY_REGION[region].split(' ').map((code) => [code, region] as const)),
);

/** The region of an alpha-2 code, or null for a code this mapping does not know. */
export function regionOf(code: string): Region | null {
  return REGION_OF.get(code) ?? null;
}

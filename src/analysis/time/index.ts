/** Time expressions of a news text, resolved against its publication instant (DESIGN §5). Pure: no I/O, no clock. */
export { extractTimeExpressions } from './extract';
export { clauseTense, type Tense } from './tense';

/**
 * The analysis core (pure: no Nest, TypeORM or pg): one article's text and publication instant in,
 * dated facts and time expressions out.
 */
export { analyse, titleOf } from './analyse';
export { ANALYSER_VERSION } from './version';
export { normaliseKey } from './normalise-key';
export { queryKey } from './mentions';
export { KINDS, KIND_BY_ID, eventTypeOf, kindsCompatible, type KindDefinition, type KindId } from './kinds';
export { extractFigures } from './figures';
export { statusOf, attributionOf } from './status';
export { splitSentences, splitClauses } from './sentences';
export type * from './types';

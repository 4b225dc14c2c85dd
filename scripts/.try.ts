import { extractTimeExpressions } from '../src/analysis/time';
const t = process.argv[2]; const d = process.argv[3] ?? '2024-12-01T12:00:00+00:00';
for (const e of extractTimeExpressions(t, d, 'UTC')) console.log(JSON.stringify([e.text, e.type, e.value, e.rule, e.when?.from, e.when?.to, e.edtf]));

// Assert that json-logic-js 2.0.5 + logic-extra.js reproduces every expected value of
// tests/logic/vectors/jsonlogic-vectors.json. Exit 1 with the list of mismatches.
// Usage: node tests/js/run_vectors.mjs   (or: npm run test:logic)
import { readFileSync } from "node:fs";
import { applyEncoded, loadJsonLogic, sameEncoded } from "./js_codec.mjs";

const file = new URL("../logic/vectors/jsonlogic-vectors.json", import.meta.url);
const vectors = JSON.parse(readFileSync(file, "utf8"));
const jsonLogic = loadJsonLogic();
const mismatches = [];

for (const v of vectors) {
  const actual = applyEncoded(jsonLogic, v.rule, v.data);
  if (!sameEncoded(actual, v.expected)) mismatches.push({ name: v.name, expected: v.expected, actual });
}

if (mismatches.length) {
  for (const m of mismatches) {
    console.error(`MISMATCH ${m.name}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
  }
  console.error(`${mismatches.length} of ${vectors.length} vectors failed`);
  process.exit(1);
}
console.log(`${vectors.length} vectors agree with json-logic-js`);

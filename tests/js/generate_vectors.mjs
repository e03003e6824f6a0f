// Regenerate tests/logic/vectors/jsonlogic-vectors.json: every case of cases.json (name, rule,
// data) with the value json-logic-js 2.0.5 + logic-extra.js actually returns as "expected".
// Usage: node tests/js/generate_vectors.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { applyEncoded, loadJsonLogic } from "./js_codec.mjs";

const dir = new URL("../logic/vectors/", import.meta.url);
const cases = JSON.parse(readFileSync(new URL("cases.json", dir), "utf8"));
const jsonLogic = loadJsonLogic();
const names = new Set();

const vectors = cases.map((c) => {
  if (typeof c.name !== "string" || !("rule" in c)) throw new Error(`bad case: ${JSON.stringify(c)}`);
  if (names.has(c.name)) throw new Error(`duplicate case name: ${c.name}`);
  names.add(c.name);
  const data = c.data === undefined ? null : c.data;
  const expected = applyEncoded(jsonLogic, c.rule, data);
  if (expected && expected.$js === "error") delete expected.message;
  return { name: c.name, rule: c.rule, data, expected };
});

const lines = vectors.map((v) => "  " + JSON.stringify(v));
writeFileSync(new URL("jsonlogic-vectors.json", dir), "[\n" + lines.join(",\n") + "\n]\n");
console.log(`wrote ${vectors.length} vectors`);

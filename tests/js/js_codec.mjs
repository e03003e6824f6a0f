// JSON cannot hold NaN, Infinity or undefined, which json-logic-js can return. Both test runners
// (Node here, Python in tests/logic/js_values.py) encode them as {"$js": "NaN" | "Infinity" |
// "-Infinity" | "undefined"}; {"$js": "error"} marks a rule json-logic-js throws on.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** json-logic-js 2.0.5 from node_modules with Yiwang's extra operations registered. */
export function loadJsonLogic() {
  const jsonLogic = require("json-logic-js");
  require("../../runtime/static/js/logic-extra.js").register(jsonLogic);
  return jsonLogic;
}

export function encode(value) {
  if (value === undefined) return { $js: "undefined" };
  if (typeof value === "number" && !Number.isFinite(value)) {
    return { $js: Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity" };
  }
  if (typeof value === "function") return { $js: "function" };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  }
  return value;
}

/** Apply a rule with console.log silenced (the "log" operation prints), encoding the outcome. */
export function applyEncoded(jsonLogic, rule, data) {
  const log = console.log;
  console.log = () => {};
  try {
    return encode(jsonLogic.apply(rule, data));
  } catch (error) {
    return { $js: "error", message: String(error && error.message) };
  } finally {
    console.log = log;
  }
}

/** Deep equality of encoded values; an expected {"$js": "error"} matches any error. */
export function sameEncoded(actual, expected) {
  if (expected !== null && typeof expected === "object" && expected.$js === "error") {
    return actual !== null && typeof actual === "object" && actual.$js === "error";
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length &&
      expected.every((item, i) => sameEncoded(actual[i], item));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length &&
      keys.every((k) => Object.prototype.hasOwnProperty.call(actual, k) && sameEncoded(actual[k], expected[k]));
  }
  return Object.is(actual, expected) || (actual === 0 && expected === 0);
}

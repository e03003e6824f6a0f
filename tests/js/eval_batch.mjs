// Evaluate rules for the Python differential test: one JSON object {"rule": ..., "data": ...} per
// input line, one line {"result": <encoded value>} back per input line, flushed as it goes, so a
// single Node process serves a whole test session.
import { createInterface } from "node:readline";
import { applyEncoded, loadJsonLogic } from "./js_codec.mjs";

const jsonLogic = loadJsonLogic();
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });

for await (const line of lines) {
  if (!line.trim()) continue;
  let result;
  try {
    const { rule, data } = JSON.parse(line);
    result = applyEncoded(jsonLogic, rule, data === undefined ? null : data);
  } catch (error) {
    result = { $js: "error", message: "bad input line: " + error.message };
  }
  process.stdout.write(JSON.stringify({ result }) + "\n");
}

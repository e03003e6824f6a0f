/*
 * Money for the designer, without the page: authors read and type 元 with two decimals, definitions keep
 * integer 分 (FORMAT.md). Conversions work on the digits, never through floating point (0.29 元 is 29 分,
 * not 28.999…). The fee formula builder's shapes live here too: quantity × unit price, an optional cap
 * (最高收费) and an optional waiver (免收, or 减收 a percentage when a condition holds), as the JsonLogic the
 * engine evaluates, and back. Loaded in the page (window.YiwangMoney) and by the unit tests (node).
 */
(function (root) {
  "use strict";
  var YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

  /* "1,250.5", "12.50元", "10" → fen (integer); null when it is not an amount in 元 with ≤ 2 decimals. */
  function toFen(text) {
    var clean = String(text === undefined || text === null ? "" : text).trim().replace(/[,,\s]/g, "").replace(/元$/, "");
    var m = YUAN.exec(clean);
    if (!m) return null;
    return parseInt(m[1], 10) * 100 + parseInt(((m[2] || "") + "00").slice(0, 2), 10);
  }

  /* 1250 → "12.50"; 123456789 → "1,234,567.89" with grouping (for sentences). */
  function toYuan(fen, grouped) {
    if (typeof fen !== "number" || !isFinite(fen)) return "";
    var negative = fen < 0, whole = Math.floor(Math.abs(Math.round(fen)) / 100), cents = Math.abs(Math.round(fen)) % 100;
    var digits = String(whole);
    if (grouped) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (negative ? "-" : "") + digits + "." + (cents < 10 ? "0" : "") + cents;
  }

  function isVar(v) { return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "var" in v; }
  function isFen(v) { return typeof v === "number" && Math.floor(v) === v && v >= 0; }
  function only(v, op) {
    return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && Array.isArray(v[op]) ? v[op] : null;
  }

  /* The formula builder's state → JsonLogic computing fen.
     spec = {quantity: "answers.area", price: 200, cap: 50000|null, waiver: {when: <logic>, percent: 100|30}|null,
             rows: true (optional: the quantity is the number of rows of the repeating group `quantity`),
             base: 10000 (optional: a fixed amount added before the per-unit part)}
     percent is how much is waived: 100 = 免收, 30 = 减收 30 % (the amount × 70 / 100, rounded half up to a fen
     by the engine). The cap applies to base + per-unit, before the waiver. */
  function buildFormula(spec) {
    var quantity = { "var": spec.quantity || "" };
    if (spec.rows) quantity = { "length": quantity };  /* a group's answer is its list of rows */
    var amount = { "*": [quantity, spec.price || 0] };
    if (isFen(spec.base) && spec.base > 0) amount = { "+": [spec.base, amount] };
    if (isFen(spec.cap)) amount = { "min": [amount, spec.cap] };
    var w = spec.waiver;
    if (w && w.when) {
      var pct = w.percent === undefined ? 100 : w.percent;
      amount = { "if": [w.when, pct >= 100 ? 0 : { "/": [{ "*": [amount, 100 - pct] }, 100] }, amount] };
    }
    return amount;
  }

  /* JsonLogic → the builder's state, or null when the formula has another shape (it stays raw, under 高级). */
  function parseFormula(logic) {
    var spec = { quantity: "", price: 0, cap: null, waiver: null }, amount = logic;
    var cond = only(amount, "if");
    if (cond) {
      if (cond.length !== 3) return null;
      var rest = cond[2], waived = cond[1], percent;
      if (waived === 0) percent = 100;
      else {
        var div = only(waived, "/"), mul = div && div.length === 2 && div[1] === 100 && only(div[0], "*");
        if (!mul || mul.length !== 2 || !isFen(mul[1]) || mul[1] < 1 || mul[1] > 99 || JSON.stringify(mul[0]) !== JSON.stringify(rest)) return null;
        percent = 100 - mul[1];
      }
      spec.waiver = { when: cond[0], percent: percent };
      amount = rest;
    }
    var min = only(amount, "min");
    if (min) {
      if (min.length !== 2 || !isFen(min[1])) return null;
      spec.cap = min[1];
      amount = min[0];
    }
    var plus = only(amount, "+");
    if (plus) {
      if (plus.length !== 2 || !isFen(plus[0])) return null;
      spec.base = plus[0];
      amount = plus[1];
    }
    var times = only(amount, "*"), quantity = times && times[0];
    var length = only(quantity, "length") || (quantity && isVar(quantity["length"]) && Object.keys(quantity).length === 1 ? [quantity["length"]] : null);
    if (length) { if (length.length !== 1) return null; quantity = length[0]; spec.rows = true; }
    if (!times || times.length !== 2 || !isVar(quantity) || typeof quantity["var"] !== "string" || !isFen(times[1])) return null;
    spec.quantity = quantity["var"];
    spec.price = times[1];
    return spec;
  }

  /* The promise the formula makes, in words: 按“面积”× 2.00 元计算,最高 500.00 元;当“是否小微企业”为是时免收,
     or 基数 100.00 元,另按“从业人员”的填写条数× 20.00 元计算.
     words = {quantity label (already “…的填写条数” for rows), condition sentence (当…时), t(key, vars)}. */
  function describeFormula(spec, words) {
    var t = words.t;
    var out = t("fee_per_unit", { quantity: words.quantity, price: toYuan(spec.price, true) });
    if (isFen(spec.base) && spec.base > 0) out = t("fee_base", { base: toYuan(spec.base, true) }) + out;
    if (isFen(spec.cap)) out += t("fee_cap", { cap: toYuan(spec.cap, true) });
    if (spec.waiver && spec.waiver.when) {
      var pct = spec.waiver.percent === undefined ? 100 : spec.waiver.percent;
      out += pct >= 100 ? t("fee_waived", { when: words.when }) : t("fee_reduced", { when: words.when, percent: pct });
    }
    return out;
  }

  var api = { toFen: toFen, toYuan: toYuan, buildFormula: buildFormula, parseFormula: parseFormula, describeFormula: describeFormula };
  if (typeof module !== "undefined" && module.exports) module.exports = api; else root.YiwangMoney = api;
})(this);

/*
 * Yiwang's extra JsonLogic operations for json-logic-js (the twin of runtime/logic/extra_ops.py;
 * tests/logic/vectors/jsonlogic-vectors.json proves both behave the same).
 *
 * Browser: load after json-logic.js; the operations are added to window.jsonLogic.
 * Node:    require("./logic-extra.js").register(require("json-logic-js"));
 *
 * Every operation is total: bad input gives null (false for valid_*), never an exception.
 * Dates are ISO "YYYY-MM-DD" strings handled with integer calendar arithmetic, never Date
 * parsing, so the result does not depend on the browser's time zone.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.yiwangLogicExtra = api;
    if (root.jsonLogic) api.register(root.jsonLogic);
  }
})(typeof window !== "undefined" ? window : this, function () {
  "use strict";

  var ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  var UNITS = { day: true, month: true, year: true };

  function isLeap(y) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  }

  function daysInMonth(y, m) {
    return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  function validDate(y, m, d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
  }

  /* {y, m, d} for a strict ISO date string of a real calendar day, else null. */
  function parseDate(value) {
    if (typeof value !== "string" || !ISO_DATE.test(value)) return null;
    var y = +value.slice(0, 4), m = +value.slice(5, 7), d = +value.slice(8, 10);
    return validDate(y, m, d) ? { y: y, m: m, d: d } : null;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  function formatDate(date) {
    if (date === null || date.y < 1 || date.y > 9999) return null;
    return pad(date.y, 4) + "-" + pad(date.m, 2) + "-" + pad(date.d, 2);
  }

  /* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  function dayNumber(date) {
    var y = date.m <= 2 ? date.y - 1 : date.y;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var doy = Math.floor((153 * (date.m + (date.m > 2 ? -3 : 9)) + 2) / 5) + date.d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  function fromDayNumber(z) {
    z += 719468;
    var era = Math.floor(z / 146097);
    var doe = z - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153);
    var d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    var m = mp < 10 ? mp + 3 : mp - 9;
    return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m: m, d: d };
  }

  function addMonths(date, months) {
    var index = date.y * 12 + date.m - 1 + months;
    var y = Math.floor(index / 12);
    var m = index - y * 12 + 1;
    if (y < 1 || y > 9999) return null;
    return { y: y, m: m, d: Math.min(date.d, daysInMonth(y, m)) };
  }

  function before(a, b) {
    return a.y !== b.y ? a.y < b.y : a.m !== b.m ? a.m < b.m : a.d < b.d;
  }

  /* Completed years from start to end, age-style (a Feb 29 birthday is reached on Mar 1 in common
     years); negative toward zero when end precedes start. */
  function fullYears(start, end) {
    if (before(end, start)) return -fullYears(end, start);
    return end.y - start.y - (end.m < start.m || (end.m === start.m && end.d < start.d) ? 1 : 0);
  }

  function isWholeNumber(n) {
    return typeof n === "number" && isFinite(n) && Math.floor(n) === n;
  }

  // GB 11643 resident identity number.
  var ID_SHAPE = /^[0-9]{17}[0-9Xx]$/;
  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var ID_CHECK_CHARS = "10X98765432";
  var PROVINCES = {};
  ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
   "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
   "71", "81", "82", "83"].forEach(function (code) { PROVINCES[code] = true; });

  function idBirthDate(number) {
    if (typeof number !== "string" || !ID_SHAPE.test(number)) return null;
    var y = +number.slice(6, 10), m = +number.slice(10, 12), d = +number.slice(12, 14);
    return validDate(y, m, d) ? { y: y, m: m, d: d } : null;
  }

  function validIdCard(number) {
    var born = idBirthDate(number);
    if (born === null || born.y < 1900 || !PROVINCES.hasOwnProperty(number.slice(0, 2))) return false;
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += (+number.charAt(i)) * ID_WEIGHTS[i];
    return ID_CHECK_CHARS.charAt(sum % 11) === number.charAt(17).toUpperCase();
  }

  // GB 32100 unified social credit code.
  var USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  var USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

  function validUscc(code) {
    if (typeof code !== "string" || code.length !== 18) return false;
    var sum = 0;
    for (var i = 0; i < 18; i++) {
      var value = USCC_CHARSET.indexOf(code.charAt(i));
      if (value === -1) return false;
      if (i < 17) sum += value * USCC_WEIGHTS[i];
    }
    return USCC_CHARSET.charAt((31 - sum % 31) % 31) === code.charAt(17);
  }

  var operations = {
    /* Length of a string (UTF-16 units, JS .length) or an array; anything else 0. */
    length: function (x) {
      return typeof x === "string" || Array.isArray(x) ? x.length : 0;
    },
    /* ISO date plus n (whole number) "day" | "month" | "year"; months clamp to the month's end. */
    date_add: function (day, n, unit) {
      var start = parseDate(day);
      if (start === null || !isWholeNumber(n) || typeof unit !== "string" || !UNITS.hasOwnProperty(unit)) {
        return null;
      }
      if (unit === "day") return formatDate(fromDayNumber(dayNumber(start) + n));
      return formatDate(addMonths(start, unit === "year" ? n * 12 : n));
    },
    /* Days from a to b (b - a). */
    days_between: function (a, b) {
      var start = parseDate(a), end = parseDate(b);
      return start === null || end === null ? null : dayNumber(end) - dayNumber(start);
    },
    /* Completed years from a to b. */
    years_between: function (a, b) {
      var start = parseDate(a), end = parseDate(b);
      return start === null || end === null ? null : fullYears(start, end);
    },
    /* Age on ISO date `on` from an 18-character ID's birth date; null if either is invalid or
       `on` precedes the birth date. The check character is not verified (see valid_id_card). */
    age_from_id: function (number, on) {
      var born = idBirthDate(number), day = parseDate(on);
      if (born === null || day === null || before(day, born)) return null;
      return fullYears(born, day);
    },
    valid_id_card: validIdCard,
    valid_uscc: validUscc
  };

  /* The cost budget of one evaluation, as runtime/logic/budget.py on the server: a rule that a
     definition published before lint's limits, or hostile answers, would make too costly throws
     instead of freezing the page. json-logic-js evaluates every node through jsonLogic.apply, so
     counting those calls bounds the work; cat and merge are bounded in size. */
  var LIMITS = { nodes: 1000000, string: 100000, array: 10000 };

  function BudgetExceeded(message) {
    this.name = "BudgetExceeded";
    this.message = message;
  }
  BudgetExceeded.prototype = Object.create(Error.prototype);

  function guard(jsonLogic) {
    if (jsonLogic.yiwangGuarded) return;
    var apply = jsonLogic.apply, depth = 0, left = 0;
    jsonLogic.apply = function (logic, data) {
      if (depth === 0) left = LIMITS.nodes;
      if (--left < 0) throw new BudgetExceeded("evaluation budget exceeded");
      depth++;
      try {
        return apply.call(jsonLogic, logic, data);
      } finally {
        depth--;
      }
    };
    jsonLogic.add_operation("cat", function () {
      var s = Array.prototype.join.call(arguments, "");
      if (s.length > LIMITS.string) throw new BudgetExceeded("string too long");
      return s;
    });
    jsonLogic.add_operation("merge", function () {
      var merged = Array.prototype.reduce.call(arguments, function (a, b) { return a.concat(b); }, []);
      if (merged.length > LIMITS.array) throw new BudgetExceeded("array too long");
      return merged;
    });
    jsonLogic.yiwangGuarded = true;
  }

  function register(jsonLogic) {
    Object.keys(operations).forEach(function (name) {
      jsonLogic.add_operation(name, operations[name]);
    });
    guard(jsonLogic);
    return jsonLogic;
  }

  return { register: register, operations: operations, limits: LIMITS, BudgetExceeded: BudgetExceeded };
});

/*
 * Indgang: live opening-hours status ("Åbent nu – lukker kl. 11.00").
 *
 * Reads the JSON in [data-opening-hours] (built by macros/domain/hours.py: hours_payload) and
 * writes one line of Danish into each [data-status-for="<channel>"] inside it. The algorithm and
 * the wording mirror status_at() and status_text() in tests/helpers/live_status.py, the Python
 * reference; keep them in step (tests/browser/test_hours_js.py compares them). Times are
 * Copenhagen wall-clock time, computed with Intl, never from the machine's time zone. Without JavaScript the server-rendered
 * text ("Se åbningstiderne i tabellen") stays. No network, no dependencies, ES2017, no modules.
 * Non-ASCII text is written as \u escapes so the file works whatever charset it is served with.
 */
(function () {
  "use strict";

  var DAY_NAMES = [
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "l\u00f8rdag", "s\u00f8ndag"
  ];
  var MONTH_NAMES = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december"
  ];
  var SEARCH_DAYS = 60;
  var DAY_MS = 86400000;
  var DASH = " \u2013 "; // " – "
  var TEXT_UNKNOWN = "Tider ikke oplyst" + DASH + "kontakt kommunen";
  var TEXT_OPEN = "\u00c5bent nu" + DASH + "lukker kl. "; // "Åbent nu – lukker kl. "
  // "Vi kan ikke se, om der er åbent i dag – ring eller tjek kommunens side"
  var TEXT_OUT_OF_RANGE = "Vi kan ikke se, om der er \u00e5bent i dag" + DASH +
    "ring eller tjek kommunens side";
  var TEXT_SOURCE_SILENT = "Kilden siger ikke, om der er \u00e5bent "; // "… åbent "
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var STATE_CLASSES = {
    open: "indgang-status--open",
    closed: "indgang-status--closed",
    unknown: "indgang-status--unknown"
  };

  var formatter = null;
  var payloads = new WeakMap();
  var timer = null;

  /* Copenhagen wall clock for an instant: {day: days since 1970-01-01, seconds: since midnight}. */
  function copenhagenNow(instant) {
    if (formatter === null) {
      formatter = new Intl.DateTimeFormat("da-DK", {
        timeZone: "Europe/Copenhagen",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
        hourCycle: "h23"
      });
    }
    var v = {};
    formatter.formatToParts(instant).forEach(function (part) {
      if (part.type !== "literal") {
        v[part.type] = parseInt(part.value, 10);
      }
    });
    return {
      day: Math.round(Date.UTC(v.year, v.month - 1, v.day) / DAY_MS),
      seconds: (v.hour % 24) * 3600 + v.minute * 60 + v.second
    };
  }

  function weekday(day) {
    return (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // 0 = Monday
  }

  function isoDate(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function parseClock(text) {
    var parts = String(text).split(":");
    return parseInt(parts[0], 10) * 3600 + parseInt(parts[1], 10) * 60;
  }

  function formatClock(seconds) {
    var minutes = Math.floor((seconds % 3600) / 60);
    return Math.floor(seconds / 3600) + "." + (minutes < 10 ? "0" : "") + minutes;
  }

  function timedWindows(windows) {
    return (windows || []).filter(function (w) {
      return w && Array.isArray(w.d) && typeof w.o === "string" && typeof w.c === "string";
    });
  }

  /* Sorted intervals [opens, closes] (seconds) on a weekday; overlapping or touching ones merged. */
  function intervals(timed, dayOfWeek) {
    var spans = timed
      .filter(function (w) { return w.d.indexOf(dayOfWeek) !== -1; })
      .map(function (w) { return [parseClock(w.o), parseClock(w.c)]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    spans.forEach(function (span) {
      var last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) {
        last[1] = Math.max(last[1], span[1]);
      } else {
        merged.push([span[0], span[1]]);
      }
    });
    return merged;
  }

  function has(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key);
  }

  /* Same algorithm as status_at() in tests/helpers/live_status.py. `range` is [first, last] ISO dates the
     maps cover; outside it (or without it) nothing is known, so the status is unknown. */
  function statusAt(windows, closed, unknown, range, now) {
    var timed = timedWindows(windows);
    if (timed.length === 0) {
      return { state: "unknown", why: "times" };
    }
    var todayKey = isoDate(now.day);
    if (range === null || todayKey < range[0] || todayKey > range[1]) {
      return { state: "unknown", why: "range" };
    }
    var closedToday = has(closed, todayKey);
    var reason = closedToday ? String(closed[todayKey] || "") : "";
    if (!closedToday && has(unknown, todayKey) && intervals(timed, weekday(now.day)).length > 0) {
      return { state: "unknown", why: "day", reason: String(unknown[todayKey] || "") };
    }
    if (!closedToday) {
      var spans = intervals(timed, weekday(now.day));
      for (var i = 0; i < spans.length; i++) {
        if (spans[i][0] <= now.seconds && now.seconds < spans[i][1]) {
          return { state: "open", closesAt: spans[i][1] };
        }
        if (now.seconds < spans[i][0]) {
          return { state: "closed", nextDay: now.day, nextOpen: spans[i][0] };
        }
      }
    }
    for (var offset = 1; offset <= SEARCH_DAYS; offset++) {
      var day = now.day + offset;
      var key = isoDate(day);
      if (key > range[1]) {
        break;
      }
      if (has(closed, key)) {
        continue;
      }
      var next = intervals(timed, weekday(day));
      if (next.length > 0 && has(unknown, key)) {
        return {
          state: "closed", nextDay: null, closedToday: closedToday, reason: reason,
          unknownDay: day, unknownReason: String(unknown[key] || "")
        };
      }
      if (next.length > 0) {
        return {
          state: "closed", nextDay: day, nextOpen: next[0][0],
          closedToday: closedToday, reason: reason
        };
      }
    }
    return { state: "closed", nextDay: null, closedToday: closedToday, reason: reason };
  }

  function dayWord(day, today) {
    var ahead = day - today;
    if (ahead === 0) {
      return "i dag";
    }
    if (ahead === 1) {
      return "i morgen";
    }
    if (ahead < 7) {
      return DAY_NAMES[weekday(day)];
    }
    var date = new Date(day * DAY_MS);
    return DAY_NAMES[weekday(day)] + " den " + date.getUTCDate() + ". " +
      MONTH_NAMES[date.getUTCMonth()];
  }

  function when(status, now) {
    return dayWord(status.nextDay, now.day) + " kl. " + formatClock(status.nextOpen);
  }

  /* Same wording as status_text() in tests/helpers/live_status.py. */
  function statusText(status, now) {
    if (status.state === "unknown" && status.why === "range") {
      return TEXT_OUT_OF_RANGE;
    }
    if (status.state === "unknown" && status.why === "day") {
      return TEXT_SOURCE_SILENT + "i dag (" + status.reason + ")" + DASH + "kontakt kommunen";
    }
    if (status.state === "unknown") {
      return TEXT_UNKNOWN;
    }
    if (status.state === "open") {
      return TEXT_OPEN + formatClock(status.closesAt);
    }
    var head = "Lukket";
    if (status.closedToday) {
      head = status.reason ? "Lukket i dag (" + status.reason + ")" : "Lukket i dag";
    }
    if (status.unknownDay !== undefined) {
      return head + DASH + "kilden siger ikke, om der er \u00e5bent " +
        dayWord(status.unknownDay, now.day) + " (" + status.unknownReason + ")";
    }
    if (status.nextDay === null) {
      return head + DASH + "kontakt kommunen";
    }
    return head + DASH + "\u00e5bner " + when(status, now); // "åbner"
  }

  function readPayload(element) {
    if (payloads.has(element)) {
      return payloads.get(element);
    }
    var text = (element.getAttribute("data-opening-hours") || "").trim();
    if (!text) {
      var script = element.querySelector('script[type="application/json"]');
      text = script ? script.textContent : "";
    }
    var payload = null;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      payload = null; // leave the server-rendered text in place
    }
    if (!payload || typeof payload.channels !== "object" || payload.channels === null) {
      payload = null;
    }
    payloads.set(element, payload);
    return payload;
  }

  function render(element, now) {
    var payload = readPayload(element);
    if (payload === null) {
      return;
    }
    var closed = payload.closed && typeof payload.closed === "object" ? payload.closed : {};
    var unknown = payload.unknown && typeof payload.unknown === "object" ? payload.unknown : {};
    var range = ISO_DATE.test(String(payload.from)) && ISO_DATE.test(String(payload.to))
      ? [payload.from, payload.to]
      : null; // no range: nothing is known, never "open"
    var targets = element.querySelectorAll("[data-status-for]");
    Array.prototype.forEach.call(targets, function (target) {
      var channel = target.getAttribute("data-status-for");
      if (!Object.prototype.hasOwnProperty.call(payload.channels, channel)) {
        return;
      }
      var status = statusAt(payload.channels[channel], closed, unknown, range, now);
      var text = statusText(status, now);
      if (target.textContent !== text) {
        target.textContent = text;
      }
      Object.keys(STATE_CLASSES).forEach(function (state) {
        target.classList.toggle(STATE_CLASSES[state], state === status.state);
      });
    });
  }

  function refresh() {
    var now = copenhagenNow(new Date());
    var elements = document.querySelectorAll("[data-opening-hours]");
    Array.prototype.forEach.call(elements, function (element) {
      render(element, now);
    });
  }

  /* Refresh just after each full minute (every 60 s), one timer for the whole document. */
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      refresh();
      schedule();
    }, 60000 - (Date.now() % 60000) + 50);
  }

  function start() {
    refresh();
    schedule();
  }

  window.indgangOpeningHours = { refresh: refresh };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // Material instant navigation: runs on every page
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/*
 * Indgang course finder.
 *
 * The page already lists every active course (that list is the whole answer without
 * JavaScript). This script loads the compact index built with the page (courses/index.json,
 * rows in list order), shows the filter form and only toggles `hidden` on the list items.
 * The URL carries the filters (?kommune=…&paragraf=…&soeg=…), so a filtered list can be shared
 * and the back button works. No third-party code; the only request is the index itself.
 */
(function () {
  "use strict";

  // Filters in the order of the form and the URL; "text" is the free-text search.
  var FACETS = ["municipality", "paragraph", "format", "target_group", "access", "weekday"];
  var TEXT = FACETS.length;
  var TYPING_ANNOUNCE_MS = 400;
  var popstateHandler = null;
  // The free-text parameter: macros/exports/finder.py PARAMS["text"] (a unit test keeps them equal).
  var TEXT_PARAM = "soeg";
  // Phones (Material's breakpoint below tablets): the filters start folded, so the count and
  // the first courses are near the top of the page.
  var PHONE = "(max-width: 44.9375em)";
  var MAX_SHOWN_VALUE = 60; // characters of an unknown URL value quoted back

  /* Search form of a text; the same steps as macros/exports/finder.py:fold. */
  function fold(text) {
    return String(text)
      .normalize("NFC")
      .toLowerCase()
      .replace(/[æä]/g, "ae")
      .replace(/[øö]/g, "oe")
      .replace(/å/g, "aa")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  /* A value from the URL as the form writes it: "Ikast-Brande" -> "ikast-brande",
     "82 a" -> "82a", "lørdag" -> "loerdag", "ikke oplyst" -> "ikke-oplyst". */
  function normaliseValue(facet, value) {
    var folded = fold(value);
    var provision = facet === "paragraph" && /^[0-9]/.test(folded);
    return folded.replace(/ /g, provision ? "" : "-");
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  // --- The index: what each course is, in list order --------------------------------------

  /* The index was built with this page: same format, same courses, same token. */
  function fitsPage(root, form, items, index) {
    return !!form && index.v === 1 && index.n === items.length && index.token === root.getAttribute("data-token");
  }

  /* Each course's searchable text, built once from the folded words in the index. */
  function haystacks(index) {
    var words = index.words;
    var hay = new Array(index.n);
    for (var i = 0; i < index.n; i++) {
      var parts = [
        index.courses.text[i],
        words.place[index.courses.place[i]],
        words.municipality[index.courses.municipality[i]],
        words.paragraph[index.courses.paragraph[i]],
        words.format[index.courses.format[i]]
      ];
      var tg = index.courses.target_group[i];
      for (var b = 0; tg; b++, tg >>>= 1) if (tg & 1) parts.push(words.target_group[b]);
      hay[i] = parts.join(" ");
    }
    return hay;
  }

  /* Per facet: each course's value (a position, or a bit mask for multi-valued facets), how
     many values there are and where each value sits. */
  function readIndex(index) {
    return {
      n: index.n,
      params: index.params,
      cols: FACETS.map(function (f) { return index.courses[f]; }),
      multi: FACETS.map(function (f) { return index.multi.indexOf(f) >= 0; }),
      sizes: FACETS.map(function (f) { return index.values[f].length; }),
      positions: FACETS.map(function (f) {
        var map = {};
        index.values[f].forEach(function (v, i) { map[v] = i; });
        return map;
      }),
      hay: haystacks(index)
    };
  }

  // --- The page: the list, the form and the notices ----------------------------------------

  /* The list's groups (one per municipality) and the group of each item. */
  function listGroups(root, n) {
    var sections = root.querySelectorAll(".indgang-finder__group");
    var groupOf = new Int32Array(n);
    var groups = [];
    var k = 0;
    Array.prototype.forEach.call(sections, function (section, g) {
      var count = section.querySelector(".indgang-finder__gcount");
      var total = parseInt(count.getAttribute("data-total"), 10);
      groups.push({ el: section, count: count, total: total, hidden: false });
      var m = section.querySelectorAll(".indgang-finder__item").length;
      for (var j = 0; j < m; j++) groupOf[k++] = g;
    });
    return { groups: groups, groupOf: groupOf };
  }

  /* The data of the links' values the form does not offer ("absent"), or none. */
  function absentValues(unknown) {
    try {
      return JSON.parse(unknown.getAttribute("data-absent") || "{}");
    } catch (e) {
      return {};
    }
  }

  /* Every element the finder reads or writes, found once. */
  function findPage(root, form, items, model) {
    var list = listGroups(root, model.n);
    var select = form.querySelector("#finder-kommune");
    var checks = FACETS.map(function (f) {
      if (f === "municipality") return [];
      return Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="' + model.params[f] + '"]'));
    });
    var more = form.querySelector("#finder-more");
    var unknown = root.querySelector("#finder-unknown");
    return {
      root: root,
      form: form,
      items: items,
      groups: list.groups,
      groupOf: list.groupOf,
      q: form.querySelector("#finder-q"),
      select: select,
      checks: checks,
      checkCounts: checks.map(function (boxes) {
        return boxes.map(function (cb) { return cb.parentNode.querySelector(".indgang-finder__n"); });
      }),
      selectOptions: Array.prototype.slice.call(select.options),
      more: more,
      moreChosen: form.querySelector("#finder-more-chosen"),
      filters: form.querySelector("#finder-filters"),
      filtersChosen: form.querySelector("#finder-filters-chosen"),
      unknown: unknown,
      unknownList: root.querySelector("#finder-unknown-list"),
      absent: absentValues(unknown),
      moreFacets: FACETS.map(function (f, fi) {
        return checks[fi].length > 0 && more.contains(checks[fi][0]);
      }),
      status: root.querySelector("#finder-status"),
      empty: root.querySelector("#finder-empty"),
      suggestions: root.querySelector("#finder-suggestions"),
      reset: form.querySelector("#finder-reset"),
      facetNames: FACETS.map(function (f, fi) {
        if (f === "municipality") return form.querySelector('label[for="finder-kommune"]').textContent.trim();
        var set = checks[fi].length ? checks[fi][0].closest("fieldset") : null;
        return set ? set.querySelector("legend").textContent.trim() : f;
      })
    };
  }

  // --- State: what the form asks for -------------------------------------------------------

  function readForm(model, page) {
    var state = { any: [], sel: [], mask: [], words: fold(page.q.value).split(" ").filter(Boolean), chosen: 0 };
    FACETS.forEach(function (f, fi) {
      var sel = new Uint8Array(model.sizes[fi]);
      var mask = 0;
      var any = false;
      var mark = function (value) {
        var p = model.positions[fi][value];
        if (p === undefined) return;
        sel[p] = 1;
        if (model.multi[fi]) mask |= 1 << p;
        any = true;
      };
      if (f === "municipality") {
        if (page.select.value) mark(page.select.value);
      } else {
        page.checks[fi].forEach(function (cb) { if (cb.checked) mark(cb.value); });
      }
      state.any.push(any);
      state.sel.push(sel);
      state.mask.push(mask);
    });
    return state;
  }

  function filtered(state) {
    return state.words.length > 0 || state.any.some(Boolean);
  }

  function clearFacet(page, fi) {
    if (fi === TEXT) page.q.value = "";
    else if (FACETS[fi] === "municipality") page.select.value = "";
    else page.checks[fi].forEach(function (cb) { cb.checked = false; });
  }

  function clearAll(page) {
    for (var fi = 0; fi <= TEXT; fi++) clearFacet(page, fi);
  }

  // --- Filtering ---------------------------------------------------------------------------

  function countValue(model, counts, f, v) {
    if (!model.multi[f]) {
      counts[f][v]++;
      return;
    }
    for (var b = 0; v; b++, v >>>= 1) if (v & 1) counts[f][b]++;
  }

  /* Which courses pass every filter (`show`), how many (`visible`), the count of each value
     among them (`counts`: a course failing one filter counts for that filter's values, so an
     option says what choosing it would show) and, per filter, how many more courses dropping
     it alone would show (`drop`; index TEXT for the search words). */
  function filterCourses(model, state) {
    var n = model.n;
    var cols = model.cols;
    var multi = model.multi;
    var show = new Uint8Array(n);
    var counts = model.sizes.map(function (s) { return new Int32Array(s); });
    var drop = new Int32Array(FACETS.length + 1);
    var active = [];
    for (var fi = 0; fi < FACETS.length; fi++) if (state.any[fi]) active.push(fi);
    var nActive = active.length;
    var textWords = state.words;
    var nWords = textWords.length;
    var visible = 0;

    for (var i = 0; i < n; i++) {
      var fails = 0;
      var failed = -1;
      for (var a = 0; a < nActive && fails < 2; a++) {
        var f = active[a];
        var v = cols[f][i];
        if (multi[f] ? (v & state.mask[f]) === 0 : state.sel[f][v] === 0) {
          fails++;
          failed = f;
        }
      }
      if (fails < 2 && nWords) {
        var h = model.hay[i];
        for (var w = 0; w < nWords; w++) {
          if (h.indexOf(textWords[w]) < 0) {
            fails++;
            failed = TEXT;
            break;
          }
        }
      }
      if (fails === 0) {
        show[i] = 1;
        visible++;
        for (var c = 0; c < FACETS.length; c++) countValue(model, counts, c, cols[c][i]);
      } else if (fails === 1) {
        drop[failed]++;
        if (failed !== TEXT) countValue(model, counts, failed, cols[failed][i]);
      }
    }
    return { show: show, visible: visible, counts: counts, drop: drop };
  }

  // --- Rendering ---------------------------------------------------------------------------

  /* Show the items that pass (touching only those that change, `shown` is what each shows
     now), hide empty groups and count each group's courses. */
  function renderList(page, shown, show, isFiltered) {
    var groups = page.groups;
    var groupCounts = new Int32Array(groups.length);
    for (var i = 0; i < show.length; i++) {
      if (show[i] !== shown[i]) {
        page.items[i].hidden = !show[i];
        shown[i] = show[i];
      }
      if (show[i]) groupCounts[page.groupOf[i]]++;
    }
    for (var g = 0; g < groups.length; g++) {
      var grp = groups[g];
      var hide = groupCounts[g] === 0;
      if (hide !== grp.hidden) {
        grp.el.hidden = hide;
        grp.hidden = hide;
      }
      setText(
        grp.count,
        isFiltered && groupCounts[g] !== grp.total
          ? groupCounts[g] + " af " + plural(grp.total, "kursus", "kurser")
          : plural(grp.total, "kursus", "kurser")
      );
    }
  }

  function announce(model, page, visible, isFiltered) {
    var n = model.n;
    var text;
    if (!isFiltered) text = "Viser alle " + plural(n, "kursus", "kurser") + ".";
    else if (visible === 0) text = "Ingen af de " + plural(n, "kursus", "kurser") + " passer til dine valg.";
    else text = "Viser " + visible + " af " + plural(n, "kursus", "kurser") + ".";
    setText(page.status, text);
  }

  function renderOptionCounts(model, page, counts) {
    FACETS.forEach(function (f, fi) {
      if (f === "municipality") {
        page.selectOptions.forEach(function (opt) {
          if (!opt.value) return;
          var p = model.positions[fi][opt.value];
          setText(opt, opt.getAttribute("data-label") + " (" + (p === undefined ? 0 : counts[fi][p]) + ")");
        });
        return;
      }
      page.checks[fi].forEach(function (cb, j) {
        var p = model.positions[fi][cb.value];
        if (page.checkCounts[fi][j]) setText(page.checkCounts[fi][j], "(" + (p === undefined ? 0 : counts[fi][p]) + ")");
      });
    });
  }

  function renderChosen(page, state) {
    var chosen = 0;
    var all = 0;
    FACETS.forEach(function (f, fi) {
      state.sel[fi].forEach(function (s) {
        all += s;
        if (page.moreFacets[fi]) chosen += s;
      });
    });
    setText(page.moreChosen, chosen ? "(" + chosen + " valgt)" : "");
    setText(page.filtersChosen, all ? "(" + all + " valgt)" : "");
  }

  /* Values a link asked for that the form does not offer: a municipality outside the
     catalogue (?kommune=odense) or a paragraph without courses. Said in words instead of
     silently showing everything. */
  function renderUnknown(page, asked) {
    page.unknownList.textContent = "";
    asked.forEach(function (a) {
      var li = document.createElement("li");
      var facet = "«" + page.facetNames[a.facet] + "»";
      var label = (page.absent[FACETS[a.facet]] || {})[a.value];
      var text;
      if (label && FACETS[a.facet] === "paragraph") {
        text = "Der er ingen kurser efter " + label + " i kataloget lige nu";
      } else if (label) {
        text = label + " har ingen kurser i kataloget lige nu";
      } else if (FACETS[a.facet] === "municipality") {
        text = "Kommunen «" + a.raw + "» er ikke med i kataloget";
      } else {
        text = "«" + a.raw + "» er ikke et valg under " + facet;
      }
      li.textContent = text + ", så listen er ikke filtreret efter " + facet + ".";
      page.unknownList.appendChild(li);
    });
    page.unknown.hidden = asked.length === 0;
  }

  /* Nothing passes: offer to drop the filter that hides the most courses (`choose(facet)`,
     -1 for all of them). */
  function renderEmpty(model, page, state, visible, drop, choose) {
    page.empty.hidden = visible > 0;
    if (visible > 0) return;
    var offers = [];
    FACETS.forEach(function (f, fi) {
      if (state.any[fi] && drop[fi] > 0) {
        offers.push({ n: drop[fi], facet: fi, text: "Fjern filteret «" + page.facetNames[fi] + "»" });
      }
    });
    if (state.words.length && drop[TEXT] > 0) {
      offers.push({ n: drop[TEXT], facet: TEXT, text: "Fjern søgeordet «" + page.q.value.trim() + "»" });
    }
    offers.sort(function (x, y) { return y.n - x.n; });
    if (!offers.length) offers.push({ n: model.n, facet: -1, text: "Nulstil alle filtre" });
    page.suggestions.textContent = "";
    offers.forEach(function (o) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button indgang-finder__suggestion";
      button.textContent = o.text + " – så vises " + plural(o.n, "kursus", "kurser");
      button.addEventListener("click", function () { choose(o.facet); });
      li.appendChild(button);
      page.suggestions.appendChild(li);
    });
  }

  // --- The URL -----------------------------------------------------------------------------

  function query(model, page) {
    var p = new URLSearchParams();
    var text = page.q.value.trim();
    if (text) p.append(model.params.text, text);
    FACETS.forEach(function (f, fi) {
      if (f === "municipality") {
        if (page.select.value) p.append(model.params[f], page.select.value);
      } else {
        page.checks[fi].forEach(function (cb) { if (cb.checked) p.append(model.params[f], cb.value); });
      }
    });
    var s = p.toString();
    return s ? "?" + s : "";
  }

  function writeUrl(model, page, replace) {
    var url = location.pathname + query(model, page);
    if (url === location.pathname + location.search && !location.hash) return;
    if (replace) history.replaceState({ finder: true }, "", url);
    else history.pushState({ finder: true }, "", url);
  }

  /* Set the form from the URL; returns the values it asked for that the form does not offer. */
  function readUrl(model, page) {
    var p = new URLSearchParams(location.search);
    var asked = [];
    page.q.value = p.get(model.params.text) || "";
    FACETS.forEach(function (f, fi) {
      var positions = model.positions[fi];
      var raw = p.getAll(model.params[f]);
      var wanted = raw.map(function (v) { return normaliseValue(f, v); });
      wanted.forEach(function (v, j) {
        if (v && positions[v] === undefined) {
          asked.push({ facet: fi, value: v, raw: raw[j].trim().slice(0, MAX_SHOWN_VALUE) });
        }
      });
      if (f === "municipality") {
        var known = wanted.filter(function (v) { return positions[v] !== undefined; });
        page.select.value = known.length ? known[0] : "";
      } else {
        page.checks[fi].forEach(function (cb) { cb.checked = wanted.indexOf(cb.value) >= 0; });
        if (page.moreFacets[fi] && wanted.length) page.more.open = true;
      }
    });
    return asked;
  }

  // --- Wiring ------------------------------------------------------------------------------

  function setup(root, index) {
    var form = root.querySelector("#finder-form");
    var items = root.querySelectorAll(".indgang-finder__item");
    if (!fitsPage(root, form, items, index)) {
      root.setAttribute("data-finder-state", "mismatch");
      return; // the complete list stays as it is
    }
    var model = readIndex(index);
    var page = findPage(root, form, items, model);
    var shown = new Uint8Array(model.n).fill(1); // what each item shows now
    var announceTimer = 0;
    var typing = false; // one history entry per typed search, not one per key

    /* Filter the list, update counts, status and the empty state. `quiet`: typing, so the
       screen-reader announcement waits until the user pauses. */
    function apply(quiet) {
      var state = readForm(model, page);
      var result = filterCourses(model, state);
      var visible = result.visible;
      var isFiltered = filtered(state);
      renderList(page, shown, result.show, isFiltered);
      renderOptionCounts(model, page, result.counts);
      renderChosen(page, state);
      renderEmpty(model, page, state, visible, result.drop, choose);
      clearTimeout(announceTimer);
      if (quiet) {
        announceTimer = setTimeout(function () { announce(model, page, visible, isFiltered); }, TYPING_ANNOUNCE_MS);
      } else {
        announce(model, page, visible, isFiltered);
      }
      root.setAttribute("data-finder-visible", String(visible));
    }

    function changed() {
      typing = false;
      renderUnknown(page, []); // the URL now says what the form says
      writeUrl(model, page, false);
      apply(false);
    }

    /* A suggestion of the empty state: drop one filter (-1: all), then move focus to the count. */
    function choose(facet) {
      if (facet === -1) clearAll(page);
      else clearFacet(page, facet);
      changed();
      page.status.focus();
    }

    form.addEventListener("input", function (event) {
      if (event.target !== page.q) return;
      renderUnknown(page, []);
      writeUrl(model, page, typing);
      typing = true;
      apply(true);
    });
    form.addEventListener("change", function (event) {
      if (event.target === page.q) return;
      changed();
    });
    page.q.addEventListener("blur", function () { typing = false; });
    form.addEventListener("submit", function (event) {
      event.preventDefault(); // the list is already up to date
      typing = false;
      apply(false);
    });
    page.reset.addEventListener("click", function () {
      clearAll(page);
      changed();
    });
    if (popstateHandler) window.removeEventListener("popstate", popstateHandler);
    popstateHandler = function () {
      if (!document.body.contains(root)) return;
      typing = false;
      renderUnknown(page, readUrl(model, page));
      apply(false);
    };
    window.addEventListener("popstate", popstateHandler);

    if (page.filters && window.matchMedia && window.matchMedia(PHONE).matches) page.filters.open = false;
    renderUnknown(page, readUrl(model, page));
    form.hidden = false;
    var jump = root.querySelector("#finder-jump");
    if (jump) jump.hidden = true; // the municipality filter does its job now
    var nojs = root.querySelector("#finder-nojs");
    if (nojs) nojs.hidden = true;
    apply(false);
    root.setAttribute("data-finder-ready-ms", String(Math.round(performance.now())));
    root.setAttribute("data-finder-state", "ready");
  }

  function start() {
    var root = document.querySelector("[data-indgang-finder]");
    if (!root || root.getAttribute("data-finder-state")) return;
    if (!window.fetch || !window.URLSearchParams || !window.history || !history.pushState || !"".normalize) {
      return;
    }
    root.setAttribute("data-finder-state", "loading");
    var url = new URL(root.getAttribute("data-index"), location.href);
    url.search = "?v=" + encodeURIComponent(root.getAttribute("data-token"));
    fetch(url.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("index " + response.status);
        return response.json();
      })
      .then(function (index) { setup(root, index); })
      .catch(function () {
        // Without the index the complete list stays, as without JavaScript.
        root.setAttribute("data-finder-state", "failed");
      });
  }

  /* Start when the page is parsed; with Material, on every page it shows (document$ emits
     again after an instant-navigation page change, which does not reload scripts). */
  function onParsed() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(start);
    } else {
      start();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onParsed);
  } else {
    onParsed();
  }
})();

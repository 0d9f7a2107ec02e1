/* Site search: what the search box offers besides Material's results (macros/site/search.py,
   partials/search-help.html). A query holding a crisis word from data/search_words.yaml
   ("selvmord", "krise") shows the crisis help above the results, whether or not anything was
   found; a query that finds nothing shows the next steps (the guide, the course finder, the
   municipalities) under "Ingen resultater fundet". The words are compared as typed, in lower
   case: a query word that begins with a crisis word counts ("selvmordstanker"), and a crisis
   phrase counts when the query holds it ("tage mit liv"). */
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().replace(/[^\p{L}\p{N}§]+/gu, " ").trim().split(" ").filter(Boolean);
  }

  // Whether the query holds one of the crisis words (exported for tests: indgangSearchHelp).
  function isCrisis(query, crisisWords) {
    var said = words(query);
    var text = " " + said.join(" ") + " ";
    return crisisWords.some(function (word) {
      var wanted = words(word);
      if (!wanted.length) return false;
      if (wanted.length > 1) return text.indexOf(" " + wanted.join(" ") + " ") >= 0;
      return said.some(function (w) { return w.indexOf(wanted[0]) === 0; });
    });
  }

  function init() {
    var help = document.getElementById("indgang-search-help");
    var result = document.querySelector('[data-md-component="search-result"]');
    var input = document.querySelector('[data-md-component="search-query"]');
    if (!help || !result || !input || help.dataset.ready) return;
    help.dataset.ready = "1";
    var meta = result.querySelector(".md-search-result__meta");
    var crisis = help.querySelector('[data-search-help="crisis"]');
    var empty = help.querySelector('[data-search-help="empty"]');
    var crisisWords = JSON.parse(help.dataset.crisisWords || "[]");
    var none = help.dataset.none;
    if (!meta) return;
    if (crisis) result.insertBefore(crisis, meta);
    if (empty) meta.insertAdjacentElement("afterend", empty);

    function update() {
      var query = input.value.trim();
      if (crisis) crisis.hidden = !(query && isCrisis(query, crisisWords));
      if (empty) empty.hidden = !(query && meta.textContent.trim() === none);
    }

    // Material writes its results after the search worker answers: follow what it writes.
    new MutationObserver(update).observe(result, { childList: true, subtree: true, characterData: true });
    input.addEventListener("input", update);
    update();
  }

  window.indgangSearchHelp = { isCrisis: isCrisis };
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();

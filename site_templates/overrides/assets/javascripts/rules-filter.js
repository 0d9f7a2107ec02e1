/* Rules page: filter the interface rules by provision. Without JavaScript every rule is
   shown and the form stays hidden; with it, the form appears and hides the rules that do not
   concern the chosen provision. The choice is kept in the address (?paragraf=82b). */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("[data-rule-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var rules = Array.prototype.slice.call(document.querySelectorAll(".indgang-rule"));
    var count = form.querySelector("[data-rule-count]");

    function apply(value) {
      var shown = 0;
      rules.forEach(function (rule) {
        var match = !value || (" " + rule.dataset.paragraphs + " ").indexOf(" " + value + " ") >= 0;
        rule.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = "Viser " + shown + " af " + rules.length + " regler.";
    }

    var params = new URLSearchParams(window.location.search);
    var initial = params.get("paragraf") || "";
    var radio = form.querySelector('input[name="paragraf"][value="' + CSS.escape(initial) + '"]');
    if (radio) radio.checked = true; else initial = "";
    form.hidden = false;
    apply(initial);

    form.addEventListener("change", function (event) {
      var value = event.target.value;
      var url = new URL(window.location.href);
      if (value) url.searchParams.set("paragraf", value); else url.searchParams.delete("paragraf");
      window.history.replaceState(null, "", url.toString());
      apply(value);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

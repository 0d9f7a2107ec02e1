/*
 * The guides' diagram (guide/diagram/): each diagram is drawn at its own size inside a region
 * that scrolls (see indgang.css). A flowchart starts at the top in the middle, so once Material
 * has drawn it, the region is scrolled to the middle; the first question is then in view on a
 * phone too. Nothing else changes; without JavaScript there is no diagram (the table and the
 * list say the same).
 */
(function () {
  "use strict";

  function centre(_records, observer) {
    var regions = document.querySelectorAll(".indgang-guide-diagram");
    var waiting = 0;
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      if (region.getAttribute("data-centred")) continue;
      if (!region.querySelector("div.mermaid")) { // Material replaces pre.mermaid by it
        waiting++;
        continue;
      }
      var spare = region.scrollWidth - region.clientWidth;
      if (spare > 0) region.scrollLeft = spare / 2;
      region.setAttribute("data-centred", "true");
    }
    if (!waiting && regions.length && observer) observer.disconnect();
  }

  if (!window.MutationObserver) return;
  new MutationObserver(centre).observe(document.documentElement, { childList: true, subtree: true });
})();

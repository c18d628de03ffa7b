// vierphasen: the little script the pages need beyond htmx. Everything works without it.
"use strict";

// After a refused submission the error summary gets the focus, so screen readers read it
// first and keyboard users jump from it to the fields (WCAG 3.3.1, 2.4.3).
function fokusAufZusammenfassung() {
  var z = document.getElementById("fehlerzusammenfassung");
  if (z) { z.focus(); }
}
document.addEventListener("DOMContentLoaded", fokusAufZusammenfassung);

// Content swapped by htmx is announced in the polite live region (WCAG 4.1.3): a fragment may
// carry its own announcement in `data-ansage`.
document.addEventListener("htmx:afterSwap", function (e) {
  var ziel = e.detail && e.detail.target;
  if (!ziel) { return; }
  var mit = ziel.matches("[data-ansage]") ? ziel : ziel.querySelector("[data-ansage]");
  var region = document.getElementById("statusmeldung");
  if (mit && region) {
    region.textContent = "";
    window.setTimeout(function () { region.textContent = mit.getAttribute("data-ansage"); }, 50);
  }
  // Only a swap that brings an error summary moves the focus (live updates must not).
  if (ziel.id === "fehlerzusammenfassung" || ziel.querySelector("#fehlerzusammenfassung")) {
    fokusAufZusammenfassung();
  }
});

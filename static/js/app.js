// Progressive enhancement only: every page works without this file.
import { initAll } from "./govuk-frontend.min.js";
import "./autosave.js";

initAll();

// htmx swaps new markup in without GOV.UK Frontend seeing it: start its components there,
// and move focus to an error summary so keyboard and screen-reader users hear the problem.
document.body.addEventListener("htmx:afterSwap", (event) => {
  const scope = event.detail.target;
  if (!(scope instanceof Element)) {
    return;
  }
  initAll({ scope });
  const summary = scope.querySelector(".govuk-error-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
});

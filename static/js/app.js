// Progressive enhancement only: every page works without this file.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// GOV.UK Frontend marks radios and checkboxes that reveal a follow-up question with
// aria-expanded, which ARIA does not allow on those roles (axe: aria-allowed-attr). The
// revealed question follows the choice in reading order, so nothing is lost without it.
// These listeners are on the document, so they run after GOV.UK Frontend's own.
const revealAttribute = "aria-expanded";
function removeRevealState(root) {
  root
    .querySelectorAll(`.govuk-radios__input[${revealAttribute}], .govuk-checkboxes__input[${revealAttribute}]`)
    .forEach((input) => input.removeAttribute(revealAttribute));
}
removeRevealState(document);
document.addEventListener("click", () => removeRevealState(document));
document.addEventListener("change", () => removeRevealState(document));
window.addEventListener("pageshow", () => removeRevealState(document));

// htmx swaps new markup in without GOV.UK Frontend seeing it: start its components there,
// and move focus to an error summary so keyboard and screen-reader users hear the problem;
// without one, a repeatable item's form opened in place takes focus on its heading.
document.body.addEventListener("htmx:afterSwap", (event) => {
  const scope = event.detail.target;
  if (!(scope instanceof Element)) {
    return;
  }
  initAll({ scope });
  removeRevealState(scope);
  const summary = scope.querySelector(".govuk-error-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  } else if (scope.id === "item-editor") {
    scope.querySelector("h2[tabindex]")?.focus();
  }
});


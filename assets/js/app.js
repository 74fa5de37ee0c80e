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

// A part of a form that matters only for some answers to a radio question (the override when
// someone who asked not to be contacted is chosen) is hidden until one of them is chosen.
// Without JavaScript it is always shown, and its legend says when it applies.
function showPartsForChoices(root) {
  for (const part of root.querySelectorAll("[data-shown-when-name]")) {
    const form = part.closest("form");
    const values = part.dataset.shownWhenValues.split(" ");
    const update = () => {
      const chosen = form.querySelector(`input[name="${part.dataset.shownWhenName}"]:checked`);
      part.hidden = !(chosen && values.includes(chosen.value));
    };
    form.addEventListener("change", update);
    update();
  }
}
showPartsForChoices(document);

// A form's local draft was saved to the server: the copy kept on this computer goes
// (the page shown after a successful save names it).
for (const saved of document.querySelectorAll("[data-saved-draft-key]")) {
  try {
    window.localStorage.removeItem(`leder-draft:${saved.dataset.savedDraftKey}`);
  } catch {
    // localStorage switched off: nothing was kept
  }
}

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


// The warning before a signed-in session times out: a modal dialog two minutes before, with
// "Stay signed in" (Escape too) and "Sign out". Every response says how long the session has
// left (X-Session-Seconds-Left), so htmx requests and autosaves keep the countdown true, and
// open tabs of the service tell each other, so one tab's "Stay signed in" counts for all.
const timeoutDialog = document.getElementById("session-timeout");
if (timeoutDialog && typeof timeoutDialog.showModal === "function") {
  const warnBefore = 120;
  const channel = "BroadcastChannel" in window ? new BroadcastChannel("leder-session") : null;
  let warnTimer = 0;
  let endTimer = 0;
  let returnFocusTo = null;

  const close = () => {
    if (timeoutDialog.open) {
      timeoutDialog.close();
      returnFocusTo?.focus();
    }
  };
  const expired = () => window.location.reload(); // the server sends it to sign in, and back
  const schedule = (secondsLeft) => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(() => {
      returnFocusTo = document.activeElement;
      timeoutDialog.showModal();
    }, Math.max(0, secondsLeft - warnBefore) * 1000);
    endTimer = window.setTimeout(expired, secondsLeft * 1000);
  };
  const heard = (secondsLeft, fromHere = true) => {
    if (!Number.isFinite(secondsLeft)) return;
    schedule(secondsLeft);
    close();
    if (fromHere) channel?.postMessage({ secondsLeft });
  };
  const csrfToken = () => document.querySelector(".leder-account__signout input[name=csrf_token]")?.value;
  const stay = async () => {
    try {
      const response = await fetch(timeoutDialog.dataset.keepAliveUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken() ?? "", Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) return expired();
      heard(Number((await response.json()).seconds_left));
    } catch {
      close(); // offline: the next request will say whether the session is still there
    }
  };

  timeoutDialog.addEventListener("cancel", (event) => {
    event.preventDefault(); // Escape keeps the session, as the warning says
    stay();
  });
  timeoutDialog.querySelector("[data-session-stay]").addEventListener("click", stay);
  timeoutDialog.querySelector("[data-session-sign-out]").addEventListener("click", () => {
    channel?.postMessage({ signedOut: true });
    document.querySelector(".leder-account__signout")?.requestSubmit();
  });
  channel?.addEventListener("message", (event) => {
    if (event.data.signedOut) return expired();
    heard(Number(event.data.secondsLeft), false);
  });
  document.addEventListener("leder:session-seen", (event) => heard(event.detail.secondsLeft));
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const left = event.detail.xhr?.getResponseHeader("X-Session-Seconds-Left");
    if (left !== null && left !== undefined) heard(Number(left));
  });
  heard(Number(timeoutDialog.dataset.secondsLeft));
}

// Autosave for review question pages (templates/review/page.html loads it; no other page does).
// Progressive enhancement: without it, the Save buttons do the job.
//
// A form opts in with data-autosave-url and data-autosave-key. About 2 seconds after typing
// stops, and whenever a field is left, the form is posted to its autosave URL with the version
// it was loaded with; the answer gives the new version. Until the server confirms, a copy of
// the answers is kept in localStorage, so a closed tab, a lost connection or an expired session
// never loses what was typed: the page offers to restore it when it is opened again.
// A copy belongs to one person and one page (the key names both), is removed as soon as the
// server confirms the save, and is forgotten after DRAFT_MAX_AGE_MS; signing out clears it
// too (the server sends Clear-Site-Data).
// Autosave only saves drafts: it never marks a section as complete.

const IDLE_MS = 2000;
const MAX_RETRY_MS = 60000;
const STORAGE_PREFIX = "leder-draft:";
const DRAFT_MAX_AGE_MS = 12 * 60 * 60 * 1000; // as long as a signed-in session can last
const NOT_ANSWERS = new Set(["csrf_token", "version", "edit", "action"]);

function answerPairs(form) {
  const pairs = [];
  for (const [name, value] of new FormData(form)) {
    if (!NOT_ANSWERS.has(name) && typeof value === "string") {
      pairs.push([name, value]);
    }
  }
  return pairs;
}

// localStorage can be switched off or full: the server copy is then the only one.
function readDraft(key) {
  try {
    return JSON.parse(window.localStorage.getItem(key));
  } catch {
    return null;
  }
}

function writeDraft(key, draft) {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // nothing more to do: the next autosave still goes to the server
  }
}

function dropDraft(key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // as above
  }
}

function expired(draft) {
  return !draft || typeof draft.at !== "number" || Date.now() - draft.at > DRAFT_MAX_AGE_MS;
}

// Copies older than DRAFT_MAX_AGE_MS, of any page, are not kept on this computer.
function forgetExpiredDrafts() {
  try {
    const keys = Object.keys(window.localStorage).filter((k) => k.startsWith(STORAGE_PREFIX));
    for (const key of keys) {
      if (expired(readDraft(key))) {
        dropDraft(key);
      }
    }
  } catch {
    // storage switched off: nothing is kept
  }
}

function clockTime(milliseconds) {
  return new Date(milliseconds).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

function signInUrl() {
  const here = window.location.pathname + window.location.search;
  return `/sign-in?next=${encodeURIComponent(here)}`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}

class Autosave {
  constructor(form) {
    this.form = form;
    this.url = form.dataset.autosaveUrl;
    this.key =
      STORAGE_PREFIX +
      (form.dataset.autosaveKey || form.dataset.draftKey || form.dataset.localDraftKey);
    this.status = form.querySelector("[data-autosave-status]");
    this.version = form.querySelector('input[name="version"]');
    this.csrf = form.querySelector('input[name="csrf_token"]');
    this.actions = element("div", "leder-no-print");
    this.status?.after(this.actions);
    this.timer = null;
    this.inFlight = false;
    this.dirty = false; // changed since the server last confirmed a save
    this.edits = 0;
    this.retryMs = IDLE_MS;
    this.stopped = false;
    this.submitting = false;
  }

  start() {
    this.offerRestore();
    this.form.addEventListener("input", () => this.changed(IDLE_MS));
    // "change" fires when a changed text field is left, and at once for radios and checkboxes.
    this.form.addEventListener("change", () => this.changed(0));
    this.form.addEventListener("submit", () => {
      this.submitting = true;
      window.clearTimeout(this.timer);
    });
    window.addEventListener("online", () => this.schedule(0));
    window.addEventListener("pagehide", () => this.saveOnLeaving());
  }

  changed(delay) {
    if (this.stopped) {
      return;
    }
    this.dirty = true;
    this.edits += 1;
    this.remember();
    this.schedule(delay);
  }

  remember() {
    writeDraft(this.key, {
      version: this.version?.value,
      at: Date.now(),
      fields: answerPairs(this.form),
    });
  }

  schedule(delay) {
    if (this.stopped || !this.dirty) {
      return;
    }
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(), delay);
  }

  say(text, link) {
    if (!this.status) {
      return;
    }
    this.status.textContent = text;
    this.actions.replaceChildren();
    if (link) {
      this.actions.append(link);
    }
  }

  body() {
    const data = new FormData(this.form);
    data.delete("action");
    return data;
  }

  async save() {
    if (this.inFlight) {
      this.schedule(IDLE_MS);
      return;
    }
    this.inFlight = true;
    const editsSent = this.edits;
    let response;
    try {
      response = await window.fetch(this.url, {
        method: "POST",
        body: this.body(),
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "HX-Request": "true",
          "X-CSRFToken": this.csrf.value,
        },
      });
    } catch {
      this.inFlight = false;
      this.retryLater();
      return;
    }
    this.inFlight = false;
    await this.handle(response, editsSent);
  }

  async handle(response, editsSent) {
    // The session was seen: the timeout warning counts down afresh (assets/js/app.js).
    const left = response.headers.get("X-Session-Seconds-Left");
    if (left !== null) {
      document.dispatchEvent(new CustomEvent("leder:session-seen", { detail: { secondsLeft: Number(left) } }));
    }
    if (response.ok) {
      const result = await response.json();
      this.version.value = result.version;
      this.retryMs = IDLE_MS;
      if (this.edits === editsSent) {
        this.dirty = false;
        dropDraft(this.key);
      } else {
        this.remember();
        this.schedule(IDLE_MS);
      }
      this.say(result.message);
      return;
    }
    if (response.status === 401 || response.status === 400) {
      // Signed out (or the form's token is from an old session): the copy on this computer
      // is restored when the page is opened again after signing in.
      this.stopped = true;
      const link = element("a", "govuk-link", "Sign in again to keep saving");
      link.href = signInUrl();
      this.say("You have been signed out. What you typed is kept on this computer.", link);
      return;
    }
    if (response.status === 409) {
      const result = await response.json();
      this.stopped = true;
      if (result.closed || result.locked) {
        // Nobody can save this page now (the case went on hold, the review was submitted):
        // say why; what was typed stays in this computer's copy.
        this.say(`${result.message} What you typed is kept on this computer.`);
        return;
      }
      const compare = element(
        "button",
        "govuk-button govuk-button--secondary",
        "Compare your text with the saved text",
      );
      compare.type = "submit";
      compare.name = "action";
      compare.value = "continue";
      this.say(`${result.message}. Your changes are not saved yet.`, compare);
      return;
    }
    this.retryLater();
  }

  retryLater() {
    this.say("Not saved yet — we will keep trying");
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  // A tab closed within the idle time: one last save that the browser sends even as the page
  // goes. sendBeacon cannot set headers, so the CSRF token travels in the form body.
  saveOnLeaving() {
    if (!this.dirty || this.submitting || this.stopped || !navigator.sendBeacon) {
      return;
    }
    navigator.sendBeacon(this.url, this.body());
  }

  offerRestore() {
    const draft = readDraft(this.key);
    if (expired(draft) || !Array.isArray(draft.fields)) {
      dropDraft(this.key);
      return;
    }
    if (JSON.stringify(draft.fields) === JSON.stringify(answerPairs(this.form))) {
      dropDraft(this.key);
      return;
    }
    const banner = element("div", "govuk-notification-banner leder-no-print");
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-labelledby", "autosave-draft-title");
    const header = element("div", "govuk-notification-banner__header");
    const title = element("h2", "govuk-notification-banner__title", "Important");
    title.id = "autosave-draft-title";
    header.append(title);
    const content = element("div", "govuk-notification-banner__content");
    const heading = element(
      "p",
      "govuk-notification-banner__heading",
      `You have changes from ${clockTime(draft.at)} that were not saved.`,
    );
    const buttons = element("div", "govuk-button-group");
    const restore = element("button", "govuk-button", "Restore my changes");
    const discard = element("button", "govuk-button govuk-button--secondary", "Discard them");
    restore.type = "button";
    discard.type = "button";
    restore.addEventListener("click", () => {
      this.restore(draft);
      banner.remove();
    });
    discard.addEventListener("click", () => {
      dropDraft(this.key);
      banner.remove();
    });
    buttons.append(restore, discard);
    content.append(heading, buttons);
    banner.append(header, content);
    this.form.before(banner);
  }

  restore(draft) {
    const values = new Map();
    for (const [name, value] of draft.fields) {
      values.set(name, [...(values.get(name) || []), value]);
    }
    for (const control of this.form.elements) {
      if (!control.name || NOT_ANSWERS.has(control.name) || control.type === "submit") {
        continue;
      }
      const given = values.get(control.name) || [];
      if (control.type === "radio" || control.type === "checkbox") {
        control.checked = given.includes(control.value);
      } else {
        // Fields sharing a name (day, month, year) take their values in order.
        control.value = given.shift() ?? "";
        values.set(control.name, given);
      }
      control.dispatchEvent(new Event("input", { bubbles: false }));
    }
    // Saved against the version it was typed on: if someone has saved since, the reviewer is
    // shown both texts instead of overwriting theirs.
    if (this.version) {
      this.version.value = draft.version;
    }
    this.changed(0);
  }
}

// A repeatable item's form (a conversation, a key episode, a piece of learning) keeps a copy
// on this computer while the reviewer types, offered back if the form is opened again. The
// item itself is saved by its own buttons; until then, leaving the page by another button or
// link first saves it as an unfinished item ("Save and come back later"), and if even that is
// refused the reviewer is asked. Nothing typed is thrown away without their knowing.
class ItemDraft extends Autosave {
  start() {
    this.offerRestore();
    this.form.addEventListener("input", () => this.changed(0));
    this.form.addEventListener("change", () => this.changed(0));
    this.form.addEventListener("htmx:afterRequest", (event) => {
      if (event.detail.successful && event.detail.xhr.getResponseHeader("HX-Redirect")) {
        this.saved();
      }
    });
    openItemDrafts.add(this);
  }

  schedule() {
    // Kept on this computer only: the item is saved to the server by its buttons.
  }

  saved() {
    this.dirty = false;
    dropDraft(this.key);
    openItemDrafts.delete(this);
  }

  async saveAsUnfinishedItem() {
    const data = new FormData(this.form);
    data.set("action", "later");
    try {
      // getAttribute: the form has buttons named "action", which form.action would return.
      const response = await window.fetch(this.form.getAttribute("action"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "HX-Request": "true", "X-CSRFToken": this.csrf.value },
      });
      if (response.ok && response.headers.get("HX-Redirect")) {
        this.saved();
        return true;
      }
    } catch {
      // Offline: the reviewer is asked below; the copy on this computer stays.
    }
    return false;
  }
}

const openItemDrafts = new Set();
const LEAVING = "a[href], button, input[type=submit]";
const ASK_BEFORE_LEAVING =
  "What you typed in the item you are adding or changing could not be saved. " +
  "A copy is kept on this computer and offered when you open the item again. " +
  "Leave the item anyway?";

document.addEventListener(
  "click",
  async (event) => {
    const target = event.target instanceof Element ? event.target.closest(LEAVING) : null;
    const draft = [...openItemDrafts].find(
      (each) => each.dirty && document.contains(each.form) && !each.form.contains(target),
    );
    if (!target || !draft) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if ((await draft.saveAsUnfinishedItem()) || window.confirm(ASK_BEFORE_LEAVING)) {
      openItemDrafts.delete(draft);
      target.click();
    }
  },
  true,
);

// A form that cannot be saved unfinished (a contact in the family log, which keeps every
// version for good) keeps a copy on this computer while it is typed in, offered back when the
// form is opened again; the page shown after it is saved removes the copy (app.js).
class LocalDraft extends Autosave {
  start() {
    this.offerRestore();
    this.form.addEventListener("input", () => this.changed(0));
    this.form.addEventListener("change", () => this.changed(0));
    this.say(this.form.dataset.localDraftNote);
  }

  schedule() {
    // Kept on this computer only: the form's own button saves it.
  }
}

function startForms(scope) {
  for (const form of scope.querySelectorAll("form[data-autosave-url]")) {
    new Autosave(form).start();
  }
  for (const form of scope.querySelectorAll("form[data-draft-key]")) {
    new ItemDraft(form).start();
  }
  for (const form of scope.querySelectorAll("form[data-local-draft-key]")) {
    new LocalDraft(form).start();
  }
}

forgetExpiredDrafts();
startForms(document);
document.body.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target instanceof Element) {
    startForms(event.detail.target);
  }
});

// The cause of death: turn each ICD-10 text input into an accessible type-ahead of WHO ICD-10
// codes. Progressive enhancement only: without this file (or JavaScript) the reviewer types the
// code or words from its title, and the server finds the code.
const accessibleAutocomplete = window.accessibleAutocomplete;
const source = document.querySelector("script[data-icd10-source]")?.dataset.icd10Source;
const WAIT_MS = 250;

// One request at a time per input: an answer that arrives after a newer query is dropped.
// `status.pending` says a request is on its way, so the menu says so rather than "No codes".
function suggester(status) {
  let timer = null;
  let latest = "";
  return (query, populateResults) => {
    latest = query;
    status.pending = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      try {
        const url = `${source}&q=${encodeURIComponent(query)}`;
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (query !== latest) {
          return; // a newer query has its own request
        }
        const codes = response.ok ? await response.json() : [];
        status.pending = false;
        populateResults(codes.map((each) => each.label));
      } catch {
        status.pending = false;
        populateResults([]);
      }
    }, WAIT_MS);
  };
}

function enhance(input) {
  const { id, name, value } = input;
  const describedBy = input.getAttribute("aria-describedby");
  const hasError = input.classList.contains("govuk-input--error");
  const container = document.createElement("div");
  const status = { pending: false };
  input.replaceWith(container);
  accessibleAutocomplete({
    element: container,
    id,
    name,
    defaultValue: value,
    source: suggester(status),
    minLength: 2,
    confirmOnBlur: false,
    showNoOptionsFound: true,
    inputClasses: hasError ? "govuk-input--error" : null,
    tNoResults: () =>
      status.pending ? "Looking for codes…" : "No codes found: try other words, or the start of a code",
    tStatusQueryTooShort: (length) => `Type ${length} or more characters for codes`,
  });
  const enhanced = document.getElementById(id);
  if (!enhanced) {
    return;
  }
  // The component rewrites aria-describedby as it renders, dropping the field's hint and
  // error; put them back whenever that happens.
  const wanted = [`${id}__assistiveHint`, describedBy].filter(Boolean).join(" ");
  const describe = () => {
    if (enhanced.getAttribute("aria-describedby") !== wanted) {
      enhanced.setAttribute("aria-describedby", wanted);
    }
  };
  describe();
  new MutationObserver(describe).observe(enhanced, {
    attributes: true,
    attributeFilter: ["aria-describedby"],
  });
}

if (accessibleAutocomplete && source) {
  document.querySelectorAll('input[data-module="leder-icd10-autocomplete"]').forEach(enhance);
}

// Notify a death: turn the ICB <select> into an accessible type-ahead.
// Progressive enhancement only: without this file (or JavaScript) the select works as it is.
const accessibleAutocomplete = window.accessibleAutocomplete;

function enhance(select) {
  const id = select.id;
  const describedBy = [`${id}__assistiveHint`, select.getAttribute("aria-describedby")]
    .filter(Boolean)
    .join(" ");
  let input = null;
  accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: "",
    showAllValues: true,
    inputClasses: select.classList.contains("govuk-select--error") ? "govuk-input--error" : null,
    ariaHint: false,
    // What the input shows is what is sent: text that names no ICB (cleared, or typed and
    // not chosen) clears the choice, so an earlier ICB is never sent by mistake.
    onConfirm: (chosen) => {
      const text = chosen ?? (input ? input.value : "");
      const option = [...select.options].find((each) => each.value && each.textContent === text);
      select.value = option ? option.value : "";
    },
  });
  input = document.getElementById(id);
  if (!input) {
    return;
  }
  // The component rewrites aria-describedby as it renders, dropping the field's hint and
  // error; put them back whenever that happens.
  const describe = () => {
    if (input.getAttribute("aria-describedby") !== describedBy) {
      input.setAttribute("aria-describedby", describedBy);
    }
  };
  describe();
  new MutationObserver(describe).observe(input, {
    attributes: true,
    attributeFilter: ["aria-describedby"],
  });
}

if (accessibleAutocomplete) {
  document.querySelectorAll('select[data-module="leder-icb-autocomplete"]').forEach(enhance);
}

// Binds django-import-export's "Select all" toggle without an inline handler,
// so it works under the site's Content Security Policy.
document.addEventListener("change", function (event) {
  if (event.target.matches(".select-toggle") && typeof window.onSelectToggleChange === "function") {
    window.onSelectToggleChange(event);
  }
});

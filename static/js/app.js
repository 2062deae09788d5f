// Small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  // After an htmx swap, move focus to the new content's heading or error
  // summary so keyboard and screen-reader users know what changed.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.querySelector) return;
    var focusable = target.querySelector("[data-focus-on-swap]");
    if (focusable) {
      if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
      focusable.focus();
    }
  });
  // Before htmx adds an address to the browser's history:
  // - the same address as the current one is replaced, not pushed again, so
  //   Back always goes to the previous state (a search box fires "input" and
  //   then "change" on blur: two requests for one state);
  // - after the step-1 form created a response, the /start/ entry behind us
  //   becomes step 1 of that response, so Back shows the saved answers on the
  //   person's own link instead of a blank form that would start a second
  //   questionnaire. The new page's back link is that step's address.
  document.addEventListener("htmx:beforeHistoryUpdate", function (event) {
    var update = event.detail.history;
    if (!update || update.type !== "push") return;
    if (new URL(update.path, location.href).href === location.href) {
      update.type = "replace";
      return;
    }
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!source || !source.closest || !source.closest("[data-starts-response]")) return;
    var page = new DOMParser().parseFromString(event.detail.xhr.responseText, "text/html");
    var back = page.querySelector(".back-link[href]");
    if (back) history.replaceState({ htmx: true }, "", back.getAttribute("href"));
  });
  // A confirmation rendered into a full page (after a plain form post) is
  // brought into view and focused, so it is seen and read out. After "load",
  // because scrolling to the address's #fragment would take the focus away.
  window.addEventListener("load", function () {
    var message = document.querySelector("[data-focus-on-load]");
    if (!message) return;
    window.setTimeout(function () {
      if (!message.hasAttribute("tabindex")) message.setAttribute("tabindex", "-1");
      message.focus({ preventScroll: true });
      message.scrollIntoView({ block: "nearest" });
    }, 0);
  });
  // Questions asked only after a given answer (data_region after "only within
  // one jurisdiction"): hidden until that answer is chosen. Without this
  // script they stay visible and their question starts with "Only if …".
  function updateConditionalQuestions(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-asked-if]"), function (group) {
      var form = group.closest("form");
      if (!form) return;
      var chosen = form.querySelector(
        "input[name='" + group.getAttribute("data-asked-if") + "']:checked"
      );
      group.hidden = !chosen || chosen.value !== group.getAttribute("data-asked-value");
    });
  }
  updateConditionalQuestions(document);
  document.addEventListener("htmx:load", function (event) { updateConditionalQuestions(event.detail.elt); });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[type='radio']")) {
      updateConditionalQuestions(document);
    }
  });
  // Buttons that copy a link: <button data-copy="#input-id" hidden>; they
  // are hidden until this script can make them work.
  function revealCopyButtons(root) {
    if (!navigator.clipboard) return;
    Array.prototype.forEach.call(root.querySelectorAll("[data-copy][hidden]"), function (button) {
      button.hidden = false;
    });
  }
  revealCopyButtons(document);
  document.addEventListener("htmx:load", function (event) { revealCopyButtons(event.detail.elt); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.querySelector(button.getAttribute("data-copy"));
    if (!input || !navigator.clipboard) return;
    navigator.clipboard.writeText(input.value).then(function () {
      var status = document.querySelector(button.getAttribute("data-copy-status") || "#copy-status");
      if (status) status.textContent = "Link copied to the clipboard.";
    });
  });
})();
